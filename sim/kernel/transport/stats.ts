/**
 * Per-connection counters the kernel keeps in tcp_sock and reports through tcp_info (what
 * `ss -i` prints): segments and data segments each way, data bytes sent, and when data was
 * last sent, data last received and an ACK last received. Kept beside the socket record (a
 * WeakMap) so snapshots of the socket tables stay plain data.
 */
import type { TcpSegment } from '../packet.ts';
import type { Sock } from './types.ts';

/** tcp_info's counters for one connection (times in virtual ms). */
export interface TcpStats {
  /** The connection was opened by a listener (its SYN-ACK came from the request socket). */
  passive: boolean;
  /** Peer's initial sequence number, once its SYN was seen. */
  irs?: number;
  segsIn: number;
  segsOut: number;
  dataSegsIn: number;
  dataSegsOut: number;
  bytesSent: number;
  /** tcp_sock's lsndtime, icsk_ack.lrcvtime and rcv_tstamp. */
  lastDataSent: number;
  lastDataRecv: number;
  lastAckRecv: number;
  /**
   * icsk_timeout: when the retransmission timer was asked to expire. The timer wheel fires
   * a little later; the kernel reports the requested time.
   */
  rtxExpires?: number;
}

const stats = new WeakMap<Sock, TcpStats>();

/** The counters of `s`, created on first use. */
export function tcpStats(s: Sock, now = 0): TcpStats {
  let t = stats.get(s);
  if (!t) {
    t = { passive: false, segsIn: 0, segsOut: 0, dataSegsIn: 0, dataSegsOut: 0, bytesSent: 0, lastDataSent: now, lastDataRecv: now, lastAckRecv: now };
    stats.set(s, t);
  }
  return t;
}

/** The counters of `s` if it ever carried a segment. */
export function peekTcpStats(s: Sock): TcpStats | undefined {
  return stats.get(s);
}

/**
 * A segment `s` sent. The SYN-ACK of a passive open goes out from the request socket in the
 * kernel, so it counts for no connection.
 */
export function noteSegmentOut(s: Sock, now: number, dataLen: number): void {
  if (s.state === 'SYN_RECV') return;
  const t = tcpStats(s, now);
  t.segsOut++;
  if (dataLen > 0) {
    t.dataSegsOut++;
    t.bytesSent += dataLen;
    t.lastDataSent = now;
  }
}

/** A segment that reached connection `s` (a listener's new child counts the SYN). */
export function noteSegmentIn(s: Sock, now: number, seg: TcpSegment, passive = false): void {
  const t = tcpStats(s, now);
  if (passive) t.passive = true;
  t.segsIn++;
  if (seg.flags.syn) {
    // The handshake starts the clocks (tcp_finish_connect, tcp_create_openreq_child).
    t.irs = seg.seq;
    t.lastDataSent = t.lastDataRecv = t.lastAckRecv = now;
  }
  if (seg.data.length > 0) {
    t.dataSegsIn++;
    t.lastDataRecv = now;
  }
  if (seg.flags.ack && !seg.flags.syn) t.lastAckRecv = now;
}

/** The retransmission timer of `s` was armed to expire at `at`. */
export function noteRtxArmed(s: Sock, now: number, at: number): void {
  tcpStats(s, now).rtxExpires = at;
}
