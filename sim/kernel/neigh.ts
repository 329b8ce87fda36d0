/**
 * The neighbour (ARP) table of a namespace. The datapath creates and confirms entries while
 * resolving (neighResolve/neighConfirm); `ip neigh` adds, replaces, deletes and flushes them.
 * The kernel dumps its hash table, whose order depends on a per-boot random seed; entries are
 * kept in creation order here.
 */
import type { Kernel } from './kernel.ts';
import type { Neighbour, NeighState, Netns } from './types.ts';
import { fail, ok, type KResult } from './errno.ts';

/** The entry for `address` on device `index`, if any. */
export function neighLookup(ns: Netns, index: number, address: string): Neighbour | undefined {
  return ns.neigh.find((n) => n.index === index && n.address === address);
}

/** RTM_NEWNEIGH: `create` without `replace` fails on an existing entry (EEXIST). */
export function neighSet(
  k: Kernel,
  ns: Netns,
  req: { index: number; address: string; lladdr?: string; state: NeighState; replace: boolean; create: boolean },
): KResult {
  const have = neighLookup(ns, req.index, req.address);
  if (have && !req.replace) return fail('EEXIST');
  if (!have && !req.create) return fail('ENOENT');
  if (!req.lladdr && req.state !== 'NOARP' && req.state !== 'INCOMPLETE' && req.state !== 'FAILED' && !have?.lladdr) {
    return fail('EINVAL', 'No link layer address given');
  }
  const now = k.state.clock.now();
  if (have) {
    if (req.lladdr) have.lladdr = req.lladdr;
    have.state = req.state;
    have.updatedAt = now;
  } else {
    ns.neigh.push({ index: req.index, address: req.address, lladdr: req.lladdr, state: req.state, updatedAt: now });
  }
  return ok(undefined);
}

/** RTM_DELNEIGH. */
export function neighDelete(ns: Netns, index: number, address: string): KResult {
  const i = ns.neigh.findIndex((n) => n.index === index && n.address === address);
  if (i < 0) return fail('ENOENT');
  ns.neigh.splice(i, 1);
  return ok(undefined);
}

/** Datapath: an entry created while resolving (INCOMPLETE), or the existing one. */
export function neighResolve(k: Kernel, ns: Netns, index: number, address: string): Neighbour {
  let n = neighLookup(ns, index, address);
  if (!n) {
    n = { index, address, state: 'INCOMPLETE', updatedAt: k.state.clock.now() };
    ns.neigh.push(n);
  }
  return n;
}

/** Datapath: a reply (or a request from the host) confirmed `address` at `lladdr`. */
export function neighConfirm(k: Kernel, ns: Netns, index: number, address: string, lladdr: string): Neighbour {
  const n = neighResolve(k, ns, index, address);
  if (n.state === 'PERMANENT' || n.state === 'NOARP') return n;
  n.lladdr = lladdr;
  n.state = 'REACHABLE';
  n.updatedAt = k.state.clock.now();
  return n;
}

/** The state an entry shows now: REACHABLE turns STALE after base_reachable_time (30 s). */
export function neighStateNow(k: Kernel, n: Neighbour): NeighState {
  if (n.state === 'REACHABLE' && k.state.clock.now() - n.updatedAt > 30000) return 'STALE';
  return n.state;
}

/** Drops the non-permanent entries of a device (flush on down; all of them on delete). */
export function neighFlushDev(k: Kernel, netnsId: number, index: number, includePermanent = true): number {
  const ns = k.netns(netnsId);
  if (!ns) return 0;
  const before = ns.neigh.length;
  ns.neigh = ns.neigh.filter((n) => n.index !== index || (!includePermanent && (n.state === 'PERMANENT' || n.state === 'NOARP')));
  return before - ns.neigh.length;
}
