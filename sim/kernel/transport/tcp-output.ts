/**
 * Sending TCP segments: building the packet, the retransmission queue and its timer with
 * Linux's exponential backoff (a SYN goes again after 1, 2, 4, 8... seconds: at 1 s, 3 s,
 * 7 s, 15 s, 31 s and 63 s, and the connect fails with ETIMEDOUT at 127 s), and resets
 * for segments that reach no socket.
 */
import type { Netns } from '../types.ts';
import type { Ipv4Packet, TcpFlags } from '../packet.ts';
import type { PendingSegment, Sock } from './types.ts';
import { TCP } from './types.ts';
import type { TransportEnv } from './env.ts';
import { defaultTtl, type SendResult } from './output.ts';
import { destroySock, seqAdd, stopRtx } from './sock.ts';
import { wheelDelay } from './wheel.ts';
import { noteRtxArmed, noteSegmentOut } from './stats.ts';

/** Connections this side opened passively (it sent a SYN-ACK): their window scales 65160. */
const passiveOpen = new WeakSet<Sock>();

/** Builds and sends one segment of connection `s`. */
export function emitSegment(env: TransportEnv, s: Sock, flags: TcpFlags, seq: number, data = '', causedBy?: number): SendResult {
  const ns = env.netns(s.netnsId);
  if (!ns) return { ok: false, errno: 'ENODEV' };
  if (flags.ack && s.delackTimer !== undefined) {
    // This segment carries the acknowledgement the delayed-ACK timer was waiting to send.
    env.timers.cancel(s.delackTimer);
    s.delackTimer = undefined;
  }
  const syn = !!flags.syn;
  if (syn && flags.ack) passiveOpen.add(s);
  const pkt: Ipv4Packet = {
    src: s.laddr, dst: s.raddr, ttl: defaultTtl(ns), tos: 0, id: 0, df: true,
    l4: {
      proto: 'tcp',
      tcp: {
        sport: s.lport, dport: s.rport, seq, ack: flags.ack ? s.rcvNxt : 0, flags,
        window: syn ? (flags.ack ? TCP.synAckWindow : TCP.synWindow) : passiveOpen.has(s) ? TCP.passiveWindow : TCP.window,
        data, headerLen: syn ? TCP.synHeader : TCP.header,
      },
    },
  };
  noteSegmentOut(s, env.now(), data.length);
  return env.output.send(ns, pkt, causedBy);
}

/** A pure acknowledgement of everything received so far. */
export function sendAck(env: TransportEnv, s: Sock): void {
  emitSegment(env, s, { ack: true }, s.sndNxt);
}

/**
 * Schedules the acknowledgement instead of sending it now (tcp_send_delayed_ack): a FIN puts
 * Linux in pingpong mode, so when the program answers by closing at once, its FIN carries
 * the ACK and the peer sees three segments of teardown, not four.
 */
export function sendDelayedAck(env: TransportEnv, s: Sock): void {
  if (s.delackTimer !== undefined) return;
  s.delackTimer = env.timers.after(wheelDelay(env.now(), TCP.delack), () => {
    s.delackTimer = undefined;
    if (s.state !== 'CLOSED') sendAck(env, s);
  });
}

function flagsOf(seg: PendingSegment, s: Sock): TcpFlags {
  if (seg.syn) return s.state === 'SYN_SENT' ? { syn: true } : { syn: true, ack: true };
  if (seg.fin) return { fin: true, ack: true };
  return { psh: true, ack: true };
}

/** Queues a segment for retransmission and sends it; the timer starts if it was idle. */
export function queueAndSend(env: TransportEnv, s: Sock, seg: PendingSegment): SendResult {
  s.rtxQueue.push(seg);
  s.sndNxt = seqAdd(seg.seq, seg.len);
  if (s.rtxTimer === undefined) {
    s.rto = seg.syn ? TCP.synRto : TCP.dataRto;
    s.retries = 0;
    armRtx(env, s);
  }
  return emitSegment(env, s, flagsOf(seg, s), seg.seq, seg.data);
}

function armRtx(env: TransportEnv, s: Sock): void {
  noteRtxArmed(s, env.now(), env.now() + s.rto);
  s.rtxTimer = env.timers.after(wheelDelay(env.now(), s.rto), () => onRtxTimeout(env, s));
}

/** Restarts the timer after an acknowledgement, or stops it when nothing is outstanding. */
export function rearmRtx(env: TransportEnv, s: Sock): void {
  stopRtx(env, s);
  if (s.rtxQueue.length === 0) return;
  s.retries = 0;
  s.rto = s.rtxQueue[0].syn ? TCP.synRto : TCP.dataRto;
  armRtx(env, s);
}

/** tcp_retransmit_timer: resend the oldest segment with a doubled timeout, or give up. */
function onRtxTimeout(env: TransportEnv, s: Sock): void {
  s.rtxTimer = undefined;
  const seg = s.rtxQueue[0];
  if (!seg) return;
  const limit = s.state === 'SYN_SENT' ? TCP.synRetries : s.state === 'SYN_RECV' ? TCP.synackRetries : TCP.dataRetries;
  if (s.retries >= limit) {
    // tcp_write_err: the soft error an ICMP message left, else "Connection timed out".
    if (s.state !== 'SYN_RECV') s.error = s.softError ?? 'ETIMEDOUT';
    destroySock(env, s);
    return;
  }
  s.retries++;
  s.rto = Math.min(s.rto * 2, TCP.maxRto);
  armRtx(env, s);
  emitSegment(env, s, flagsOf(seg, s), seg.seq, seg.data);
}

/**
 * tcp_v4_send_reset: the answer to a segment no socket wants. It acknowledges the segment
 * when the segment had no ACK, and takes its sequence number from the ACK otherwise.
 */
export function sendReset(env: TransportEnv, ns: Netns, pkt: Ipv4Packet, causedBy?: number): void {
  if (pkt.l4.proto !== 'tcp') return;
  const t = pkt.l4.tcp;
  if (t.flags.rst) return;
  const len = t.data.length + (t.flags.syn ? 1 : 0) + (t.flags.fin ? 1 : 0);
  const rst: Ipv4Packet = {
    src: pkt.dst, dst: pkt.src, ttl: defaultTtl(ns), tos: 0, id: 0, df: true,
    l4: {
      proto: 'tcp',
      tcp: t.flags.ack
        ? { sport: t.dport, dport: t.sport, seq: t.ack, ack: 0, flags: { rst: true }, window: 0, data: '', headerLen: TCP.rstHeader }
        : { sport: t.dport, dport: t.sport, seq: 0, ack: seqAdd(t.seq, len), flags: { rst: true, ack: true }, window: 0, data: '', headerLen: TCP.rstHeader },
    },
  };
  env.output.send(ns, rst, causedBy);
}

/** An active reset from connection `s` (close with unread data, abort). */
export function sendActiveReset(env: TransportEnv, s: Sock): void {
  const ns = env.netns(s.netnsId);
  if (!ns) return;
  const pkt: Ipv4Packet = {
    src: s.laddr, dst: s.raddr, ttl: defaultTtl(ns), tos: 0, id: 0, df: true,
    l4: { proto: 'tcp', tcp: { sport: s.lport, dport: s.rport, seq: s.sndNxt, ack: s.rcvNxt, flags: { rst: true, ack: true }, window: 0, data: '', headerLen: TCP.rstHeader } },
  };
  env.output.send(ns, pkt);
}
