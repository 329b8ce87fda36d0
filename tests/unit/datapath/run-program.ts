/**
 * Runs a program generator against a kernel without the shell: waits are honoured in virtual
 * time, stepping timer by timer so that `until` conditions are re-checked whenever something
 * ran, as the machine's scheduler does.
 */
import type { ProcContext, Program, Signal } from '../../../sim/shell/process.ts';
import type { Lab } from './helpers.ts';

export interface ProgramResult {
  output: string;
  exitCode: number;
  elapsedMs: number;
}

export function runProgram(lab: Lab, program: Program, argv: string[], opts: { netnsId?: number; interruptAfterMs?: number; fs?: unknown } = {}): ProgramResult {
  let output = '';
  const signal: Signal = { interrupted: false };
  const clock = lab.k.state.clock;
  const start = clock.now();
  const ctx = {
    argv, env: new Map(), stdin: '', machine: { kernel: lab.k, fs: opts.fs }, netnsId: opts.netnsId ?? 0, pid: 100, signal, isTTY: true,
    out: (t: string) => void (output += t),
    err: (t: string) => void (output += t),
  } as unknown as ProcContext;
  const gen = program(ctx);
  const interruptAt = opts.interruptAfterMs !== undefined ? start + opts.interruptAfterMs : Infinity;
  let r = gen.next();
  let guard = 0;
  while (!r.done) {
    if (++guard > 1_000_000) throw new Error('program never finished');
    const w = r.value;
    const limit = Math.min(interruptAt, w.kind === 'sleep' ? clock.now() + w.ms : w.timeoutMs !== undefined ? clock.now() + w.timeoutMs : Infinity);
    for (;;) {
      if (w.kind === 'until' && w.ready()) break;
      if (clock.now() >= interruptAt) {
        signal.interrupted = true;
        break;
      }
      if (clock.now() >= limit) break;
      const next = lab.timers.next();
      const to = next !== undefined && next <= limit ? Math.max(next, clock.now()) : limit;
      if (!Number.isFinite(to)) throw new Error('program blocks for ever');
      lab.timers.advanceTo(to);
      if (w.kind === 'sleep' && clock.now() >= limit) break;
    }
    r = gen.next();
  }
  return { output, exitCode: r.value, elapsedMs: clock.now() - start };
}
