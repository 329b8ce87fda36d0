/**
 * A bridge's forwarding database. Entries are kept in insertion order in
 * `BridgeState.fdb` (printers walk it backwards: the kernel adds to the head of its list),
 * with a private index by MAC so lookups on the datapath are O(1).
 *
 * Local entries are the bridge's and its ports' own MACs ("is local? yes"); an entry whose
 * `port` is the bridge's own ifindex is the bridge's address when no port carries it.
 */
import type { BridgeState, FdbEntry, Link } from './types.ts';

const index = new WeakMap<BridgeState, Map<string, FdbEntry>>();

function idx(br: BridgeState): Map<string, FdbEntry> {
  let m = index.get(br);
  if (!m) {
    m = new Map(br.fdb.map((e) => [e.mac, e]));
    index.set(br, m);
  }
  return m;
}

/** The entry for `mac`, if any (the datapath's br_fdb_find). */
export function fdbLookup(bridge: Link, mac: string): FdbEntry | undefined {
  return bridge.bridge && idx(bridge.bridge).get(mac);
}

/** Adds a local (permanent) entry unless one exists for that MAC already (fdb_add_local). */
export function fdbAddLocal(bridge: Link, port: number, mac: string, now: number): void {
  const br = bridge.bridge!;
  if (mac === '00:00:00:00:00:00') return;
  const have = idx(br).get(mac);
  if (have) {
    if (have.local) return;
    fdbRemove(bridge, have);
  }
  const e: FdbEntry = { mac, port, local: true, permanent: true, updatedAt: now };
  br.fdb.push(e);
  idx(br).set(mac, e);
}

/** Removes one entry. */
export function fdbRemove(bridge: Link, e: FdbEntry): void {
  const br = bridge.bridge!;
  const i = br.fdb.indexOf(e);
  if (i >= 0) br.fdb.splice(i, 1);
  if (idx(br).get(e.mac) === e) idx(br).delete(e.mac);
}

/**
 * Learns `mac` on port `port` (br_fdb_update): creates a dynamic entry, or moves and refreshes
 * an existing dynamic one. Local entries are never overwritten by learning.
 */
export function fdbLearn(bridge: Link, port: number, mac: string, now: number): void {
  const br = bridge.bridge!;
  const b0 = parseInt(mac.slice(0, 2), 16);
  if (b0 & 1 || mac === '00:00:00:00:00:00') return;
  const have = idx(br).get(mac);
  if (have) {
    if (have.local) return;
    have.port = port;
    have.updatedAt = now;
    return;
  }
  const e: FdbEntry = { mac, port, local: false, permanent: false, updatedAt: now };
  br.fdb.push(e);
  idx(br).set(mac, e);
}

/** Drops dynamic entries older than the ageing time (br_fdb_cleanup). */
export function fdbAge(bridge: Link, now: number): void {
  const br = bridge.bridge!;
  for (const e of [...br.fdb]) if (!e.permanent && now - e.updatedAt >= br.ageingTime) fdbRemove(bridge, e);
}

/** Removes a port's entries: dynamic ones only, or all of them (port left the bridge). */
export function fdbDeletePort(bridge: Link, port: number, includeLocal: boolean): void {
  const br = bridge.bridge!;
  for (const e of [...br.fdb]) if (e.port === port && (includeLocal || !e.permanent)) fdbRemove(bridge, e);
}

/** Entries in the order `bridge fdb show` and `brctl showmacs` print them (newest first). */
export function fdbEntries(bridge: Link): FdbEntry[] {
  return [...(bridge.bridge?.fdb ?? [])].reverse();
}

/** A static entry added by the user (`bridge fdb add MAC dev PORT master`): permanent, not local. */
export function fdbAddStatic(bridge: Link, port: number, mac: string, now: number): void {
  const br = bridge.bridge!;
  const have = idx(br).get(mac);
  if (have) fdbRemove(bridge, have);
  const e: FdbEntry = { mac, port, local: false, permanent: true, updatedAt: now };
  br.fdb.push(e);
  idx(br).set(mac, e);
}
