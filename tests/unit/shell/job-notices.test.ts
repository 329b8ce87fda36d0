import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

const bare = () => createMachine({ seed: 1, world: 'bare' });

/**
 * Expected outputs were taken from bash 5.2 run interactively under a pty (script -c
 * 'bash -i'), one line at a time: bash learns that a background job ended when it next
 * waits for a child or reads a line, and prints the notice just before a prompt.
 */
describe('interactive background job notices', () => {
  it('reports a job killed by a builtin kill after the next line, not at once', () => {
    const m = bare();
    m.run('sleep 100 &');
    expect(m.run('kill %1').output).toBe('');
    expect(m.run('echo a').output).toBe('a\n[1]+  Terminated              sleep 100\n');
    expect(m.run('jobs').output).toBe('');
  });

  it('reports a job at once when the line then waits for a foreground program', () => {
    const m = bare();
    m.run('sleep 100 &');
    expect(m.run('kill -9 %1; sleep 0.1; echo c').output).toBe('[1]+  Killed                  sleep 100\nc\n');
    expect(m.run('sleep 0.2 & sleep 0.5; echo d').output).toBe('[1] 6\n[1]+  Done                    sleep 0.2\nd\n');
  });

  it('jobs still lists a just-killed job as Running; a finished older job loses its mark', () => {
    const m = bare();
    m.run('sleep 100 &');
    expect(m.run('kill %1; jobs').output).toBe('[1]+  Running                 sleep 100 &\n');
    const r = m.run('false &').output;
    expect(r).toMatch(/^\[2\] \d+\n\[1\]   Terminated              sleep 100\n$/);
    expect(m.run('echo g').output).toBe('g\n[2]+  Exit 1                  false\n');
  });
});

describe('bash -c background job endings', () => {
  const c = (line: string) => bare().run(line, { mode: 'bash-c' }).output;
  it('reports only signals other than TERM and INT, with the pid, when it reaps', () => {
    expect(c('sleep 100 & kill %1; wait; echo $?')).toBe('0\n');
    expect(c('sleep 100 & kill -9 %1; wait; echo $?')).toMatch(/^bash: line 1: +\d+ Killed {18}sleep 100\n0\n$/);
    expect(c('sleep 100 & kill -HUP $!; sleep 0.1; echo x')).toMatch(/^bash: line 1: +\d+ Hangup {18}sleep 100\nx\n$/);
  });

  it('drops finished jobs quietly once it has waited for a program; wait PID still knows the status', () => {
    expect(c('sleep 100 & kill %1; jobs')).toBe('[1]+  Running                 sleep 100 &\n');
    expect(c('false & sleep 0.1; jobs; wait $!; echo $?')).toBe('1\n');
  });
});

describe('wait in an interactive shell', () => {
  it('reports the job it waited for, also one that ended while the shell sat at the prompt', () => {
    const m = bare();
    m.run('sleep 100 &');
    expect(m.run('kill %1; wait; echo $?').output).toBe('[1]+  Terminated              sleep 100\n0\n');
    m.run('sleep 0.1 &');
    m.run('sleep 1', { mode: 'bash-c' });
    expect(m.run('wait $!; echo $?').output).toBe('[1]+  Done                    sleep 0.1\n0\n');
  });
});
