/**
 * Network namespaces: their creation and the namespace ids ("nsid") they assign to each other.
 *
 * An nsid is local to the namespace that assigned it: namespace A may know B as 0 while B
 * knows A as 3. The kernel allocates one on demand (peernet2id_alloc) the first time a
 * namespace must name another one, e.g. when it reports a veth whose peer lives there
 * (`link-netnsid N`); `ip netns set NAME ID` assigns one explicitly. Allocation takes the
 * lowest free id from 0, as idr_alloc does.
 */
import type { Netns } from './types.ts';

/** A fresh namespace record with no devices (the caller registers `lo`). */
export function newNetns(id: number, name: string | undefined, seq: number): Netns {
  return {
    id,
    name,
    links: new Map(),
    nextIndex: 1,
    addrs4: [],
    addrs6: [],
    routes: [],
    neigh: [],
    sysctl: new Map(),
    nsids: new Map(),
    ext: {},
    createdSeq: seq,
  };
}

/** The nsid `from` has assigned to `to`, if any. */
export function nsidOf(from: Netns, to: Netns): number | undefined {
  if (from === to) return undefined;
  return from.nsids.get(to.id);
}

/** Ids in use per namespace, kept in step with `nsids` by the functions below. */
const usedIds = new WeakMap<Netns, Set<number>>();
function used(ns: Netns): Set<number> {
  let u = usedIds.get(ns);
  if (!u) {
    u = new Set(ns.nsids.values());
    usedIds.set(ns, u);
  }
  return u;
}

/** The nsid `from` uses for `to`, allocating the lowest free one when there is none yet. */
export function nsidAlloc(from: Netns, to: Netns): number {
  const have = from.nsids.get(to.id);
  if (have !== undefined) return have;
  const u = used(from);
  let id = 0;
  while (u.has(id)) id++;
  nsidSet(from, to.id, id);
  return id;
}

/** Records an nsid (ip netns set). */
export function nsidSet(from: Netns, toId: number, id: number): void {
  from.nsids.set(toId, id);
  used(from).add(id);
}

/** Forgets the nsid `from` had for namespace `toId` (it was destroyed). */
export function nsidForget(from: Netns, toId: number): void {
  const id = from.nsids.get(toId);
  if (id === undefined) return;
  from.nsids.delete(toId);
  used(from).delete(id);
}

/** Which namespace `from` knows as `nsid`, if any. */
export function netnsByNsid(from: Netns, nsid: number): number | undefined {
  for (const [other, id] of from.nsids) if (id === nsid) return other;
  return undefined;
}
