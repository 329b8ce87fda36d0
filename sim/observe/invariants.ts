/**
 * Structural invariants of the kernel state, checked after every command by the property
 * tests: each veth has a live peer pointing back; a bridge port's master is a bridge in its
 * own namespace; device names and indexes are unique per namespace; nothing (address,
 * route, neighbour) refers to a device that is gone. Returns the violations found, as text.
 */
import type { Kernel } from '../kernel/kernel.ts';

export function checkInvariants(k: Kernel): string[] {
  const bad: string[] = [];
  for (const [nsId, ns] of k.state.netns) {
    const where = `netns ${ns.name ?? (nsId === 0 ? 'host' : `#${nsId}`)}`;
    if (ns.id !== nsId) bad.push(`${where}: keyed ${nsId} but has id ${ns.id}`);
    const names = new Set<string>();
    for (const [idx, l] of ns.links) {
      if (l.index !== idx) bad.push(`${where}: ${l.name} keyed ${idx} but has index ${l.index}`);
      if (l.netnsId !== nsId) bad.push(`${where}: ${l.name} says it lives in netns ${l.netnsId}`);
      if (names.has(l.name)) bad.push(`${where}: two devices named ${l.name}`);
      names.add(l.name);
      if (k.linkByName(nsId, l.name) !== l) bad.push(`${where}: name index does not lead to ${l.name}`);
      if (l.kind === 'veth') {
        const p = l.peer && k.linkByIndex(l.peer.netnsId, l.peer.index);
        if (!p) bad.push(`${where}: veth ${l.name} has no live peer`);
        else if (p.kind !== 'veth' || p.peer?.netnsId !== nsId || p.peer.index !== l.index) bad.push(`${where}: veth ${l.name}'s peer ${p.name} does not point back`);
      }
      if (l.master !== undefined) {
        const m = ns.links.get(l.master);
        if (!m) bad.push(`${where}: ${l.name}'s master ${l.master} is not in its namespace`);
        else if (m.kind !== 'bridge') bad.push(`${where}: ${l.name}'s master ${m.name} is not a bridge`);
      }
    }
    for (const a of ns.addrs4) if (!ns.links.has(a.index)) bad.push(`${where}: address ${a.address}/${a.prefixLen} on deleted link ${a.index}`);
    for (const a of ns.addrs6) if (!ns.links.has(a.index)) bad.push(`${where}: address ${a.address}/${a.prefixLen} on deleted link ${a.index}`);
    for (const r of ns.routes) if (r.dev !== undefined && !ns.links.has(r.dev)) bad.push(`${where}: route ${r.dst}/${r.dstLen} table ${r.table} via deleted link ${r.dev}`);
    for (const n of ns.neigh) if (!ns.links.has(n.index)) bad.push(`${where}: neighbour ${n.address} on deleted link ${n.index}`);
  }
  return bad;
}
