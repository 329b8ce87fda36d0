/**
 * Forwarding information base lookups as the kernel does them: the local table first (local and
 * broadcast addresses), then main and default by longest prefix and metric; source address
 * selection (inet_select_addr) for locally generated packets.
 *
 * If the control plane keeps the local table (table 255) in `netns.routes`, it is used as is;
 * otherwise the local routes are derived from the addresses on running devices, which is what
 * the kernel keeps in that table.
 */
import type { Ipv4Address, Link, Netns, Route } from '../types.ts';
import type { Errno } from '../errno.ts';
import { inPrefix, ipToInt, isLimitedBroadcast, isMulticast, maskOf, subnetBroadcast } from './ipv4.ts';

/** A successful lookup. `nextHop` is the gateway, or the destination itself when on-link. */
export interface FibHit {
  ok: true;
  type: 'unicast' | 'local' | 'broadcast' | 'multicast';
  dev: Link;
  nextHop: string;
  /** Preferred source (route `src`), when the route has one. */
  prefsrc?: string;
  route?: Route;
  /** Route scope as a number (0 global, 253 link, 254 host), for source selection. */
  scope: number;
}

export type FibResult = FibHit | { ok: false; errno: Errno };

const SCOPES: Record<string, number> = { global: 0, site: 200, link: 253, host: 254, nowhere: 255 };

/** Numeric scope of a route or address, as the kernel compares them. */
export function scopeNum(s: Route['scope'] | Ipv4Address['scope']): number {
  return typeof s === 'number' ? s : SCOPES[s] ?? 0;
}

function hasLocalTable(ns: Netns): boolean {
  for (const r of ns.routes) if (r.table === 255 && !r.dst.includes(':')) return true;
  return false;
}

/** Classifies `dst` against the local table: a local address, a broadcast address, or neither. */
export function localLookup(ns: Netns, dst: string): { type: 'local' | 'broadcast'; dev: Link } | undefined {
  if (isLimitedBroadcast(dst)) {
    return undefined; // routed by the main table to the outgoing device, then sent as broadcast
  }
  if (hasLocalTable(ns)) {
    for (const r of ns.routes) {
      if (r.table !== 255 || (r.type !== 'local' && r.type !== 'broadcast') || r.dst.includes(':')) continue;
      if (!inPrefix(dst, r.dst, r.dstLen)) continue;
      const dev = r.dev !== undefined ? ns.links.get(r.dev) : undefined;
      if (dev && (r.type === 'local' || dev.flags.up)) return { type: r.type, dev };
    }
    return undefined;
  }
  // The kernel adds an address's local route whatever the device state and keeps it when the
  // device goes down (scope host routes survive fib_sync_down_dev); broadcast routes need it up.
  for (const a of ns.addrs4) {
    const dev = ns.links.get(a.index);
    if (!dev) continue;
    if (a.address === dst) return { type: 'local', dev };
    if (dev.kind === 'loopback' && inPrefix(dst, a.address, a.prefixLen)) return { type: 'local', dev };
    if (!dev.flags.up) continue;
    if (a.prefixLen < 31 && dst === (a.broadcast ?? subnetBroadcast(a.address, a.prefixLen))) return { type: 'broadcast', dev };
  }
  return undefined;
}

/** Longest-prefix match over main (254) then default (253) tables; `oif` restricts the output device. */
export function mainLookup(ns: Netns, dst: string, oif?: number): Route | undefined {
  const d = ipToInt(dst);
  let best: Route | undefined;
  let bestRank = -1;
  for (const r of ns.routes) {
    if (r.table === 255 || r.dst.includes(':')) continue;
    const m = maskOf(r.dstLen);
    if (((d & m) >>> 0) !== ((ipToInt(r.dst) & m) >>> 0)) continue;
    if (r.dev !== undefined) {
      const dev = ns.links.get(r.dev);
      if (!dev || !dev.flags.up) continue;
      if (oif !== undefined && r.dev !== oif) continue;
    } else if (oif !== undefined && (r.type === 'unicast' || r.type === 'local')) continue;
    // main before default at equal length; then the lowest metric.
    const rank = r.dstLen * 4 + (r.table === 254 ? 2 : r.table === 253 ? 0 : 1);
    if (rank > bestRank || (rank === bestRank && (r.metric ?? 0) < (best?.metric ?? 0))) {
      best = r;
      bestRank = rank;
    }
  }
  return best;
}

function routeError(r: Route): Errno | undefined {
  switch (r.type) {
    case 'unreachable': return 'EHOSTUNREACH';
    case 'prohibit': return 'EACCES';
    case 'blackhole': return 'EINVAL';
    default: return undefined;
  }
}

/**
 * Output route lookup for a locally generated packet (ip_route_output). With `oif` (a socket
 * bound to a device) and no matching route, the kernel assumes the destination is on-link.
 */
export function routeOutput(ns: Netns, dst: string, oif?: number): FibResult {
  if (dst === '0.0.0.0') {
    // No destination means this host: the kernel routes it to 127.0.0.1 through loopback.
    const lo = [...ns.links.values()].find((l) => l.kind === 'loopback');
    if (lo) return { ok: true, type: 'local', dev: lo, nextHop: '127.0.0.1', prefsrc: '127.0.0.1', scope: 254 };
  }
  const local = localLookup(ns, dst);
  if (local && (oif === undefined || local.dev.index === oif || local.type === 'local')) {
    return { ok: true, type: local.type, dev: local.dev, nextHop: dst, scope: 254 };
  }
  if (isMulticast(dst) && oif !== undefined) {
    const dev = ns.links.get(oif);
    if (dev) return { ok: true, type: 'multicast', dev, nextHop: dst, scope: 253 };
  }
  const r = mainLookup(ns, dst, oif);
  if (!r) {
    if (oif !== undefined) {
      const dev = ns.links.get(oif);
      if (dev && dev.flags.up) return { ok: true, type: 'unicast', dev, nextHop: dst, scope: 253 };
    }
    return { ok: false, errno: 'ENETUNREACH' };
  }
  const err = routeError(r);
  if (err) return { ok: false, errno: err };
  const dev = r.dev !== undefined ? ns.links.get(r.dev) : undefined;
  if (!dev) return { ok: false, errno: 'ENETUNREACH' };
  const type = isLimitedBroadcast(dst) ? 'broadcast' : isMulticast(dst) ? 'multicast' : 'unicast';
  return { ok: true, type, dev, nextHop: r.gateway ?? dst, prefsrc: r.prefsrc, route: r, scope: r.gateway ? 253 : 254 };
}

/**
 * Input route lookup for a packet received on `inDev` (ip_route_input): local delivery, or
 * forwarding through the main table. Forwarding off makes the kernel treat the packet as
 * having no route, which it drops without an ICMP error.
 */
export function routeInput(ns: Netns, dst: string, forwarding: boolean): FibResult | { ok: false; errno: Errno; silent: boolean } {
  const local = localLookup(ns, dst);
  if (local) return { ok: true, type: local.type, dev: local.dev, nextHop: dst, scope: 254 };
  if (isLimitedBroadcast(dst)) {
    const lo = [...ns.links.values()].find((l) => l.kind === 'loopback');
    if (lo) return { ok: true, type: 'broadcast', dev: lo, nextHop: dst, scope: 254 };
  }
  if (isMulticast(dst)) return { ok: false, errno: 'EINVAL', silent: true };
  if (!forwarding) return { ok: false, errno: 'EHOSTUNREACH', silent: true };
  const out = routeOutput(ns, dst);
  if (!out.ok) return { ok: false, errno: out.errno, silent: false };
  return out;
}

/**
 * Source address selection (inet_select_addr): the first primary address on `dev` within
 * `scope` whose subnet holds `near`, else the first primary one there, else the first
 * non-link-scope primary address on any device.
 */
export function selectSource(ns: Netns, dev: Link, near: string, scope: number): string | undefined {
  let first: string | undefined;
  for (const a of ns.addrs4) {
    if (a.index !== dev.index || a.secondary || scopeNum(a.scope) > scope) continue;
    if (inPrefix(near, a.address, a.prefixLen)) return a.address;
    first ??= a.address;
  }
  if (first) return first;
  const byIndex = [...ns.links.values()].sort((x, y) => x.index - y.index);
  for (const l of byIndex) {
    for (const a of ns.addrs4) {
      if (a.index !== l.index || a.secondary) continue;
      const s = scopeNum(a.scope);
      if (s !== 253 && s <= scope) return a.address;
    }
  }
  return undefined;
}

/** The source address the kernel picks for a packet from this namespace along `hit`. */
export function sourceFor(ns: Netns, hit: FibHit, dst: string): string | undefined {
  if (hit.prefsrc) return hit.prefsrc;
  if (hit.type === 'local') return dst;
  return selectSource(ns, hit.dev, hit.nextHop, hit.scope);
}
