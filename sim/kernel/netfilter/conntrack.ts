/**
 * Connection tracking, per namespace (`netns.ext.conntrack`): each connection is keyed by its
 * original and its reply tuple; a packet's lookup gives the connection, the packet's
 * direction and the state matches see (NEW, ESTABLISHED, RELATED, INVALID). A new
 * connection stays unconfirmed (outside the table) until its first packet leaves the last
 * hook, so a dropped first packet leaves no entry, as in the kernel. Timeouts run on the
 * virtual clock and expired entries are reaped lazily.
 */
import { ipLength, type Ipv4Packet } from '../packet.ts';
import type { Netns } from '../types.ts';
import { tcpTimeout, tcpTransition, type TcpCtState } from './conntrack-tcp.ts';

export type { TcpCtState } from './conntrack-tcp.ts';

export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';
export type CtDir = 'original' | 'reply';

/** A tuple: for ICMP, `sport` is the echo id and `dport` the type (code kept apart). */
export interface Tuple {
  proto: 'tcp' | 'udp' | 'icmp';
  src: string;
  dst: string;
  sport: number;
  dport: number;
  /** ICMP code (always 0 for the queries conntrack tracks). */
  code?: number;
}

/** Packets and bytes seen in one direction (the acct extension). */
export interface CtCounter {
  packets: number;
  bytes: number;
}

export interface Conn {
  id: number;
  netnsId: number;
  orig: Tuple;
  reply: Tuple;
  /** Virtual time (ms) the entry dies. */
  expires: number;
  created: number;
  confirmed: boolean;
  seenReply: boolean;
  assured: boolean;
  tcpState?: TcpCtState;
  /** Sequence number of the last SYN seen from the original side (a retransmission repeats it). */
  synSeq?: number;
  /**
   * Per-direction counters, present when net.netfilter.nf_conntrack_acct was 1 in the
   * namespace as the entry was created (the kernel attaches the extension then or never).
   */
  acct?: { original: CtCounter; reply: CtCounter };
  /** NAT applied: source rewritten on original packets (SNAT/MASQUERADE), destination (DNAT/REDIRECT). */
  srcNat: boolean;
  dstNat: boolean;
  /** The nat table was consulted for this manip type already (null bindings included). */
  srcNatDone: boolean;
  dstNatDone: boolean;
  mark: number;
}

/** What a packet's lookup says; kept in skb.ct. */
export interface CtRef {
  conn?: Conn;
  dir: CtDir;
  state: CtState;
  netnsId: number;
}

interface CtTable {
  byKey: Map<string, { conn: Conn; dir: CtDir }>;
  nextId: number;
}

/** A timeout sysctl of the namespace in seconds, or the kernel's default. */
function sysctlSecs(netns: Netns, name: string, dflt: number): number {
  const v = Number(netns.sysctl.get(`net.netfilter.${name}`) ?? NaN);
  return Number.isFinite(v) && v >= 0 ? v : dflt;
}

/** ICMP query types and their reply types (the only ICMP conntrack creates entries for). */
const ICMP_REPLY: Record<number, number> = { 8: 0, 13: 14, 15: 16, 17: 18 };
const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);

function table(netns: Netns): CtTable {
  let t = netns.ext.conntrack as CtTable | undefined;
  if (!t) {
    t = { byKey: new Map(), nextId: 1 };
    netns.ext.conntrack = t;
  }
  return t;
}

export function tupleKey(t: Tuple): string {
  return `${t.proto}|${t.src}|${t.dst}|${t.sport}|${t.dport}`;
}

/** The tuple of a packet, or undefined for what conntrack does not track by ports/ids. */
export function packetTuple(p: Ipv4Packet): Tuple | undefined {
  const l4 = p.l4;
  if (l4.proto === 'tcp') return { proto: 'tcp', src: p.src, dst: p.dst, sport: l4.tcp.sport, dport: l4.tcp.dport };
  if (l4.proto === 'udp') return { proto: 'udp', src: p.src, dst: p.dst, sport: l4.udp.sport, dport: l4.udp.dport };
  return { proto: 'icmp', src: p.src, dst: p.dst, sport: l4.icmp.id ?? 0, dport: l4.icmp.type, code: l4.icmp.code };
}

/** The reply tuple expected for an original tuple. */
export function invertTuple(t: Tuple): Tuple {
  if (t.proto === 'icmp') {
    const r = ICMP_REPLY[t.dport];
    return { proto: 'icmp', src: t.dst, dst: t.src, sport: t.sport, dport: r ?? t.dport, code: 0 };
  }
  return { proto: t.proto, src: t.dst, dst: t.src, sport: t.dport, dport: t.sport };
}

/** All live (confirmed, unexpired) connections of a namespace, newest first. */
export function connections(netns: Netns, now: number): Conn[] {
  const t = table(netns);
  reap(t, now);
  const seen = new Set<Conn>();
  for (const { conn } of t.byKey.values()) seen.add(conn);
  return [...seen].sort((a, b) => b.id - a.id);
}

/** Empties the table (conntrack -F); returns how many entries were removed. */
export function flush(netns: Netns): number {
  const t = table(netns);
  const n = new Set([...t.byKey.values()].map((e) => e.conn)).size;
  t.byKey.clear();
  return n;
}

/** Deletes one connection (conntrack -D); false if it was no longer in the table. */
export function remove(netns: Netns, c: Conn): boolean {
  const t = table(netns);
  const had = t.byKey.get(tupleKey(c.orig))?.conn === c;
  kill(t, c);
  return had;
}

function reap(t: CtTable, now: number): void {
  for (const [k, e] of t.byKey) if (e.conn.expires <= now) t.byKey.delete(k);
}

function find(t: CtTable, tuple: Tuple, now: number): { conn: Conn; dir: CtDir } | undefined {
  const e = t.byKey.get(tupleKey(tuple));
  if (!e) return undefined;
  if (e.conn.expires <= now) {
    t.byKey.delete(tupleKey(e.conn.orig));
    t.byKey.delete(tupleKey(e.conn.reply));
    return undefined;
  }
  return e;
}

/** Is this tuple already taken by a confirmed connection (NAT uses it to avoid clashes)? */
export function tupleTaken(netns: Netns, tuple: Tuple, now: number): boolean {
  return find(table(netns), tuple, now) !== undefined;
}

/**
 * Looks a packet up: an existing connection in either direction, an ICMP error RELATED to
 * one, or a new unconfirmed connection. Runs the protocol's state machine, refreshes the
 * timeout and counts the packet, as nf_conntrack_in() does with the l4 handler.
 */
export function lookup(netns: Netns, pkt: Ipv4Packet, now: number): CtRef {
  const t = table(netns);
  const l4 = pkt.l4;
  const invalid: CtRef = { dir: 'original', state: 'INVALID', netnsId: netns.id };
  if (l4.proto === 'icmp' && ICMP_ERRORS.has(l4.icmp.type)) {
    // The error travels opposite to the packet it quotes: look up the quoted tuple inverted
    // (icmp_error_message), and the direction found is the error's own.
    const inner = l4.icmp.inner && packetTuple(l4.icmp.inner);
    const e = inner && find(t, invertTuple(inner), now);
    if (!e) return invalid;
    return { conn: e.conn, dir: e.dir, state: 'RELATED', netnsId: netns.id };
  }
  const tuple = packetTuple(pkt)!;
  let e = find(t, tuple, now);
  if (e && l4.proto === 'tcp' && e.dir === 'original' && (e.conn.tcpState === 'TIME_WAIT' || e.conn.tcpState === 'CLOSE') &&
      tcpTransition(e.conn.tcpState, 'original', l4.tcp.flags) === 'SYN_SENT') {
    // A SYN reopening a closed connection: the kernel kills the old entry and repeats the
    // lookup, so the new connection starts afresh (new counters, not assured).
    kill(t, e.conn);
    e = undefined;
  }
  if (e) {
    const c = e.conn;
    // The packet's ctinfo is decided before the protocol handler runs.
    const state: CtState = e.dir === 'reply' || c.seenReply ? 'ESTABLISHED' : 'NEW';
    const verdict = l4.proto === 'tcp' ? tcpPacket(t, c, e.dir, pkt, now, netns) : (refresh(c, e.dir, pkt, now, netns), 'ok');
    if (verdict === 'invalid') return invalid;
    if (e.dir === 'reply') c.seenReply = true;
    return { conn: c, dir: e.dir, state, netnsId: netns.id };
  }
  if (l4.proto === 'icmp' && ICMP_REPLY[l4.icmp.type] === undefined) return invalid;
  // tcp_new(): only a SYN, or an ACK picked up mid-stream, starts a connection.
  if (l4.proto === 'tcp' && !['SYN_SENT', 'ESTABLISHED'].includes(tcpTransition(undefined, 'original', l4.tcp.flags))) return invalid;
  const conn: Conn = {
    id: t.nextId++, netnsId: netns.id, orig: tuple, reply: invertTuple(tuple), expires: now, created: now,
    confirmed: false, seenReply: false, assured: false, srcNat: false, dstNat: false,
    srcNatDone: false, dstNatDone: false, mark: 0,
  };
  if (netns.sysctl.get('net.netfilter.nf_conntrack_acct') === '1') {
    conn.acct = { original: { packets: 0, bytes: 0 }, reply: { packets: 0, bytes: 0 } };
  }
  if (l4.proto === 'tcp') tcpPacket(t, conn, 'original', pkt, now, netns);
  else refresh(conn, 'original', pkt, now, netns);
  return { conn, dir: 'original', state: 'NEW', netnsId: netns.id };
}

/** Removes a connection from the table (nf_ct_kill). */
function kill(t: CtTable, c: Conn): void {
  if (t.byKey.get(tupleKey(c.orig))?.conn === c) t.byKey.delete(tupleKey(c.orig));
  if (t.byKey.get(tupleKey(c.reply))?.conn === c) t.byKey.delete(tupleKey(c.reply));
}

/**
 * nf_conntrack_tcp_packet(): moves the connection through the kernel's table. An invalid
 * transition leaves the entry alone and marks the packet INVALID; an ignored one (a
 * retransmitted SYN, a SYN/ACK answering nothing new) passes without refreshing or counting.
 */
function tcpPacket(t: CtTable, c: Conn, dir: CtDir, pkt: Ipv4Packet, now: number, netns: Netns): 'ok' | 'invalid' | 'ignored' {
  if (pkt.l4.proto !== 'tcp') return 'invalid';
  const seg = pkt.l4.tcp;
  const old = c.tcpState;
  const next = tcpTransition(old, dir, seg.flags);
  if (next === 'INVALID') return 'invalid';
  if (next === 'IGNORE') return 'ignored';
  const synOnly = seg.flags.syn && !seg.flags.ack;
  if (synOnly && dir === 'original' && old === 'SYN_SENT' && c.synSeq === seg.seq) return 'ignored';
  if (synOnly && dir === 'original') c.synSeq = seg.seq;
  c.tcpState = next;
  if (seg.flags.rst && !c.seenReply) {
    // "If only reply is a RST, we can consider ourselves not to have an established
    // connection": the entry goes at once (it is counted, then killed).
    count(c, dir, pkt);
    kill(t, c);
    c.expires = now;
    return 'ok';
  }
  if (c.seenReply && !c.assured && (old === 'SYN_RECV' || old === 'ESTABLISHED') && next === 'ESTABLISHED') c.assured = true;
  const secs = seg.flags.rst ? tcpTimeout(netns.sysctl, 'CLOSE') : tcpTimeout(netns.sysctl, next);
  c.expires = now + secs * 1000;
  count(c, dir, pkt);
  return 'ok';
}

function count(c: Conn, dir: CtDir, pkt: Ipv4Packet): void {
  if (!c.acct) return;
  c.acct[dir].packets++;
  c.acct[dir].bytes += ipLength(pkt);
}

/** Inserts a new connection once its first packet made it through the last hook. */
export function confirm(netns: Netns, ref: CtRef): void {
  const c = ref.conn;
  if (!c || c.confirmed) return;
  const t = table(netns);
  c.confirmed = true;
  t.byKey.set(tupleKey(c.orig), { conn: c, dir: 'original' });
  t.byKey.set(tupleKey(c.reply), { conn: c, dir: 'reply' });
}

/** Re-keys a connection whose reply tuple NAT changed (before confirmation only). */
export function setReply(c: Conn, reply: Tuple): void {
  c.reply = reply;
}

/** The UDP and ICMP handlers: refresh the timeout (nf_ct_refresh_acct) and count the packet. */
function refresh(c: Conn, dir: CtDir, pkt: Ipv4Packet, now: number, netns: Netns): void {
  const l4 = pkt.l4;
  if (l4.proto === 'icmp') {
    c.expires = now + sysctlSecs(netns, 'nf_conntrack_icmp_timeout', 30) * 1000;
  } else if (l4.proto === 'udp') {
    // Seen both ways (this packet's reply bit is set after the handler) and still active
    // 2 s after creation: a stream, assured, with the long timeout.
    if (c.seenReply && now > c.created + 2000) {
      c.assured = true;
      c.expires = now + sysctlSecs(netns, 'nf_conntrack_udp_timeout_stream', 120) * 1000;
    } else c.expires = now + sysctlSecs(netns, 'nf_conntrack_udp_timeout', 30) * 1000;
  }
  count(c, dir, pkt);
}
