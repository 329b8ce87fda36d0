/**
 * Builds small topologies on a bare kernel for datapath unit tests, and runs virtual time.
 */
import { createKernel, type Kernel } from '../../../sim/kernel/kernel.ts';
import { createClock } from '../../../sim/kernel/clock.ts';
import { createRng } from '../../../sim/kernel/rng.ts';
import { TimerQueue } from '../../../sim/kernel/timers.ts';
import type { Link, Netns } from '../../../sim/kernel/types.ts';
import { datapathOf, openEchoSocket, sendPacket } from '../../../sim/kernel/datapath/index.ts';
import type { EchoError, EchoReply } from '../../../sim/kernel/datapath/index.ts';

export interface Lab {
  k: Kernel;
  timers: TimerQueue;
  advance(ms: number): void;
  ns(name: string): Netns;
  link(ns: Netns, name: string): Link;
}

export function newLab(): Lab {
  const clock = createClock();
  const timers = new TimerQueue(clock);
  const k = createKernel({ clock, rng: createRng(7), timers });
  datapathOf(k);
  return {
    k,
    timers,
    advance: (ms) => timers.advanceTo(clock.now() + ms),
    ns: (name) => (name === 'host' ? k.host : k.netnsByName(name) ?? (k.netnsAdd(name) as { ok: true; value: Netns }).value),
    link: (ns, name) => k.linkByName(ns.id, name)!,
  };
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`kernel op failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** A veth pair `a`@nsA (addrA) -- `b`@nsB (addrB), both up. */
export function vethPair(lab: Lab, nsA: Netns, a: string, addrA: string | undefined, nsB: Netns, b: string, addrB: string | undefined, up = true): [Link, Link] {
  const la = must(lab.k.vethAdd({ name: a, ns: nsA, peerName: b, peerNs: nsB }));
  const lb = lab.link(nsB, b);
  for (const [l, addr] of [[la, addrA], [lb, addrB]] as const) {
    if (addr) {
      const [ip, len] = addr.split('/');
      must(lab.k.addrAdd(l, { address: ip, prefixLen: Number(len), scope: 'global' }));
    }
    if (up) lab.k.linkSetUp(l, true);
  }
  return [la, lb];
}

export function up(lab: Lab, l: Link): void {
  lab.k.linkSetUp(l, true);
}

/** Sends one echo request and collects what comes back within `waitMs`. */
export function echo(lab: Lab, ns: Netns, dst: string, opts: { ttl?: number; waitMs?: number; seq?: number; dataLen?: number } = {}) {
  const replies: EchoReply[] = [];
  const errors: EchoError[] = [];
  const sock = openEchoSocket(lab.k, ns.id, { onReply: (r) => replies.push(r), onError: (e) => errors.push(e) });
  const res = sendPacket(lab.k, ns.id, {
    src: '', dst, ttl: opts.ttl ?? 64, tos: 0, id: 0, df: true,
    l4: { proto: 'icmp', icmp: { type: 8, code: 0, id: sock.id, seq: opts.seq ?? 1, dataLen: opts.dataLen ?? 56 } },
  });
  lab.advance(opts.waitMs ?? 10);
  sock.close();
  return { res, replies, errors };
}

export { must };
