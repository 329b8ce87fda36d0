/**
 * Receiving TCP segments (tcp_v4_rcv and tcp_rcv_state_process, much simplified): the
 * segment finds its connection by four-tuple, else a listener, else it is answered with a
 * reset. Listeners answer a SYN with a SYN-ACK from a new child connection that joins the
 * accept queue when the handshake's last ACK arrives.
 */
import type { Netns } from '../types.ts';
import type { Ipv4Packet, TcpSegment } from '../packet.ts';
import type { Sock } from './types.ts';
import { TCP } from './types.ts';
import type { TransportEnv } from './env.ts';
import { traceTransport } from './env.ts';
import { lookupConnection, lookupListener } from './table.ts';
import { destroySock, hashSock, newSock, parentOf, seqAdd, seqDiff } from './sock.ts';
import { noteSegmentIn } from './stats.ts';
import { queueAndSend, rearmRtx, sendAck, sendDelayedAck, sendReset, emitSegment } from './tcp-output.ts';

/** Entry point for a TCP segment delivered to `ns`. */
export function tcpReceive(env: TransportEnv, ns: Netns, pkt: Ipv4Packet, traceId: number): void {
  if (pkt.l4.proto !== 'tcp') return;
  const t = pkt.l4.tcp;
  let s = lookupConnection(ns, 'tcp', pkt.src, t.sport, pkt.dst, t.dport);
  if (s && s.state === 'TIME_WAIT' && t.flags.syn && !t.flags.ack) {
    // A new SYN for a connection in TIME_WAIT may reuse the pair (tcp_timewait_state_process).
    destroySock(env, s);
    s = undefined;
  }
  if (s) {
    traceTransport(env, ns, 'deliver', pkt, traceId, { detail: `tcp socket ${s.laddr}:${s.lport} (${s.state})` });
    const listener = parentOf.get(s);
    noteSegmentIn(s, env.now(), t);
    connectionInput(env, s, t);
    wakeLater(env, s);
    if (listener) wakeLater(env, listener);
    return;
  }
  const l = lookupListener(ns, pkt.dst, t.dport);
  if (l) {
    traceTransport(env, ns, 'deliver', pkt, traceId, { detail: `tcp listener ${l.laddr}:${l.lport}` });
    listenInput(env, ns, l, pkt, t, traceId);
    return;
  }
  traceTransport(env, ns, 'drop', pkt, traceId, { reason: t.flags.rst ? 'no socket (reset ignored)' : 'no socket: answered with a reset' });
  sendReset(env, ns, pkt, traceId);
}

/** Schedules a socket's wake callback for right after the current packet. */
function wakeLater(env: TransportEnv, s: Sock): void {
  const w = s.wake;
  if (w) env.timers.after(0, w);
}

/** sk_acceptq_is_full: the kernel lets one more than the backlog wait. */
function acceptQueueFull(l: Sock): boolean {
  return l.acceptQueue.length > l.backlog;
}

function listenInput(env: TransportEnv, ns: Netns, l: Sock, pkt: Ipv4Packet, t: TcpSegment, traceId: number): void {
  if (t.flags.rst) return;
  if (t.flags.ack) {
    sendReset(env, ns, pkt, traceId);
    return;
  }
  if (!t.flags.syn) return;
  if (acceptQueueFull(l)) {
    traceTransport(env, ns, 'drop', pkt, traceId, { reason: 'listen queue full: SYN dropped' });
    return;
  }
  const c = newSock(env, ns.id, 'tcp');
  c.laddr = pkt.dst;
  c.lport = l.lport;
  c.raddr = pkt.src;
  c.rport = t.sport;
  c.reuseAddr = l.reuseAddr;
  c.reusePort = l.reusePort;
  c.state = 'SYN_RECV';
  parentOf.set(c, l);
  c.pid = l.pid;
  c.iss = env.rng.u32();
  c.sndUna = c.iss;
  c.rcvNxt = seqAdd(t.seq, 1);
  hashSock(env, c);
  noteSegmentIn(c, env.now(), t, true);
  l.synQueue.push(c);
  queueAndSend(env, c, { seq: c.iss, len: 1, syn: true, data: '' });
}

/** Drops acknowledged segments from the retransmission queue; true when `ack` was acceptable. */
function processAck(env: TransportEnv, s: Sock, ack: number): boolean {
  const acked = seqDiff(ack, s.sndUna);
  const outstanding = seqDiff(s.sndNxt, s.sndUna);
  if (acked < 0 || acked > outstanding) return false;
  if (acked === 0) return true;
  s.sndUna = ack;
  while (s.rtxQueue.length) {
    const seg = s.rtxQueue[0];
    if (seqDiff(seqAdd(seg.seq, seg.len), ack) > 0) break;
    s.rtxQueue.shift();
  }
  rearmRtx(env, s);
  return true;
}

function ourFinAcked(s: Sock): boolean {
  return s.sndFin && s.sndUna === s.sndNxt;
}

function enterTimeWait(env: TransportEnv, s: Sock): void {
  s.state = 'TIME_WAIT';
  if (s.stateTimer !== undefined) env.timers.cancel(s.stateTimer);
  s.stateTimer = env.timers.after(TCP.timeWait, () => destroySock(env, s));
}

/** tcp_reset: the error a reset leaves on the socket, by state. */
function onReset(env: TransportEnv, s: Sock): void {
  if (s.state === 'SYN_SENT') s.error = 'ECONNREFUSED';
  else if (s.state === 'CLOSE_WAIT') s.error = 'EPIPE';
  else if (s.state !== 'TIME_WAIT' && s.state !== 'SYN_RECV') s.error = 'ECONNRESET';
  destroySock(env, s);
}

function connectionInput(env: TransportEnv, s: Sock, t: TcpSegment): void {
  if (s.state === 'SYN_SENT') {
    synSentInput(env, s, t);
    return;
  }
  if (t.flags.rst) {
    // Only a reset inside the window counts (RFC 5961 would challenge the rest).
    if (s.state === 'SYN_RECV' || seqDiff(t.seq, s.rcvNxt) === 0 || s.state === 'TIME_WAIT') onReset(env, s);
    return;
  }
  if (s.state === 'SYN_RECV') {
    if (t.flags.syn) {
      // The client did not get our SYN-ACK: send it again.
      emitSegment(env, s, { syn: true, ack: true }, s.iss);
      return;
    }
    if (!t.flags.ack || t.ack !== seqAdd(s.iss, 1)) return;
    const l = parentOf.get(s);
    if (l && acceptQueueFull(l)) return; // listen overflow: the ACK is ignored, SYN-ACK will be retransmitted
    processAck(env, s, t.ack);
    s.state = 'ESTABLISHED';
    if (l) {
      l.synQueue = l.synQueue.filter((c) => c !== s);
      l.acceptQueue.push(s);
    }
  } else if (t.flags.syn) {
    sendAck(env, s); // challenge ACK for a SYN in a synchronized state
    return;
  }
  if (t.flags.ack && !processAck(env, s, t.ack)) {
    if (seqDiff(t.ack, s.sndNxt) > 0) sendAck(env, s);
    return;
  }
  if (s.state === 'FIN_WAIT1' && ourFinAcked(s)) {
    s.state = 'FIN_WAIT2';
    if (s.orphan) s.stateTimer = env.timers.after(TCP.finTimeout, () => destroySock(env, s));
  } else if (s.state === 'CLOSING' && ourFinAcked(s)) {
    enterTimeWait(env, s);
  } else if (s.state === 'LAST_ACK' && ourFinAcked(s)) {
    destroySock(env, s);
    return;
  }
  let needAck = false;
  let delayAck = false;
  if (t.data.length > 0) {
    if (seqDiff(t.seq, s.rcvNxt) !== 0) {
      sendAck(env, s); // duplicate or out of order: tell the peer what we expect
      return;
    }
    if (s.orphan || s.state === 'CLOSE_WAIT' || s.state === 'LAST_ACK' || s.state === 'CLOSING' || s.state === 'TIME_WAIT') {
      // Data for a socket its program closed: the kernel resets the connection.
      if (s.orphan) {
        emitSegment(env, s, { rst: true, ack: true }, s.sndNxt);
        destroySock(env, s);
      }
      return;
    }
    if (!s.rdShut) s.recvBuf += t.data;
    s.rcvNxt = seqAdd(s.rcvNxt, t.data.length);
    needAck = true;
  }
  if (t.flags.fin && seqDiff(seqAdd(t.seq, t.data.length), s.rcvNxt) === 0 && !s.rcvFin) {
    s.rcvNxt = seqAdd(s.rcvNxt, 1);
    s.rcvFin = true;
    needAck = true;
    if (s.state === 'ESTABLISHED') {
      s.state = 'CLOSE_WAIT';
      delayAck = t.data.length === 0;
    } else if (s.state === 'FIN_WAIT1') {
      if (ourFinAcked(s)) enterTimeWait(env, s);
      else s.state = 'CLOSING';
    } else if (s.state === 'FIN_WAIT2') {
      if (s.stateTimer !== undefined) env.timers.cancel(s.stateTimer);
      enterTimeWait(env, s);
    }
  } else if (t.flags.fin && s.state === 'TIME_WAIT') {
    needAck = true; // our last ACK was lost: acknowledge the retransmitted FIN again
  }
  if (needAck && delayAck) sendDelayedAck(env, s);
  else if (needAck) sendAck(env, s);
}

function synSentInput(env: TransportEnv, s: Sock, t: TcpSegment): void {
  const ackOk = t.flags.ack && t.ack === s.sndNxt;
  if (t.flags.ack && !ackOk) {
    if (!t.flags.rst) emitSegment(env, s, { rst: true }, t.ack);
    return;
  }
  if (t.flags.rst) {
    if (ackOk) onReset(env, s);
    return;
  }
  if (!t.flags.syn || !ackOk) return;
  s.rcvNxt = seqAdd(t.seq, 1);
  processAck(env, s, t.ack);
  s.state = 'ESTABLISHED';
  sendAck(env, s);
}
