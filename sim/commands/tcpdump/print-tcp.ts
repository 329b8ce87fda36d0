/**
 * TCP as tcpdump 4.99 prints it:
 *   "10.0.0.1.4000 > 10.0.0.2.80: Flags [S], seq 2459403077, win 64240,
 *    options [mss 1460,sackOK,TS val 1441781274 ecr 0,nop,wscale 10], length 0"
 * Sequence numbers are relative once the conversation's first segment with ACK was seen (that
 * segment records both initial numbers and is printed absolute), unless -S. Options are the
 * ones Linux sends, known from the header length: a SYN carries mss, sackOK, timestamps and
 * wscale, later segments two nops and timestamps. Timestamp values follow Linux: a
 * per-direction offset (the kernel hashes the address pair) plus the millisecond clock; the
 * echoed value is the last one this capture saw from the peer.
 */
import type { Ipv4Packet, TcpSegment } from '../../kernel/packet.ts';
import type { Namer } from './names.ts';

/** Window scale Linux offers on the reference machine (net.ipv4.tcp_rmem's maximum decides it). */
const WSCALE = 10;

/** Conversation state one tcpdump run keeps (tcpdump's tcp_seq_hash). */
export class TcpTracker {
  private readonly bases = new Map<string, { seq: number; ack: number }>();
  private readonly lastTs = new Map<string, number>();

  /** The relative sequence and acknowledgement numbers to print for a segment. */
  relative(key: string, revKey: string, t: TcpSegment, absolute: boolean): { seq: number; ack: number } {
    if (absolute || !t.flags.ack) return { seq: t.seq, ack: t.ack };
    const mine = this.bases.get(key);
    if (!mine || t.flags.syn) {
      this.bases.set(key, { seq: t.seq, ack: (t.ack - 1) >>> 0 });
      this.bases.set(revKey, { seq: (t.ack - 1) >>> 0, ack: t.seq });
      return { seq: t.seq, ack: t.ack };
    }
    return { seq: (t.seq - mine.seq) >>> 0, ack: (t.ack - mine.ack) >>> 0 };
  }

  /** TS val for a segment sent now on `key`, and the value it echoes. */
  timestamps(key: string, revKey: string, nowMs: number, syn: boolean, ack: boolean): { val: number; ecr: number } {
    const val = (tsOffset(key) + Math.floor(nowMs)) >>> 0;
    this.lastTs.set(key, val);
    const seen = this.lastTs.get(revKey);
    const ecr = syn && !ack ? 0 : (seen ?? (tsOffset(revKey) + Math.floor(nowMs)) >>> 0);
    return { val, ecr };
  }
}

/** FNV-1a of the direction's addresses: a stable stand-in for the kernel's keyed hash. */
function tsOffset(key: string): number {
  let h = 0x811c9dc5;
  const addrs = key.replace(/:\d+(?=>|$)/g, '');
  for (let i = 0; i < addrs.length; i++) h = Math.imul(h ^ addrs.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Flag letters in tcpdump's table order: F S R P . U. */
export function tcpFlags(t: TcpSegment): string {
  const f = t.flags;
  const s = `${f.fin ? 'F' : ''}${f.syn ? 'S' : ''}${f.rst ? 'R' : ''}${f.psh ? 'P' : ''}${f.ack ? '.' : ''}${f.urg ? 'U' : ''}`;
  return s || 'none';
}

const HTTP_METHODS = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT', 'PATCH', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK'];

/** ": HTTP" and, for a request or response line, that line (txtproto_print without -v). */
function httpText(data: string): string {
  const first = data.split(/\r?\n/)[0];
  const toks = first.split(/[ \t]+/).filter(Boolean);
  const isReq = toks.length > 0 && HTTP_METHODS.includes(toks[0].toUpperCase());
  const isResp = toks.length > 1 && /^\d{3}$/.test(toks[1]);
  return isReq || isResp ? `: HTTP: ${first}` : ': HTTP';
}

export interface TcpPrintOptions {
  namer: Namer;
  absoluteSeq: boolean;
  mtu: number;
  now: number;
}

/** The TCP part of a line, from the addresses on. */
export function printTcp(ip: Ipv4Packet, t: TcpSegment, tracker: TcpTracker, o: TcpPrintOptions): string {
  const key = `${ip.src}:${t.sport}>${ip.dst}:${t.dport}`;
  const revKey = `${ip.dst}:${t.dport}>${ip.src}:${t.sport}`;
  const n = o.namer;
  let s = `${n.ip(ip.src)}.${n.port(t.sport, 'tcp')} > ${n.ip(ip.dst)}.${n.port(t.dport, 'tcp')}: Flags [${tcpFlags(t)}]`;
  const { seq, ack } = tracker.relative(key, revKey, t, o.absoluteSeq);
  const len = t.data.length;
  if (len > 0 || t.flags.syn || t.flags.fin || t.flags.rst) {
    s += `, seq ${seq}`;
    if (len > 0) s += `:${(seq + len) >>> 0}`;
  }
  if (t.flags.ack) s += `, ack ${ack}`;
  s += `, win ${t.window}`;
  if (t.headerLen > 20) {
    const ts = tracker.timestamps(key, revKey, o.now, !!t.flags.syn, !!t.flags.ack);
    const tsText = `TS val ${ts.val} ecr ${ts.ecr}`;
    s += t.flags.syn && t.headerLen >= 40
      ? `, options [mss ${o.mtu - 40},sackOK,${tsText},nop,wscale ${WSCALE}]`
      : `, options [nop,nop,${tsText}]`;
  }
  s += `, length ${len}`;
  if (len > 0 && [80, 8080].some((p) => p === t.sport || p === t.dport)) s += httpText(t.data);
  return s;
}
