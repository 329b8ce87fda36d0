/**
 * What the transport layer needs from the rest of the kernel: namespaces, the timer queue,
 * the seeded generator, the trace log and a way to send packets (output.ts). The Kernel
 * class satisfies the first four structurally; the output comes from the datapath.
 */
import type { Netns } from '../types.ts';
import type { TimerQueue } from '../timers.ts';
import type { Rng } from '../rng.ts';
import type { TraceLog, TraceKind } from '../../observe/trace.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { Errno } from '../errno.ts';
import { STRERROR } from '../errno.ts';
import { describeIp } from '../datapath/describe.ts';
import type { IpOutput } from './output.ts';

export interface TransportEnv {
  readonly timers: TimerQueue;
  readonly rng: Rng;
  readonly trace?: TraceLog;
  readonly output: IpOutput;
  netns(id: number): Netns | undefined;
  now(): number;
  /** Hands out socket ids (inode-like numbers). */
  nextSockId(): number;
}

/** Errors sockets report beyond the netlink ones in errno.ts. */
export const SOCK_STRERROR = {
  ...STRERROR,
  ECONNRESET: 'Connection reset by peer',
  EPIPE: 'Broken pipe',
  ENOTCONN: 'Transport endpoint is not connected',
  EISCONN: 'Transport endpoint is already connected',
  EALREADY: 'Operation already in progress',
  EINPROGRESS: 'Operation now in progress',
  ENOPROTOOPT: 'Protocol not available',
  EHOSTDOWN: 'Host is down',
  ENONET: 'Machine is not on the network',
  EMSGSIZE: 'Message too long',
  EBADF: 'Bad file descriptor',
  EPROTO: 'Protocol error',
} as const;

export type SockErrno = keyof typeof SOCK_STRERROR;

/** Narrows a netlink errno to a socket errno (every Errno is one). */
export const asSockErrno = (e: Errno): SockErrno => e;

/** One trace event about a packet the transport layer handled. */
export function traceTransport(env: TransportEnv, ns: Netns, kind: TraceKind, pkt: Ipv4Packet, traceId: number, extra: { detail?: string; reason?: string } = {}): void {
  const tr = env.trace;
  if (!tr || !tr.enabled) return;
  tr.emit({ id: traceId, t: env.now(), kind, netnsId: ns.id, netns: ns.name ?? (ns.id === 0 ? 'host' : `netns${ns.id}`), packet: describeIp(pkt), ...extra });
}
