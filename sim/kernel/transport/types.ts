/**
 * Sockets as the transport layer keeps them: one record per TCP or UDP socket, stored per
 * network namespace in `netns.ext.sockets` (see table.ts). Field names follow the kernel's
 * (snd_una, snd_nxt, rcv_nxt) so that the state machine in tcp-input.ts reads like RFC 793.
 */
import type { SockErrno } from './env.ts';

/** TCP states as `ss` names them (without the dash ss prints). */
export type TcpState =
  | 'CLOSED' | 'LISTEN' | 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED'
  | 'FIN_WAIT1' | 'FIN_WAIT2' | 'CLOSE_WAIT' | 'CLOSING' | 'LAST_ACK' | 'TIME_WAIT';

export type Proto = 'tcp' | 'udp';

/** A TCP segment waiting for its acknowledgement (retransmission queue entry). */
export interface PendingSegment {
  seq: number;
  /** Sequence space it takes: data length, plus one for SYN and for FIN. */
  len: number;
  syn?: boolean;
  fin?: boolean;
  data: string;
}

/** A datagram waiting in a UDP socket's receive queue. */
export interface Datagram {
  src: string;
  sport: number;
  /** Local address it was sent to. */
  dst: string;
  data: string;
}

export interface Sock {
  /** Unique across the machine, like an inode number (ss shows it as ino). */
  readonly id: number;
  readonly proto: Proto;
  readonly netnsId: number;
  /** Local address ("0.0.0.0" until bound to one) and port (0 until bound). */
  laddr: string;
  lport: number;
  /** Remote end once connected ("0.0.0.0"/0 otherwise). */
  raddr: string;
  rport: number;
  /** The socket holds its port in the bind table. */
  bound: boolean;
  /** SO_REUSEADDR / SO_REUSEPORT. */
  reuseAddr: boolean;
  reusePort: boolean;
  state: TcpState;
  /** Pending error (SO_ERROR), reported by the next call that looks at it. */
  error?: SockErrno;
  /** Soft error (an ICMP error on an established connection), reported if the connection times out. */
  softError?: SockErrno;
  /** The owning program closed its descriptor: the kernel finishes the connection alone. */
  orphan: boolean;
  /** Pid of the process that opened it, for `ss -p` (optional). */
  pid?: number;
  /**
   * An AF_INET6 socket (absent: AF_INET). The lab has no IPv6 datapath, so such a socket can
   * only be bound to `::` and listen: it holds its port and shows in `ss`, nothing reaches it.
   */
  family?: 6;
  /** IPV6_V6ONLY: the `::` socket leaves IPv4 to AF_INET sockets on the same port. */
  v6only?: boolean;

  // ---- TCP ----
  iss: number;
  sndUna: number;
  sndNxt: number;
  rcvNxt: number;
  /** Unacknowledged segments, oldest first. */
  rtxQueue: PendingSegment[];
  rtxTimer?: number;
  /** Current retransmission timeout (ms) and retransmissions so far of the oldest segment. */
  rto: number;
  retries: number;
  /** Delayed ACK pending (the ACK of a FIN, which Linux sends in pingpong mode). */
  delackTimer?: number;
  /** Other timers: TIME_WAIT expiry, FIN_WAIT2 orphan timeout. */
  stateTimer?: number;
  /** Bytes received in order and not yet read. */
  recvBuf: string;
  /** The peer's FIN was received (reads return end of file once recvBuf is empty). */
  rcvFin: boolean;
  /** We sent our FIN (shutdown(SHUT_WR) or close). */
  sndFin: boolean;
  /** shutdown(SHUT_RD): data still arriving is acknowledged and thrown away. */
  rdShut: boolean;
  /** Listener: backlog, connections completed and not yet accepted, and handshakes under way. */
  backlog: number;
  acceptQueue: Sock[];
  synQueue: Sock[];

  /**
   * Called (at the same virtual instant, after the packet that caused it) when something
   * arrived for this socket: data, end of file, a completed connection on a listener. Lets
   * in-kernel servers of hidden hosts work without a process.
   */
  wake?: () => void;

  // ---- UDP ----
  dgrams: Datagram[];
  /** UDP: connect() set a default peer. */
  connected: boolean;
}

/** Linux's values (include/net/tcp.h and the ipv4 sysctls' defaults). */
export const TCP = {
  /** TCP_TIMEOUT_INIT: first SYN retransmission after 1 s, doubling each time. */
  synRto: 1000,
  /** net.ipv4.tcp_syn_retries and tcp_synack_retries. */
  synRetries: 6,
  synackRetries: 5,
  /** TCP_RTO_MIN: a data segment on a fast local link is retransmitted after about 200 ms. */
  dataRto: 200,
  /** TCP_DELACK_MIN: a delayed ACK goes out 40 ms later unless a segment carries it first. */
  delack: 40,
  /** TCP_RTO_MAX. */
  maxRto: 120000,
  /** net.ipv4.tcp_retries2. */
  dataRetries: 15,
  /** TCP_TIMEWAIT_LEN and net.ipv4.tcp_fin_timeout. */
  timeWait: 60000,
  finTimeout: 60000,
  /** Header lengths: a Linux SYN carries mss, sackOK, timestamps and wscale; later segments timestamps. */
  synHeader: 40,
  header: 32,
  rstHeader: 20,
  /** Payload per segment on a 1500-byte link with timestamps. */
  mss: 1448,
  synWindow: 64240,
  synAckWindow: 65160,
  /**
   * Window field after the handshake: the initial receive window (64240 for the side that
   * sent the SYN, 65160 for the side that answered it) in units of the window scale 10 the
   * reference machine offers, rounded up (tcpdump shows "win 63" and "win 64").
   */
  window: 63,
  passiveWindow: 64,
} as const;
