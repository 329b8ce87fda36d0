/**
 * The terminal's width reaches the simulated shell: the session hands xterm's column count to
 * the machine, whose shell exposes it as COLUMNS, and ss fits its columns to it instead of 80.
 */
import { describe, expect, it } from 'vitest';
import { LabSession } from '../../../src/lab/session.ts';
import { simulatorFactory } from '../../../src/lab/machine-port.ts';
import { instant, memoryStore, output } from './session-support.ts';

function session(): LabSession {
  return new LabSession({ id: 'width', world: 'host', setup: [], seed: 1 }, simulatorFactory, undefined, instant);
}

describe('terminal width', () => {
  it('COLUMNS follows every resize, and survives Reset', async () => {
    const s = session();
    s.resize(132);
    expect(await output(s, 'echo $COLUMNS')).toBe('132\n');
    s.resize(57);
    expect(await output(s, 'echo $COLUMNS')).toBe('57\n');
    s.reset();
    expect(await output(s, 'echo $COLUMNS')).toBe('57\n');
  });

  it('ignores a width that is not a positive whole number', async () => {
    const s = session();
    s.resize(90);
    s.resize(0);
    s.resize(Number.NaN);
    expect(await output(s, 'echo $COLUMNS')).toBe('90\n');
  });

  it('ss spreads its table over the whole width', async () => {
    const s = session();
    await output(s, 'nc -l -p 8080 &');
    const widest = async (cols: number) => {
      s.resize(cols);
      return Math.max(...(await output(s, 'ss -tln')).split('\n').map((l) => l.length));
    };
    // ss pads its columns to fill the screen: the header line is as wide as the terminal.
    expect(await widest(80)).toBe(80);
    expect(await widest(150)).toBe(150);
  });

  it('a reload replays the saved log at the width the terminal has then', async () => {
    const store = memoryStore();
    const config = { id: 'width', world: 'host' as const, setup: [], seed: 1 };
    const first = new LabSession(config, simulatorFactory, store, instant);
    first.resize(100);
    await output(first, 'echo $COLUMNS');
    const reloaded = new LabSession({ ...config, columns: 100 }, simulatorFactory, store, instant);
    expect(reloaded.transcript).toBe('root@host:~# echo $COLUMNS\n100\n');
    expect(await output(reloaded, 'echo $COLUMNS')).toBe('100\n');
  });
});
