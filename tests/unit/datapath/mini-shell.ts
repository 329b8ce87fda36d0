/**
 * A minimal stand-in for the machine's shell, for datapath tests: runs scenario lines made of
 * plain words (no quoting, pipes or redirections) through the registered commands on a bare
 * kernel, with `sleep` advancing virtual time, and prints record-real's transcript format.
 */
import { CommandRegistry, defaultCommands } from '../../../sim/commands/registry.ts';
import type { ProcContext, Wait } from '../../../sim/shell/process.ts';
import { newLab, type Lab } from './helpers.ts';

export function runScenario(text: string, lab: Lab = newLab()): string {
  const registry = new CommandRegistry(defaultCommands());
  const machine = { kernel: lab.k, commands: registry };
  const clock = lab.k.state.clock;
  let transcript = '';
  let out = '';
  function* exec(argv: string[], netnsId: number): Generator<Wait, number, void> {
    if (argv[0] === 'sleep') {
      yield { kind: 'sleep', ms: Number(argv[1]) * 1000 };
      return 0;
    }
    const mod = registry.get(argv[0]);
    if (!mod) {
      out += `bash: line 1: ${argv[0]}: command not found\n`;
      return 127;
    }
    const ctx = {
      argv, env: new Map(), stdin: '', machine, netnsId, pid: 100, signal: { interrupted: false }, isTTY: false,
      out: (t: string) => void (out += t),
      err: (t: string) => void (out += t),
      spawn: (a: string[], o?: { netnsId?: number }) => exec(a, o?.netnsId ?? netnsId),
      sh: function* () { return 127; },
    } as unknown as ProcContext;
    return yield* mod.run(ctx);
  }
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    transcript += `$ ${line}\n`;
    out = '';
    const gen = exec(line.trim().split(/\s+/), 0);
    let r = gen.next();
    while (!r.done) {
      const w = r.value;
      const limit = w.kind === 'sleep' ? clock.now() + w.ms : w.timeoutMs !== undefined ? clock.now() + w.timeoutMs : Infinity;
      for (;;) {
        if (w.kind === 'until' && w.ready()) break;
        if (clock.now() >= limit) break;
        const next = lab.timers.next();
        const to = next !== undefined && next <= limit ? Math.max(next, clock.now()) : limit;
        if (!Number.isFinite(to)) throw new Error(`blocks for ever: ${line}`);
        lab.timers.advanceTo(to);
      }
      r = gen.next();
    }
    // Each line is a new process: a few milliseconds pass between commands.
    lab.advance(5);
    transcript += out;
    if (r.value !== 0) transcript += `[exit ${r.value}]\n`;
  }
  return transcript;
}
