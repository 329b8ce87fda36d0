/**
 * ss on a terminal: the spare width is spread over the columns (render_calc_width's second
 * pass). The expected screens were recorded on the reference system with
 * `script -qc 'stty cols N; ss -tln'` in a private namespace (trailing spaces kept); the
 * pipe/file layout is covered by the fidelity scenario transport-ss.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

function listening() {
  const m = createMachine({ seed: 1, world: 'bare' });
  m.run('ip link set lo up');
  m.run('nc -l -p 8080 > /dev/null &');
  return m;
}

describe('ss on a terminal', () => {
  it('spreads 100 columns as the real ss does', () => {
    expect(listening().run('COLUMNS=100 ss -tln').output).toBe(
      'State      Recv-Q     Send-Q         Local Address:Port           Peer Address:Port     Process     \n' +
        'LISTEN     0          1                    0.0.0.0:8080                0.0.0.0:*                    \n',
    );
  });
  it('breaks the line when the columns do not fit in 60', () => {
    expect(listening().run('COLUMNS=60 ss -tln').output).toBe(
      'State  Recv-Q Send-Q Local Address:Port   Peer Address:Port Process                                                     \n' +
        'LISTEN 0      1            0.0.0.0:8080        0.0.0.0:*                                                                \n',
    );
  });
});

describe('ss input errors', () => {
  it('rejects an unknown state and a bad expression without output', () => {
    const m = listening();
    expect(m.run('ss state bogus', { mode: 'bash-c' })).toMatchObject({ output: 'ss: wrong state name: bogus\n', exitCode: 255 });
    const r = m.run('ss -tln sport = :nosuchservice', { mode: 'bash-c' });
    expect(r).toMatchObject({ stdout: '', stderr: 'Error: "nosuchservice" does not look like a port.\nCannot parse dst/src address.\n', exitCode: 1 });
  });
});
