/**
 * TCP as programs use it: connect, listen, accept, send, shutdown and close. Calls return at
 * once like non-blocking syscalls; programs wait on the socket's state (socket-api.ts).
 */
import type { Sock } from './types.ts';
import { TCP } from './types.ts';
import type { SockErrno, TransportEnv } from './env.ts';
import { ANY, bindSock, ephemeralPort, nsSockets } from './table.ts';
import { destroySock, hashSock, parentOf, seqAdd } from './sock.ts';
import { queueAndSend, sendActiveReset } from './tcp-output.ts';
import { sourceAddressFor } from './output.ts';

export type SockResult<T = void> = { ok: true; value: T } | { ok: false; errno: SockErrno };
const okv = <T>(value: T): SockResult<T> => ({ ok: true, value });
const err = (errno: SockErrno): SockResult<never> => ({ ok: false, errno });

/** connect(): picks the source address and an ephemeral port, sends the SYN (state SYN_SENT). */
export function tcpConnect(env: TransportEnv, s: Sock, dst: string, dport: number): SockResult {
  if (s.state === 'SYN_SENT') return err('EALREADY');
  if (s.state !== 'CLOSED') return err('EISCONN');
  const ns = env.netns(s.netnsId);
  if (!ns) return err('ENODEV');
  const route = sourceAddressFor(ns, dst);
  if (!route.ok) return err(route.errno);
  const laddr = s.laddr !== ANY ? s.laddr : route.src;
  if (!s.bound) {
    const port = ephemeralPort(ns, s, laddr, env.rng, 0);
    if (port === undefined) return err('EADDRNOTAVAIL');
    s.lport = port;
  }
  s.laddr = laddr;
  s.raddr = dst;
  s.rport = dport;
  s.error = undefined;
  hashSock(env, s);
  s.state = 'SYN_SENT';
  s.iss = env.rng.u32();
  s.sndUna = s.iss;
  // A SYN that OUTPUT drops is not an error for connect(): it is retransmitted until it times out.
  queueAndSend(env, s, { seq: s.iss, len: 1, syn: true, data: '' });
  return okv(undefined);
}

/** listen(): a socket not yet bound gets an ephemeral port, as the kernel's autobind does. */
export function tcpListen(env: TransportEnv, s: Sock, backlog: number): SockResult {
  const ns = env.netns(s.netnsId);
  if (!ns) return err('ENODEV');
  if (s.state !== 'CLOSED' && s.state !== 'LISTEN') return err('EINVAL');
  if (!s.bound) {
    const r = bindSock(ns, s, ANY, 0, env.rng);
    if (!r.ok) return err(r.error.errno);
  }
  s.state = 'LISTEN';
  // somaxconn caps the backlog (4096 on 6.x kernels).
  s.backlog = Math.max(0, Math.min(backlog, 4096));
  return okv(undefined);
}

/** accept(): the oldest completed connection, or undefined when none waits. */
export function tcpAccept(s: Sock): Sock | undefined {
  const c = s.acceptQueue.shift();
  if (c) parentOf.delete(c);
  return c;
}

/** send(): queues data as segments of at most one MSS each. */
export function tcpSend(env: TransportEnv, s: Sock, data: string): SockResult<number> {
  if (s.error) {
    const e = s.error;
    s.error = undefined;
    return err(e);
  }
  if (s.sndFin) return err('EPIPE');
  if (s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT') return err(s.state === 'CLOSED' ? 'EPIPE' : 'ENOTCONN');
  for (let i = 0; i < data.length; i += TCP.mss) {
    const chunk = data.slice(i, i + TCP.mss);
    queueAndSend(env, s, { seq: s.sndNxt, len: chunk.length, data: chunk });
  }
  return okv(data.length);
}

/** shutdown(SHUT_WR): our FIN goes out after the queued data. */
export function tcpShutdownWrite(env: TransportEnv, s: Sock): void {
  if (s.sndFin) return;
  if (s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT') return;
  s.sndFin = true;
  s.state = s.state === 'ESTABLISHED' ? 'FIN_WAIT1' : 'LAST_ACK';
  queueAndSend(env, s, { seq: s.sndNxt, len: 1, fin: true, data: '' });
}

/** shutdown(SHUT_RD). */
export function tcpShutdownRead(s: Sock): void {
  s.rdShut = true;
  s.recvBuf = '';
}

/**
 * close(): the program lets go; the kernel finishes the connection (FIN, TIME_WAIT) alone.
 * Unread data makes it a reset instead, and a listener resets the connections nobody accepted.
 */
export function tcpClose(env: TransportEnv, s: Sock): void {
  if (s.orphan) return;
  s.orphan = true;
  switch (s.state) {
    case 'LISTEN':
      for (const c of [...s.synQueue]) destroySock(env, c);
      for (const c of [...s.acceptQueue]) {
        sendActiveReset(env, c);
        destroySock(env, c);
      }
      destroySock(env, s);
      return;
    case 'CLOSED':
    case 'SYN_SENT':
      destroySock(env, s);
      return;
    default:
      break;
  }
  if (s.recvBuf.length > 0 && (s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT' || s.state === 'FIN_WAIT1' || s.state === 'FIN_WAIT2')) {
    sendActiveReset(env, s);
    destroySock(env, s);
    return;
  }
  if (s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT') {
    tcpShutdownWrite(env, s);
  } else if (s.state === 'FIN_WAIT2' && s.stateTimer === undefined) {
    s.stateTimer = env.timers.after(TCP.finTimeout, () => destroySock(env, s));
  }
}

/** Live TCP sockets of a namespace (for `ss`). */
export function tcpSockets(env: TransportEnv, netnsId: number): Sock[] {
  const ns = env.netns(netnsId);
  return ns ? nsSockets(ns).socks.filter((s) => s.proto === 'tcp') : [];
}

export { seqAdd };
