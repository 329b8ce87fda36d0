/**
 * The text ss appends to a socket's line for -o (timer), -e (uid, inode, cookie, cgroup,
 * shutdown state) and, on a line of its own, -m and -i (inet_show_sock in misc/ss.c).
 * Connections in TIME-WAIT (and an orphan in FIN-WAIT-2, which the kernel also keeps as a
 * timewait socket) and handshakes in SYN-RECV are not full sockets: they have no inode, no
 * cgroup, no shutdown state and no memory or tcp_info to show.
 */
import type { Netns } from '../../kernel/types.ts';
import type { Sock } from '../../kernel/transport/types.ts';
import type { TimerQueue } from '../../kernel/timers.ts';
import { peekTcpStats } from '../../kernel/transport/stats.ts';
import { fmtMsTimer } from './format.ts';
import { skmem, tcpInfo } from './tcp-info.ts';

/** Which extra columns were asked for. */
export interface DetailOpts {
  options: boolean;
  details: boolean;
  memory: boolean;
  info: boolean;
  numeric: boolean;
  /** -O: memory and tcp_info stay on the socket's line. */
  oneline: boolean;
  /**
   * No cgroup2 file system is mounted where ss runs (`ip netns exec` mounts a fresh /sys
   * without it): a socket's cgroup id cannot be turned into a path.
   */
  noCgroupMount: boolean;
}

/** The root cgroup's id: where every process of the lab runs. */
const ROOT_CGROUP_ID = 1;

/**
 * Whether `ns` is entered through `ip netns exec`: a namespace with a name under /run/netns.
 * Docker's namespaces are anonymous and the world's hidden ones are never entered by a shell.
 */
export function enteredByIpNetnsExec(ns: Netns): boolean {
  return ns.name !== undefined && !ns.hidden;
}

/**
 * How many times ss complains that it found no cgroup2 mount while printing `n` sockets
 * with -e: once per socket, and once more for the first lookup (the reference system
 * prints 2 lines for one socket, 3 for two).
 */
export function cgroupMountErrors(n: number): string {
  return n > 0 ? 'Failed to find cgroup2 mount\n'.repeat(n + 1) : '';
}

/** Sockets for which -e prints a cgroup (full sockets). */
export function hasCgroup(s: Sock): boolean {
  return !isMini(s);
}

/** TIME-WAIT, or an orphan's FIN-WAIT-2: the kernel keeps both as small timewait sockets. */
export function isTimewaitSock(s: Sock): boolean {
  return s.proto === 'tcp' && (s.state === 'TIME_WAIT' || (s.state === 'FIN_WAIT2' && s.orphan && s.stateTimer !== undefined));
}

/** Not a full socket (a timewait or request socket): no inode, cgroup or tcp_info. */
export function isMini(s: Sock): boolean {
  return isTimewaitSock(s) || (s.proto === 'tcp' && s.state === 'SYN_RECV');
}

/** sk cookie: unique per socket, handed out from a machine-wide counter. */
function cookie(s: Sock): string {
  return (0x1000 + s.id).toString(16);
}

/** idiag_timer/idiag_expires/idiag_retrans as tcp_timer_print shows them. */
function timer(s: Sock, timers: TimerQueue, now: number): string {
  if (s.proto !== 'tcp') return '';
  const left = (id: number | undefined) => {
    const at = id === undefined ? undefined : timers.dueAt(id);
    return at === undefined ? undefined : Math.max(0, Math.floor(at - now));
  };
  if (s.state === 'TIME_WAIT' || (isMini(s) && s.state === 'FIN_WAIT2')) {
    const ms = left(s.stateTimer);
    return ms === undefined ? '' : ` timer:(timewait,${fmtMsTimer(ms)},0)`;
  }
  if (s.rtxTimer !== undefined && timers.dueAt(s.rtxTimer) !== undefined) {
    // icsk_timeout: the expiry asked for (the timer wheel fires a little after it).
    const at = peekTcpStats(s)?.rtxExpires ?? timers.dueAt(s.rtxTimer)!;
    return ` timer:(on,${fmtMsTimer(Math.max(0, Math.floor(at - now)))},${s.retries})`;
  }
  return '';
}

/** Everything after the process column for one socket. */
export function socketDetails(ns: Netns, s: Sock, timers: TimerQueue, now: number, o: DetailOpts): string {
  let out = '';
  const mini = isMini(s);
  if (o.options) out += timer(s, timers, now);
  if (o.details) {
    // uid is printed only when it is not root; the lab's programs run as root.
    out += ` ino:${mini ? 0 : s.id} sk:${cookie(s)}`;
    if (!mini) {
      out += o.noCgroupMount ? ` cgroup:unreachable:${ROOT_CGROUP_ID.toString(16)}` : ' cgroup:/';
      // AF_INET6 sockets report IPV6_V6ONLY (INET_DIAG_SKV6ONLY).
      if (s.family === 6) out += ` v6only:${s.v6only ? 1 : 0}`;
      // RCV_SHUTDOWN (a FIN came, or shutdown(SHUT_RD)) and SEND_SHUTDOWN (our FIN).
      out += ` ${s.rcvFin || s.rdShut ? '-' : '<'}-${s.sndFin ? '-' : '>'}`;
    }
  }
  if (o.memory || (o.info && s.proto === 'tcp')) {
    if (!o.oneline) out += '\n\t';
    if (!mini) {
      if (o.memory) out += ' ' + skmem(ns, s);
      if (o.info && s.proto === 'tcp') out += tcpInfo(ns, s, now, { numeric: o.numeric, options: o.options });
    }
  }
  return out;
}
