import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

const bare = () => createMachine({ seed: 1, world: 'bare' });

describe('interactive shell', () => {
  it('prints bash messages without the -c line prefix', () => {
    const m = bare();
    expect(m.run('foo')).toMatchObject({ output: 'bash: foo: command not found\n', exitCode: 127 });
    expect(m.run('echo )')).toMatchObject({ output: "bash: syntax error near unexpected token `)'\n", exitCode: 2 });
    expect(m.run('cd /nope')).toMatchObject({ output: 'bash: cd: /nope: No such file or directory\n', exitCode: 1 });
  });

  it('uses the bash -c prefix in bash-c mode, as record-real runs lines', () => {
    const m = bare();
    expect(m.run('foo', { mode: 'bash-c' }).output).toBe('bash: line 1: foo: command not found\n');
  });

  it('keeps cwd, variables, $? and history between lines; the prompt follows cwd', () => {
    const m = bare();
    expect(m.prompt()).toBe('root@host:~# ');
    m.run('cd /tmp');
    m.run('X=42');
    m.run('false');
    expect(m.run('echo $? $X; pwd').output).toBe('1 42\n/tmp\n');
    expect(m.prompt()).toBe('root@host:/tmp# ');
    expect(m.history).toEqual(['cd /tmp', 'X=42', 'false', 'echo $? $X; pwd']);
    expect(m.run('history 2').output).toBe('    4  echo $? $X; pwd\n    5  history 2\n');
  });

  it('does not carry state between bash-c lines', () => {
    const m = bare();
    m.run('cd /tmp; X=1', { mode: 'bash-c' });
    expect(m.run('pwd; echo "[$X]"', { mode: 'bash-c' }).output).toBe('/root\n[]\n');
  });

  it('separates stdout and stderr and keeps their order in output', () => {
    const r = bare().run('echo a; echo b >&2; echo c');
    expect(r).toMatchObject({ output: 'a\nb\nc\n', stdout: 'a\nc\n', stderr: 'b\n', exitCode: 0 });
  });

  it('is deterministic for the same seed and lines', () => {
    const lines = ['ip link add va type veth peer name vb', 'ip link show va', 'echo $RANDOM'];
    const out = (seed: number) => {
      const m = createMachine({ seed, world: 'bare' });
      return lines.map((l) => m.run(l).output).join('');
    };
    expect(out(5)).toBe(out(5));
  });
});

describe('virtual time and jobs', () => {
  it('sleep advances virtual time without blocking', () => {
    const m = bare();
    const t0 = m.clock.now();
    expect(m.run('sleep 90').exitCode).toBe(0);
    expect(m.clock.now() - t0).toBe(90000);
  });

  it('runs background jobs between foreground commands and reports them', () => {
    const m = bare();
    expect(m.run('sleep 5 &').output).toBe('[1] 3\n');
    expect(m.run('jobs').output).toBe('[1]+  Running                 sleep 5 &\n');
    // bash reaps the job as it waits for the foreground sleep and reports it at once.
    expect(m.run('sleep 6').output).toBe('[1]+  Done                    sleep 5\n');
    expect(m.run('echo next').output).toBe('next\n');
    expect(m.run('jobs').output).toBe('');
  });

  it('kill %1 terminates a job and wait reports 143', () => {
    const m = bare();
    m.run('sleep 100 &');
    expect(m.run('kill %1; wait %1; echo $?').output).toBe('[1]+  Terminated              sleep 100\n143\n');
  });

  it('lists the processes of jobs with their namespace', () => {
    const m = bare();
    m.run('ip netns add blue');
    m.run('ip netns exec blue sleep 100 &');
    const inBlue = m.procs.list().filter((p) => p.netnsId !== 0);
    expect(inBlue.map((p) => p.argv)).toEqual([['sleep', '100']]);
    expect(m.run('ip netns pids blue').output).toBe(`${inBlue[0].pid}\n`);
  });

  it('interrupts an endless foreground command at the virtual time cap', () => {
    const m = bare();
    const r = m.run('sleep 100000; echo never', { timeCapMs: 10_000 });
    expect(r).toMatchObject({ output: '', exitCode: 130 });
    expect(m.clock.now()).toBe(10_000);
  });

  it('a loop that never waits cannot freeze run() or step()', () => {
    const m = bare();
    expect(m.run('while true; do :; done; echo never').exitCode).toBe(130);
    const job = m.start('while true; do :; done', () => {});
    expect(job.step()).toBe(0);
    job.interrupt();
    let guard = 0;
    while (!job.done && guard++ < 100) job.step();
    expect(job.done).toBe(true);
    expect(job.exitCode).toBe(130);
  });

  it('streams output step by step and stops on Ctrl+C', () => {
    const m = createMachine({ seed: 1, world: 'host' });
    let out = '';
    const job = m.start('ping 127.0.0.1', (t) => (out += t));
    const waits: number[] = [];
    for (let i = 0; i < 4 && !job.done; i++) waits.push(job.step());
    expect(waits.slice(1).every((w) => w > 0 && w <= 1000)).toBe(true);
    const replies = out.split('\n').filter((l) => l.includes('icmp_seq')).length;
    expect(replies).toBeGreaterThanOrEqual(2);
    job.interrupt();
    while (!job.done) job.step();
    expect(out).toMatch(/--- 127\.0\.0\.1 ping statistics ---/);
    expect(job.exitCode).toBe(0);
  });
});

describe('completion', () => {
  it('completes command names, then files', () => {
    const m = bare();
    expect(m.complete('ech')).toEqual({ from: 0, to: 3, candidates: ['echo'] });
    expect(m.complete('cat /etc/host').candidates).toEqual(['/etc/hostname', '/etc/hosts']);
    expect(m.complete('echo a | gr').candidates).toEqual(['grep']);
  });
});
