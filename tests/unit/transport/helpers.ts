/**
 * Two namespaces joined by a veth pair, with the datapath and the transport layer installed,
 * for socket-level tests that run before (and beside) the shell.
 */
import { newLab, vethPair, type Lab } from '../datapath/helpers.ts';
import { install, type Transport } from '../../../sim/kernel/transport/index.ts';
import type { Netns } from '../../../sim/kernel/types.ts';

export interface Pair {
  lab: Lab;
  t: Transport;
  a: Netns;
  b: Netns;
}

/** a (10.0.0.1) -- b (10.0.0.2) with lo up in both. */
export function pair(): Pair {
  const lab = newLab();
  const t = install(lab.k);
  const a = lab.ns('a');
  const b = lab.ns('b');
  for (const ns of [a, b]) lab.k.linkSetUp(lab.link(ns, 'lo'), true);
  vethPair(lab, a, 'va', '10.0.0.1/24', b, 'vb', '10.0.0.2/24');
  return { lab, t, a, b };
}

/** Runs a generator to completion, advancing virtual time whenever it waits. */
export function drive<T>(lab: Lab, gen: Generator<{ kind: string; ms?: number; ready?: () => boolean; timeoutMs?: number }, T, void>): { value: T; elapsed: number } {
  const start = lab.k.state.clock.now();
  let r = gen.next();
  for (let guard = 0; !r.done && guard < 100000; guard++) {
    const w = r.value;
    if (w.kind === 'sleep') lab.advance(w.ms ?? 0);
    else {
      const deadline = w.timeoutMs !== undefined ? lab.k.state.clock.now() + w.timeoutMs : Infinity;
      while (!w.ready!() && lab.k.state.clock.now() < deadline) {
        const next = lab.timers.next();
        if (next === undefined) break;
        lab.timers.advanceTo(Math.min(next, deadline));
      }
      if (!w.ready!() && deadline !== Infinity) lab.timers.advanceTo(deadline);
    }
    r = gen.next();
  }
  if (!r.done) throw new Error('generator did not finish');
  return { value: r.value, elapsed: lab.k.state.clock.now() - start };
}
