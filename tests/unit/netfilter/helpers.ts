/**
 * Test helpers: a real Kernel with netfilter installed, and a way to run the netfilter
 * commands against one of its namespaces without the shell (the shell has its own tests).
 */
import { Kernel } from '../../../sim/kernel/kernel.ts';
import { createClock } from '../../../sim/kernel/clock.ts';
import { createRng } from '../../../sim/kernel/rng.ts';
import { TimerQueue } from '../../../sim/kernel/timers.ts';
import { install } from '../../../sim/kernel/netfilter/index.ts';
import type { CommandModule, ProcContext, Wait } from '../../../sim/shell/process.ts';
import type { Netns } from '../../../sim/kernel/types.ts';

export function makeKernel(seed = 1): Kernel {
  const clock = createClock();
  const k = new Kernel({ clock, rng: createRng(seed), timers: new TimerQueue(clock) });
  install(k);
  return k;
}

export interface CmdResult {
  out: string;
  err: string;
  /** stdout and stderr merged in write order. */
  all: string;
  code: number;
}

/** Runs a command module with argv in namespace `ns` of kernel `k`. */
export function runCmd(k: Kernel, mod: CommandModule, argv: string[], opts: { ns?: Netns; stdin?: string; files?: Record<string, string> } = {}): CmdResult {
  let out = '', err = '', all = '';
  const files = opts.files ?? {};
  const machine = {
    kernel: k,
    fs: {
      readFile(segs: string[]) {
        const p = '/' + segs.join('/');
        return p in files ? { ok: true, value: files[p] } : { ok: false, errno: 'ENOENT' };
      },
    },
  };
  const ctx = {
    argv, env: new Map(), stdin: opts.stdin ?? '', machine, netnsId: (opts.ns ?? k.host).id, pid: 100,
    signal: { interrupted: false }, isTTY: false, cwd: '/',
    out: (t: string) => { out += t; all += t; },
    err: (t: string) => { err += t; all += t; },
    *spawn() { return 0; },
    *sh() { return 0; },
  } as unknown as ProcContext;
  const g = mod.run(ctx);
  let r = g.next();
  while (!r.done) r = g.next();
  return { out, err, all, code: r.value };
}

export type { Wait };
