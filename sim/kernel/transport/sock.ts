/**
 * Creating and destroying socket records. Destroying cancels the socket's timers, frees its
 * port and detaches it from a listener's queues, so nothing refers to it any more.
 */
import type { Proto, Sock } from './types.ts';
import type { TransportEnv } from './env.ts';
import { ANY, nsSockets, unlinkSock } from './table.ts';

/**
 * The listener a not-yet-accepted connection belongs to. Kept outside the record so that
 * socket tables stay free of cycles (snapshots serialize them as plain data).
 */
export const parentOf = new WeakMap<Sock, Sock>();

/** A fresh, unbound socket in a namespace (socket(2)). */
export function newSock(env: TransportEnv, netnsId: number, proto: Proto): Sock {
  return {
    id: env.nextSockId(), proto, netnsId,
    laddr: ANY, lport: 0, raddr: ANY, rport: 0, bound: false,
    reuseAddr: false, reusePort: false, state: 'CLOSED', orphan: false,
    iss: 0, sndUna: 0, sndNxt: 0, rcvNxt: 0, rtxQueue: [], rto: 0, retries: 0,
    recvBuf: '', rcvFin: false, sndFin: false, rdShut: false,
    backlog: 0, acceptQueue: [], synQueue: [], dgrams: [], connected: false,
  };
}

/** Registers a socket in its namespace's table (children of a listener, connected sockets). */
export function hashSock(env: TransportEnv, s: Sock): void {
  const ns = env.netns(s.netnsId);
  if (!ns) return;
  const t = nsSockets(ns);
  if (!t.socks.includes(s)) t.socks.push(s);
  s.bound = true;
}

/** Stops the retransmission timer. */
export function stopRtx(env: TransportEnv, s: Sock): void {
  if (s.rtxTimer !== undefined) env.timers.cancel(s.rtxTimer);
  s.rtxTimer = undefined;
}

/** tcp_done / udp close: the socket is gone from the tables and its timers are cancelled. */
export function destroySock(env: TransportEnv, s: Sock): void {
  stopRtx(env, s);
  if (s.delackTimer !== undefined) env.timers.cancel(s.delackTimer);
  s.delackTimer = undefined;
  if (s.stateTimer !== undefined) env.timers.cancel(s.stateTimer);
  s.stateTimer = undefined;
  s.rtxQueue = [];
  s.state = 'CLOSED';
  const p = parentOf.get(s);
  if (p) {
    p.synQueue = p.synQueue.filter((c) => c !== s);
    p.acceptQueue = p.acceptQueue.filter((c) => c !== s);
    parentOf.delete(s);
  }
  const ns = env.netns(s.netnsId);
  if (ns) unlinkSock(ns, s);
}

/** Sequence arithmetic modulo 2^32. */
export const seqAdd = (a: number, b: number): number => (a + b) >>> 0;
export const seqDiff = (a: number, b: number): number => ((a - b) | 0);
