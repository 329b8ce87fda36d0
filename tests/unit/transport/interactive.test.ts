import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

describe('nc at the terminal', () => {
  it('a foreground listener waits in virtual time until Ctrl+C, then frees its port', () => {
    const m = createMachine({ seed: 3, world: 'host' });
    let out = '';
    const job = m.start('nc -l -p 8080', (t) => (out += t));
    for (let i = 0; i < 20 && !job.done; i++) job.step();
    expect(job.done).toBe(false);
    job.interrupt();
    for (let i = 0; i < 20 && !job.done; i++) job.step();
    expect(job.done).toBe(true);
    expect(out).toBe('');
    // The port is free again: another listener binds it and a client connects.
    m.run('nc -lk -p 8080 > /dev/null &');
    expect(m.run('nc -zv 127.0.0.1 8080').output).toBe('Connection to 127.0.0.1 8080 port [tcp/http-alt] succeeded!\n');
  });

  it('a background listener prints what it receives into a file the shell can read', () => {
    const m = createMachine({ seed: 4, world: 'host' });
    m.run('nc -l -p 9000 > /tmp/got &');
    expect(m.run('echo "over the loopback" | nc -N 127.0.0.1 9000').exitCode).toBe(0);
    m.run('sleep 0.1');
    expect(m.run('cat /tmp/got').output).toBe('over the loopback\n');
  });
});
