/**
 * Connection tracking, per namespace (`netns.ext.conntrack`): each connection is keyed by its
 * original and its reply tuple; a packet's lookup gives the connection, the packet's
 * direction and the state matches see (NEW, ESTABLISHED, RELATED, INVALID). A new
 * connection stays unconfirmed (outside the table) until its first packet leaves the last
 * hook, so a dropped first packet leaves no entry, as in the kernel. Timeouts run on the
 * virtual clock and expired entries are reaped lazily.
 */
import type { Ipv4Packet, TcpFlags } from '../packet.ts';
import type { Netns } from '../types.ts';

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

export type TcpCtState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE';

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
  /** FIN seen from each direction. */
  finOrig?: boolean;
  finReply?: boolean;
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

/** Seconds, as the kernel's defaults (nf_conntrack_*_timeout_*). */
export const TIMEOUTS = {
  icmp: 30,
  udp: 30,
  udpStream: 120,
  tcp: {
    SYN_SENT: 120, SYN_RECV: 60, ESTABLISHED: 432000, FIN_WAIT: 120, CLOSE_WAIT: 60,
    LAST_ACK: 30, TIME_WAIT: 120, CLOSE: 10,
  } as Record<TcpCtState, number>,
};

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
 * one, or a new unconfirmed connection. Updates TCP state and timeouts.
 */
export function lookup(netns: Netns, pkt: Ipv4Packet, now: number): CtRef {
  const t = table(netns);
  const l4 = pkt.l4;
  if (l4.proto === 'icmp' && ICMP_ERRORS.has(l4.icmp.type)) {
    // The error travels opposite to the packet it quotes: look up the quoted tuple inverted
    // (icmp_error_message), and the direction found is the error's own.
    const inner = l4.icmp.inner && packetTuple(l4.icmp.inner);
    const e = inner && find(t, invertTuple(inner), now);
    if (!e) return { dir: 'original', state: 'INVALID', netnsId: netns.id };
    return { conn: e.conn, dir: e.dir, state: 'RELATED', netnsId: netns.id };
  }
  const tuple = packetTuple(pkt)!;
  const e = find(t, tuple, now);
  if (e) {
    const c = e.conn;
    if (e.dir === 'reply') c.seenReply = true;
    refresh(c, e.dir, pkt, now);
    const state: CtState = e.dir === 'reply' || c.seenReply ? 'ESTABLISHED' : 'NEW';
    return { conn: c, dir: e.dir, state, netnsId: netns.id };
  }
  if (l4.proto === 'icmp' && ICMP_REPLY[l4.icmp.type] === undefined) return { dir: 'original', state: 'INVALID', netnsId: netns.id };
  if (l4.proto === 'tcp' && l4.tcp.flags.rst) return { dir: 'original', state: 'INVALID', netnsId: netns.id };
  const conn: Conn = {
    id: t.nextId++, netnsId: netns.id, orig: tuple, reply: invertTuple(tuple), expires: now, created: now,
    confirmed: false, seenReply: false, assured: false, srcNat: false, dstNat: false,
    srcNatDone: false, dstNatDone: false, mark: 0,
  };
  if (l4.proto === 'tcp') conn.tcpState = l4.tcp.flags.syn && !l4.tcp.flags.ack ? 'SYN_SENT' : 'ESTABLISHED';
  refresh(conn, 'original', pkt, now);
  return { conn, dir: 'original', state: 'NEW', netnsId: netns.id };
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

function refresh(c: Conn, dir: CtDir, pkt: Ipv4Packet, now: number): void {
  const l4 = pkt.l4;
  if (l4.proto === 'icmp') {
    c.expires = now + TIMEOUTS.icmp * 1000;
  } else if (l4.proto === 'udp') {
    // Replied within 2 s keeps the short timeout; a stream after that is assured (120 s).
    if (c.seenReply && now > c.created + 2000) {
      c.assured = true;
      c.expires = now + TIMEOUTS.udpStream * 1000;
    } else c.expires = now + TIMEOUTS.udp * 1000;
  } else {
    c.tcpState = nextTcpState(c, dir, l4.tcp.flags);
    if (c.tcpState === 'ESTABLISHED' && c.seenReply) c.assured = true;
    c.expires = now + TIMEOUTS.tcp[c.tcpState] * 1000;
  }
}

/** A compact version of the kernel's TCP conntrack state machine. */
function nextTcpState(c: Conn, dir: CtDir, f: TcpFlags): TcpCtState {
  const s = c.tcpState ?? 'SYN_SENT';
  if (f.rst) return 'CLOSE';
  if (f.syn && f.ack) return dir === 'reply' && s === 'SYN_SENT' ? 'SYN_RECV' : s;
  if (f.syn) return s === 'TIME_WAIT' || s === 'CLOSE' ? 'SYN_SENT' : s;
  if (f.fin) {
    if (dir === 'original') c.finOrig = true;
    else c.finReply = true;
    if (c.finOrig && c.finReply) return 'LAST_ACK';
    return 'FIN_WAIT';
  }
  if (f.ack) {
    if (s === 'SYN_RECV' && dir === 'original') return 'ESTABLISHED';
    if (s === 'LAST_ACK') return 'TIME_WAIT';
    if (s === 'FIN_WAIT' && ((dir === 'reply' && c.finOrig) || (dir === 'original' && c.finReply))) return 'CLOSE_WAIT';
  }
  return s;
}
