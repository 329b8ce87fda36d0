/**
 * The socket table of one network namespace (kept in `netns.ext.sockets`): the bind table
 * with the kernel's conflict rules (SO_REUSEADDR, SO_REUSEPORT, TIME_WAIT), lookups for
 * incoming segments and datagrams (an exact connection first, then the best listener), and
 * ephemeral ports drawn from the seeded generator within net.ipv4.ip_local_port_range.
 */
import type { Netns } from '../types.ts';
import type { Rng } from '../rng.ts';
import { fail, ok, type KResult } from '../errno.ts';
import { localLookup } from '../datapath/fib.ts';
import type { Proto, Sock } from './types.ts';

export const ANY = '0.0.0.0';

/** Sockets of one namespace, in creation order. */
export interface NsSockets {
  socks: Sock[];
}

/** The namespace's socket table, created on first use. */
export function nsSockets(ns: Netns): NsSockets {
  let t = ns.ext.sockets as NsSockets | undefined;
  if (!t) ns.ext.sockets = t = { socks: [] };
  return t;
}

/** Removes a socket from its namespace's table (its port is free again). */
export function unlinkSock(ns: Netns, s: Sock): void {
  const t = nsSockets(ns);
  const i = t.socks.indexOf(s);
  if (i >= 0) t.socks.splice(i, 1);
  s.bound = false;
}

/** True when `addr` is one of the namespace's own addresses (inet_addr_type() == RTN_LOCAL). */
export function isLocalAddress(ns: Netns, addr: string): boolean {
  return localLookup(ns, addr)?.type === 'local';
}

function overlaps(a: string, b: string): boolean {
  return a === ANY || b === ANY || a === b;
}

/**
 * Whether two sockets' families share a port space: an AF_INET6 socket on `::` without
 * IPV6_V6ONLY also takes the IPv4 port; a V6ONLY one only IPv6 (inet_bind_conflict).
 */
function sameSpace(a: Sock, b: Sock): boolean {
  if ((a.family === 6) === (b.family === 6)) return true;
  const v6 = a.family === 6 ? a : b;
  return !v6.v6only;
}

/** Would binding `s` to addr:port clash with a socket already holding that port? */
function conflicts(ns: Netns, s: Sock, addr: string, port: number): boolean {
  for (const o of nsSockets(ns).socks) {
    if (o === s || o.proto !== s.proto || !o.bound || o.lport !== port) continue;
    if ((o.family === 6) === (s.family === 6) ? !overlaps(o.laddr, addr) : !sameSpace(o, s)) continue;
    if (s.reusePort && o.reusePort) continue;
    if (s.proto === 'tcp') {
      // inet_csk_bind_conflict: two SO_REUSEADDR sockets share a port unless one listens.
      if (s.reuseAddr && o.reuseAddr && o.state !== 'LISTEN') continue;
      if (o.state === 'TIME_WAIT' && s.reuseAddr) continue;
    } else if (s.reuseAddr && o.reuseAddr) {
      continue;
    }
    return true;
  }
  return false;
}

/** bind(): EADDRNOTAVAIL for an address that is not ours, EADDRINUSE for a taken port, EINVAL when already bound. */
export function bindSock(ns: Netns, s: Sock, addr: string, port: number, rng: Rng): KResult {
  if (s.bound) return fail('EINVAL');
  // AF_INET6: only the unspecified address exists here (no IPv6 addresses are modelled).
  if (s.family === 6 ? addr !== '::' : addr !== ANY && !isLocalAddress(ns, addr)) return fail('EADDRNOTAVAIL');
  if (port === 0) {
    const p = ephemeralPort(ns, s, addr, rng, 1);
    if (p === undefined) return fail('EADDRINUSE');
    port = p;
  } else if (conflicts(ns, s, addr, port)) {
    return fail('EADDRINUSE');
  }
  s.laddr = addr;
  s.lport = port;
  s.bound = true;
  const t = nsSockets(ns);
  if (!t.socks.includes(s)) t.socks.push(s);
  return ok(undefined);
}

/** The namespace's ephemeral range (net.ipv4.ip_local_port_range), 32768-60999 by default. */
export function portRange(ns: Netns): [number, number] {
  const v = ns.sysctl.get('net.ipv4.ip_local_port_range');
  const m = v?.trim().split(/\s+/).map(Number);
  if (m && m.length === 2 && m.every((x) => Number.isInteger(x) && x > 0 && x < 65536) && m[0] <= m[1]) return [m[0], m[1]];
  return [32768, 60999];
}

/**
 * A free port in the ephemeral range. The kernel starts at a random offset and walks the
 * range in steps of two: connect() prefers even ports, bind(0) odd ones, so that the two
 * rarely compete (`parity` 0 for connect, 1 for bind).
 */
export function ephemeralPort(ns: Netns, s: Sock, addr: string, rng: Rng, parity: 0 | 1): number | undefined {
  const [lo, hi] = portRange(ns);
  const n = hi - lo + 1;
  let offset = rng.int(0, n - 1);
  if (((lo + offset) & 1) !== parity) offset = (offset + 1) % n;
  for (const pass of [0, 1]) {
    for (let i = 0; i < n; i += 2) {
      const port = lo + ((offset + i + pass) % n);
      if (!conflicts(ns, s, addr, port) && !nsSockets(ns).socks.some((o) => o.proto === s.proto && o.bound && o.lport === port)) return port;
    }
  }
  return undefined;
}

/** The connection a TCP segment belongs to (any state but LISTEN), by its four-tuple. */
export function lookupConnection(ns: Netns, proto: Proto, src: string, sport: number, dst: string, dport: number): Sock | undefined {
  for (const s of nsSockets(ns).socks) {
    if (s.proto !== proto || s.state === 'LISTEN' || s.state === 'CLOSED') continue;
    if (s.lport === dport && s.rport === sport && s.raddr === src && s.laddr === dst) return s;
  }
  for (const l of nsSockets(ns).socks) {
    if (l.state !== 'LISTEN' || l.lport !== dport) continue;
    for (const c of l.synQueue) if (c.rport === sport && c.raddr === src && c.laddr === dst) return c;
  }
  return undefined;
}

/** The listener for dst:dport: a socket bound to that address beats one bound to 0.0.0.0. */
export function lookupListener(ns: Netns, dst: string, dport: number): Sock | undefined {
  let wild: Sock | undefined;
  for (const s of nsSockets(ns).socks) {
    if (s.proto !== 'tcp' || s.state !== 'LISTEN' || s.lport !== dport) continue;
    if (s.laddr === dst) return s;
    if (s.laddr === ANY) wild ??= s;
  }
  return wild;
}

/** The UDP socket for a datagram: connected and address-bound sockets score higher (udp4_lib_lookup). */
export function lookupUdp(ns: Netns, src: string, sport: number, dst: string, dport: number): Sock | undefined {
  let best: Sock | undefined;
  let bestScore = -1;
  for (const s of nsSockets(ns).socks) {
    if (s.proto !== 'udp' || !s.bound || s.lport !== dport) continue;
    let score = 0;
    if (s.laddr !== ANY) {
      if (s.laddr !== dst) continue;
      score += 4;
    }
    if (s.connected) {
      if (s.raddr !== src || s.rport !== sport) continue;
      score += 8;
    }
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}
