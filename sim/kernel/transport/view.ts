/**
 * Sockets as plain data, the way `ss` reports them: netid, state name, queue sizes, local and
 * peer address. For snapshots, exercise checks and an `ss`/`netstat` command.
 */
import type { Netns } from '../types.ts';
import type { Sock } from './types.ts';
import { nsSockets } from './table.ts';

export interface SocketView {
  netid: 'tcp' | 'udp';
  /** ss's state names: LISTEN, ESTAB, SYN-SENT, TIME-WAIT, UNCONN, ... */
  state: string;
  /** Listening: connections waiting for accept / the backlog. Otherwise unread / unacknowledged bytes. */
  recvQ: number;
  sendQ: number;
  local: string;
  localPort: number;
  peer: string;
  peerPort: number | '*';
  pid?: number;
  /** 6 for AF_INET6 sockets (see Sock.family); absent for AF_INET. */
  family?: 6;
  /** IPV6_V6ONLY on an AF_INET6 socket. */
  v6only?: boolean;
}

const STATE: Record<Sock['state'], string> = {
  CLOSED: 'UNCONN', LISTEN: 'LISTEN', SYN_SENT: 'SYN-SENT', SYN_RECV: 'SYN-RECV', ESTABLISHED: 'ESTAB',
  FIN_WAIT1: 'FIN-WAIT-1', FIN_WAIT2: 'FIN-WAIT-2', CLOSE_WAIT: 'CLOSE-WAIT', CLOSING: 'CLOSING',
  LAST_ACK: 'LAST-ACK', TIME_WAIT: 'TIME-WAIT',
};

/** One socket as ss shows it. */
export function socketView(s: Sock): SocketView {
  const listening = s.state === 'LISTEN';
  const unconnectedUdp = s.proto === 'udp' && !s.connected;
  return {
    netid: s.proto,
    state: s.proto === 'udp' ? (s.connected ? 'ESTAB' : 'UNCONN') : STATE[s.state],
    recvQ: listening ? s.acceptQueue.length : s.proto === 'udp' ? s.dgrams.reduce((n, d) => n + d.data.length, 0) : s.recvBuf.length,
    sendQ: listening ? s.backlog : s.rtxQueue.reduce((n, g) => n + g.data.length, 0),
    local: s.laddr,
    localPort: s.lport,
    peer: listening || unconnectedUdp ? (s.family === 6 ? '::' : '0.0.0.0') : s.raddr,
    peerPort: listening || unconnectedUdp ? '*' : s.rport,
    pid: s.pid,
    ...(s.family === 6 ? { family: 6 as const, v6only: !!s.v6only } : {}),
  };
}

/**
 * An address as ss prints it: IPv6 in brackets, and the unspecified address of a dual-stack
 * AF_INET6 socket (no IPV6_V6ONLY) as `*`, since it stands for IPv4 as well.
 */
export function ssAddress(v: SocketView, addr: string): string {
  if (v.family !== 6) return addr;
  return addr === '::' && !v.v6only ? '*' : `[${addr}]`;
}

/** Bound sockets of a namespace, as plain data, in creation order. */
export function socketViews(ns: Netns): SocketView[] {
  return nsSockets(ns).socks.filter((s) => s.bound).map(socketView);
}
