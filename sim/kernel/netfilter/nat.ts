/**
 * NAT on top of conntrack: a connection's mapping is decided once, by the nat table on its
 * first packet, by rewriting the connection's reply tuple; every later packet of the
 * connection (both directions) is then rewritten from the tuples alone, and ICMP errors
 * related to it get their quoted packet rewritten too (nf_nat_icmp_reply_translation).
 */
import type { Ipv4Packet } from '../packet.ts';
import type { Link, Netns } from '../types.ts';
import type { Rng } from '../rng.ts';
import { ipToString } from './addr.ts';
import { type Conn, type CtDir, type Tuple, invertTuple, tupleTaken } from './conntrack.ts';
import type { NatRange } from './ext.ts';

export type Manip = 'src' | 'dst';

/** Primary IPv4 address of a device (what MASQUERADE and REDIRECT use). */
export function primaryAddress(netns: Netns, dev: Link | undefined): string | undefined {
  if (!dev) return undefined;
  const a = netns.addrs4.find((x) => x.index === dev.index && !x.secondary);
  return a?.address;
}

/**
 * Decides the mapping for a new connection: picks the new source (or destination) address
 * and port within the range, avoiding tuples already in use, and stores it as the reply tuple.
 * Returns false when no address is available (MASQUERADE on a device without one).
 */
export function setupNat(netns: Netns, conn: Conn, manip: Manip, range: NatRange, dev: { in?: Link; out?: Link }, rng: Rng, now: number): boolean {
  const want: Tuple = { ...invertTuple(conn.reply) };
  let addr: string | undefined;
  if (range.masquerade) addr = primaryAddress(netns, dev.out);
  else if (range.redirect) addr = dev.in ? primaryAddress(netns, dev.in) : '127.0.0.1';
  else if (range.minAddr !== undefined) {
    const span = (range.maxAddr ?? range.minAddr) - range.minAddr;
    addr = ipToString((range.minAddr + (span > 0 ? rng.int(0, span) : 0)) >>> 0);
  }
  if ((range.masquerade || range.redirect) && !addr) return false;
  const hasPorts = want.proto !== 'icmp';
  if (manip === 'src') {
    if (addr) want.src = addr;
    if (hasPorts && range.minPort !== undefined) want.sport = range.minPort;
  } else {
    if (addr) want.dst = addr;
    if (hasPorts && range.minPort !== undefined) want.dport = range.minPort;
  }
  // Source NAT keeps the port unless the resulting tuple is taken (nf_nat_used_tuple).
  if (manip === 'src' && hasPorts) {
    const lo = range.minPort ?? (want.sport < 1024 ? 600 : 1024);
    const hi = range.maxPort ?? (range.minPort !== undefined ? range.minPort : want.sport < 1024 ? 1023 : 65535);
    const inRange = want.sport >= lo && want.sport <= hi;
    if (!inRange || tupleTaken(netns, invertTuple(want), now)) {
      const span = hi - lo + 1;
      let p = lo + rng.int(0, span - 1);
      for (let i = 0; i < span && tupleTaken(netns, invertTuple({ ...want, sport: p }), now); i++) p = p === hi ? lo : p + 1;
      want.sport = p;
    }
  } else if (manip === 'dst' && hasPorts && range.minPort !== undefined && range.maxPort !== undefined && range.maxPort > range.minPort) {
    want.dport = range.minPort + rng.int(0, range.maxPort - range.minPort);
  }
  conn.reply = invertTuple(want);
  if (manip === 'src') conn.srcNat = want.src !== conn.orig.src || want.sport !== conn.orig.sport;
  else conn.dstNat = want.dst !== conn.orig.dst || want.dport !== conn.orig.dport;
  return true;
}

/** Whether a packet in `dir` gets rewritten at a hook doing `manip` (the kernel's status-bit flip). */
function applies(conn: Conn, manip: Manip, dir: CtDir): boolean {
  const orig = manip === 'src' ? conn.srcNat : conn.dstNat;
  const other = manip === 'src' ? conn.dstNat : conn.srcNat;
  return dir === 'original' ? orig : other;
}

/** The tuple a packet in `dir` must carry after NAT: the inverse of the other direction's tuple. */
function target(conn: Conn, dir: CtDir): Tuple {
  return invertTuple(dir === 'original' ? conn.reply : conn.orig);
}

function rewrite(p: Ipv4Packet, t: Tuple, manip: Manip): void {
  const l4 = p.l4;
  if (manip === 'src') {
    p.src = t.src;
    if (l4.proto === 'tcp') l4.tcp.sport = t.sport;
    else if (l4.proto === 'udp') l4.udp.sport = t.sport;
    else if (l4.icmp.id !== undefined) l4.icmp.id = t.sport;
  } else {
    p.dst = t.dst;
    if (l4.proto === 'tcp') l4.tcp.dport = t.dport;
    else if (l4.proto === 'udp') l4.udp.dport = t.dport;
  }
}

/**
 * Rewrites a packet of a NATed connection at a `manip` hook, in place. For an ICMP error
 * (RELATED), the quoted packet is rewritten the other way and the outer header follows.
 * Returns true when something changed.
 */
export function applyNat(conn: Conn, dir: CtDir, manip: Manip, p: Ipv4Packet, related: boolean): boolean {
  if (!applies(conn, manip, dir)) return false;
  const t = target(conn, dir);
  if (related && p.l4.proto === 'icmp' && p.l4.icmp.inner) {
    // The quoted packet travelled the other way: its opposite field gets the same address.
    rewrite(p.l4.icmp.inner, invertTuple(t), manip === 'src' ? 'dst' : 'src');
    if (manip === 'src') p.src = t.src;
    else p.dst = t.dst;
    return true;
  }
  rewrite(p, t, manip);
  return true;
}
