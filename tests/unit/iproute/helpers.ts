/**
 * A tiny stand-in for the shell while sim/machine.ts is being built: runs one command line
 * (words split on spaces, `;`-free) against a Kernel with the iproute group's commands, and
 * a port of ../shared/tools/normalize-transcript for comparing with real recordings.
 */
import { createClock } from '../../../sim/kernel/clock.ts';
import { createRng } from '../../../sim/kernel/rng.ts';
import { TimerQueue } from '../../../sim/kernel/timers.ts';
import { createKernel, type Kernel } from '../../../sim/kernel/kernel.ts';
import { iprouteCommands } from '../../../sim/commands/group-iproute.ts';
import type { ProcContext, Wait } from '../../../sim/shell/process.ts';

export interface FakeMachine {
  kernel: Kernel;
  timers: TimerQueue;
  run(line: string): { output: string; exitCode: number };
}

function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export function fakeMachine(seed = 1): FakeMachine {
  const clock = createClock();
  const timers = new TimerQueue(clock);
  const kernel = createKernel({ clock, rng: createRng(seed), timers });
  const machine = { kernel, procs: { list: () => [] } };
  const exec = (argv: string[], netnsId: number, out: (s: string) => void): Generator<Wait, number, void> => {
    const mod = iprouteCommands.find((c) => c.name === argv[0] || c.aliases?.includes(argv[0]));
    if (argv[0] === 'sleep') {
      timers.advanceTo(clock.now() + Number(argv[1]) * 1000);
      return (function* () {
        return 0;
      })();
    }
    if (argv[0] === 'true') return (function* () { return 0; })();
    if (!mod) {
      return (function* () {
        out(`bash: ${argv[0]}: command not found\n`);
        return 127;
      })();
    }
    const ctx: ProcContext = {
      argv,
      env: new Map(),
      stdin: '',
      out,
      err: out,
      machine: machine as never,
      netnsId,
      pid: 100,
      signal: { interrupted: false },
      isTTY: false,
      spawn: (a, o) => exec(a, o?.netnsId ?? netnsId, out),
      sh: () => (function* () { return 0; })(),
    };
    return mod.run(ctx);
  };
  return {
    kernel,
    timers,
    run(line) {
      let output = '';
      const g = exec(tokenize(line), 0, (s) => (output += s));
      let r = g.next();
      while (!r.done) {
        const w = r.value;
        if (w.kind === 'sleep') timers.advanceTo(clock.now() + w.ms);
        r = g.next();
      }
      // Commands take a few ms on the real machine; timers due "now" run between lines.
      timers.advanceTo(clock.now());
      return { output, exitCode: r.value };
    },
  };
}

/** Port of normalize-transcript. */
export function normalize(text: string): string {
  const mac = (m: string) => {
    const v = m.toLowerCase();
    return v === '00:00:00:00:00:00' || v === 'ff:ff:ff:ff:ff:ff' ? v : '<mac>';
  };
  const out = text.split('\n').map((line) => {
    line = line.replace(/time=[0-9.]+ ms/g, 'time=T ms');
    line = line.replace(/\b(8000)\.([0-9a-f]{12})\b/g, (_m, a: string, b: string) => a + '.' + mac(b.match(/../g)!.join(':')));
    line = line.replace(/\b(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}\b/g, mac);
    line = line.replace(/\bfe80::[0-9a-f:]+/g, '<fe80>');
    line = line.replace(/ (tentative|dadfailed)\b/g, '');
    line = line.replace(/((?:RX|TX) (?:packets|errors) )\d+(.*)/, (_m, a: string, b: string) => a + 'N' + b.replace(/\d+(\.\d+)?( [KMG]?i?B)?/g, 'N'));
    return line.replace(/\s+$/, '');
  });
  return out.join('\n').replace(/\s+$/, '') + '\n';
}

/** Replays a scenario as record-real does and returns the transcript. */
export function replay(m: FakeMachine, scenario: string): string {
  let t = '';
  for (const line of scenario.split('\n')) {
    if (line.replaceAll(' ', '') === '' || line.startsWith('#')) continue;
    const r = m.run(line);
    t += `$ ${line}\n${r.output}${r.exitCode ? `[exit ${r.exitCode}]\n` : ''}`;
  }
  return t;
}
