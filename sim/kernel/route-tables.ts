/**
 * Which IPv4 routing tables exist in a namespace. The kernel creates a table the first time a
 * route goes into it and keeps it (empty) until the namespace dies; only main exists in a
 * fresh namespace, so `ip route show table local` fails there until an address is added.
 */
import type { Netns } from './types.ts';

const tables = new WeakMap<Netns, Set<number>>();

/** Notes that table `id` now exists in `ns`. */
export function markTable(ns: Netns, id: number): void {
  let t = tables.get(ns);
  if (!t) {
    t = new Set([254]);
    tables.set(ns, t);
  }
  t.add(id);
}

/** Whether table `id` exists in `ns` (fib_get_table). */
export function tableExists(ns: Netns, id: number): boolean {
  return id === 254 || (tables.get(ns)?.has(id) ?? false);
}
