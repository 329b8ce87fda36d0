/**
 * What `ss -m` and `ss -i` print for a socket: the socket's memory (skmem) and tcp_info, as
 * the reference kernel (6.x, HZ=250, congestion control from net.ipv4.tcp_congestion_control)
 * fills them for the connections the lab makes: short local or veth paths, idle or with a
 * little data. Sizes follow from the path MTU and the buffer sysctls the way the kernel
 * derives them (tcp_select_initial_window, tcp_init_buffer_space, tcp_sndbuf_expand; checked
 * on the reference kernel for MTU 1400, 1500, 9000 and loopback). Round-trip times are not
 * simulated (packets cross the lab in no time); a connection reports what the reference
 * kernel measures on such a path: 70 us for the side that connected, 25 us for the side that
 * accepted, with the values computed from them (send rate, pacing rate) derived exactly.
 */
import type { Netns } from '../../kernel/types.ts';
import type { Sock } from '../../kernel/transport/types.ts';
import { peekTcpStats } from '../../kernel/transport/stats.ts';
import { routeOutput } from '../../kernel/datapath/fib.ts';
import { seqDiff } from '../../kernel/transport/sock.ts';
import { fmtBw, fmtG } from './format.ts';

/** Round-trip samples of an idle local path, in microseconds (see the file comment). */
const RTT_ACTIVE_US = 70;
const RTT_PASSIVE_US = 25;
const INIT_CWND = 10;
/** TCP_RTO_MIN plus one jiffy at HZ=250, as tcpi_rto reports it for a fast path. */
const RTO_MS = 204;
const TCP_MSS_DEFAULT = 536;
/** IP_MAX_MTU: loopback's 65536 is reported as a path MTU of 65535. */
const IP_MAX_MTU = 65535;
/** Memory a queued SYN takes (skb truesize), as skmem's t and w show it. */
const SYN_TRUESIZE = 832;

function sysctlNums(ns: Netns, key: string, fallback: string): number[] {
  return (ns.sysctl.get(key) ?? fallback).split(/\s+/).map(Number);
}

/** The congestion control a new socket of `ns` gets. */
export function congestionControl(ns: Netns): string {
  return ns.sysctl.get('net.ipv4.tcp_congestion_control') ?? 'cubic';
}

/** Path MTU towards `dst`: local destinations go through loopback. */
function pathMtu(ns: Netns, dst: string): number {
  const hit = routeOutput(ns, dst);
  let mtu = 1500;
  if (hit.ok) {
    const lo = [...ns.links.values()].find((l) => l.kind === 'loopback');
    mtu = hit.type === 'local' && lo ? lo.mtu : hit.dev.mtu;
  }
  return Math.min(mtu, IP_MAX_MTU);
}

const roundDown = (x: number, m: number) => Math.floor(x / m) * m;
const pow2Ceil = (x: number) => 2 ** Math.ceil(Math.log2(x));

/** The window scale a socket offers: enough to cover the largest receive buffer. */
function rcvWscale(ns: Netns): number {
  let space = Math.max(sysctlNums(ns, 'net.ipv4.tcp_rmem', '4096 131072 6291456')[2]!, Number(ns.sysctl.get('net.core.rmem_max') ?? 212992));
  let w = 0;
  while (space > 65535 && w < 14) {
    space >>= 1;
    w++;
  }
  return w;
}

/** Buffer sizes and windows of a connection, derived as the kernel derives them. */
interface Geometry {
  pmtu: number;
  advmss: number;
  mss: number;
  rcvSpace: number;
  rcvSsthresh: number;
  sndWnd: number;
  sndbuf: number;
  rcvbuf: number;
}

function geometry(ns: Netns, s: Sock, passive: boolean): Geometry {
  const pmtu = pathMtu(ns, s.raddr);
  const advmss = pmtu - 52; // IP and TCP headers with the timestamp option
  const synMss = pmtu - 40; // the MSS option both ends announce
  const rmem = sysctlNums(ns, 'net.ipv4.tcp_rmem', '4096 131072 6291456');
  const wmem = sysctlNums(ns, 'net.ipv4.tcp_wmem', '4096 16384 4194304');
  const maxwin = Math.floor(rmem[1]! / 2); // tcp_full_space of the default receive buffer
  // tcp_select_initial_window: the SYN's window is a whole number of segments.
  const activeWnd = roundDown(Math.min(IP_MAX_MTU, maxwin), synMss);
  const passiveWnd = roundDown(Math.min(IP_MAX_MTU, maxwin), advmss);
  const rcvWnd = passive ? passiveWnd : activeWnd;
  // The SYN-ACK's window is unscaled; the handshake's last ACK carries the scaled one, rounded up.
  const scale = 1 << rcvWscale(ns);
  const sndWnd = passive ? Math.ceil(activeWnd / scale) * scale : passiveWnd;
  // tcp_init_buffer_space: the clamp keeps room for one segment.
  let clamp = maxwin;
  if (clamp > 2 * advmss && clamp + advmss > maxwin) clamp = Math.max(2 * advmss, maxwin - advmss);
  const rcvSsthresh = Math.min(rcvWnd, clamp);
  const rcvSpace = Math.min(rcvSsthresh, rcvWnd, INIT_CWND * advmss);
  // tcp_bound_to_half_wnd.
  const mss = sndWnd > TCP_MSS_DEFAULT ? Math.min(advmss, sndWnd >> 1) : advmss;
  // tcp_sndbuf_expand when the connection is set up: room for 2 (3 with bbr) initial
  // windows of full-size buffers. It grows again only when the sender runs out of it.
  const perMss = pow2Ceil(Math.max(synMss, advmss) + 512) + 256;
  const factor = congestionControl(ns) === 'bbr' ? 3 : 2;
  const sndbuf = Math.max(wmem[1]!, Math.min(factor * INIT_CWND * perMss, wmem[2]!));
  return { pmtu, advmss, mss, rcvSpace, rcvSsthresh, sndWnd, sndbuf, rcvbuf: rmem[1]! };
}

/** skmem:(...) of a socket: allocated and queued bytes, buffer sizes, drops. */
export function skmem(ns: Netns, s: Sock): string {
  let rb: number;
  let tb: number;
  if (s.proto === 'udp') {
    rb = Number(ns.sysctl.get('net.core.rmem_default') ?? 212992);
    tb = Number(ns.sysctl.get('net.core.wmem_default') ?? 212992);
  } else if (s.state === 'LISTEN') {
    rb = sysctlNums(ns, 'net.ipv4.tcp_rmem', '4096 131072 6291456')[1]!;
    tb = sysctlNums(ns, 'net.ipv4.tcp_wmem', '4096 16384 4194304')[1]!;
  } else if (s.state === 'SYN_SENT') {
    // Only the SYN is queued (w); its clone left with the device, so nothing is in flight
    // (t). The buffers are sized once the handshake completes.
    return `skmem:(r0,rb${sysctlNums(ns, 'net.ipv4.tcp_rmem', '4096 131072 6291456')[1]},t0,tb${sysctlNums(ns, 'net.ipv4.tcp_wmem', '4096 16384 4194304')[1]},f${4096 - SYN_TRUESIZE},w${SYN_TRUESIZE},o0,bl0,d0)`;
  } else {
    const g = geometry(ns, s, peekTcpStats(s)?.passive ?? false);
    rb = g.rcvbuf;
    tb = g.sndbuf;
  }
  return `skmem:(r0,rb${rb},t0,tb${tb},f0,w0,o0,bl0,d0)`;
}

function cwndOf(s: Sock): number {
  const st = peekTcpStats(s);
  if (!st) return INIT_CWND;
  // Slow start: every data segment acknowledged opens the window by one.
  const unacked = s.rtxQueue.filter((g) => g.data.length > 0).length;
  return INIT_CWND + Math.max(0, st.dataSegsOut - unacked);
}

/** bbr_init_pacing_rate_from_rtt with the startup gain, in bits per second. */
function bbrPacing(cwnd: number, mss: number, rttUs: number): number {
  const bw = (BigInt(cwnd) << 24n) / BigInt(rttUs);
  let rate = (bw * BigInt(mss) * 739n) >> 8n;
  rate = (rate * 990000n) >> 24n;
  return Number(rate) * 8;
}

/** tcp_update_pacing_rate for the other algorithms (slow start ratio 200%), bits per second. */
function renoPacing(cwnd: number, mss: number, rttUs: number): number {
  const rate = (BigInt(mss) * 80000n * 200n * BigInt(cwnd)) / BigInt(rttUs * 8);
  return Number(rate) * 8;
}

/**
 * tcp_jiffies32 in ms, what "last" times measured from 0 show: jiffies start 5 minutes
 * before wrapping (INITIAL_JIFFIES), and tcp_info holds milliseconds in 32 bits.
 */
function jiffiesMs(now: number): number {
  const j = (Math.floor(now / 4) - 75000) >>> 0;
  return Number((BigInt(j) * 4n) & 0xffffffffn);
}

/**
 * A connection still waiting for the SYN-ACK: no options agreed, no RTT sample, the MSS
 * and receive MSS the kernel assumes until then, and no data ever sent or received, so
 * the "last" times count from jiffy 0.
 */
function synSentInfo(ns: Netns, s: Sock, now: number, cc: string): string {
  const pmtu = pathMtu(ns, s.raddr);
  const rmem = sysctlNums(ns, 'net.ipv4.tcp_rmem', '4096 131072 6291456');
  const synMss = pmtu - 40;
  const st = peekTcpStats(s);
  const f = [cc, `rto:${s.rto}`];
  if (s.retries) f.push(`backoff:${s.retries}`);
  f.push('mss:524', `pmtu:${pmtu}`, 'rcvmss:88', `advmss:${synMss}`, `cwnd:${s.retries ? 1 : INIT_CWND}`);
  if (st?.segsOut) f.push(`segs_out:${st.segsOut}`);
  if (cc === 'bbr') f.push('bbr:(bw:0bps,mrtt:0)');
  const idle = jiffiesMs(now);
  if (idle) f.push(`lastsnd:${idle}`, `lastrcv:${idle}`, `lastack:${idle}`);
  f.push('app_limited', `unacked:${s.rtxQueue.length}`);
  if (s.retries) f.push(`retrans:1/${s.retries}`, `lost:1`);
  f.push(`rcv_ssthresh:${roundDown(Math.min(IP_MAX_MTU, Math.floor(rmem[1]! / 2)), synMss)}`);
  return ' ' + f.join(' ');
}

/** The tcp_info text of a connection (`options` adds ts/sack as -o and -e do). */
export function tcpInfo(ns: Netns, s: Sock, now: number, opts: { numeric: boolean; options: boolean }): string {
  const cc = congestionControl(ns);
  if (s.state === 'LISTEN') return ` ${cc} cwnd:${INIT_CWND}`;
  if (s.state === 'SYN_SENT') return synSentInfo(ns, s, now, cc);
  const st = peekTcpStats(s);
  const passive = st?.passive ?? false;
  const cwnd = cwndOf(s);
  const g = geometry(ns, s, passive);
  const rttUs = passive ? RTT_PASSIVE_US : RTT_ACTIVE_US;
  const rtt = rttUs / 1000;
  const rttvar = Math.floor(rttUs / 2) / 1000;
  const wscale = rcvWscale(ns);
  const f: string[] = [];
  if (opts.options) f.push('ts', 'sack');
  f.push(cc, `wscale:${wscale},${wscale}`, `rto:${s.retries ? s.rto : RTO_MS}`);
  if (s.retries) f.push(`backoff:${s.retries}`);
  f.push(`rtt:${fmtG(rtt)}/${fmtG(rttvar)}`);
  if (st && st.dataSegsIn > 0) f.push('ato:40');
  f.push(`mss:${g.mss}`, `pmtu:${g.pmtu}`, `rcvmss:${TCP_MSS_DEFAULT}`, `advmss:${g.advmss}`, `cwnd:${cwnd}`);
  const bytesAcked = Math.max(0, seqDiff(s.sndUna, s.iss) - (passive ? 1 : 0));
  const bytesReceived = st?.irs !== undefined ? Math.max(0, seqDiff(s.rcvNxt, st.irs) - 1) : 0;
  if (st?.bytesSent) f.push(`bytes_sent:${st.bytesSent}`);
  if (bytesAcked) f.push(`bytes_acked:${bytesAcked}`);
  if (bytesReceived) f.push(`bytes_received:${bytesReceived}`);
  if (st?.segsOut) f.push(`segs_out:${st.segsOut}`);
  if (st?.segsIn) f.push(`segs_in:${st.segsIn}`);
  if (st?.dataSegsOut) f.push(`data_segs_out:${st.dataSegsOut}`);
  if (st?.dataSegsIn) f.push(`data_segs_in:${st.dataSegsIn}`);
  const delivered = 1 + (cwnd - INIT_CWND);
  if (cc === 'bbr') {
    // Before anything is delivered bbr reports no bandwidth; the side that connected is in
    // its first round with unit gains, the accepting side has not run bbr's model yet.
    const gains = delivered > 1 ? ',pacing_gain:2.88672,cwnd_gain:2.88672' : passive ? '' : ',pacing_gain:1,cwnd_gain:1';
    const bw = delivered > 1 ? fmtBw(Math.floor((INIT_CWND * g.mss * 8e6) / rttUs), opts.numeric) : '0';
    f.push(`bbr:(bw:${bw}bps,mrtt:${fmtG(rtt)}${gains})`);
  }
  f.push(`send ${fmtBw((cwnd * g.mss * 8e6) / rttUs, opts.numeric)}bps`);
  if (st) {
    for (const [k, t] of [['lastsnd', st.lastDataSent], ['lastrcv', st.lastDataRecv], ['lastack', st.lastAckRecv]] as const) {
      const ms = Math.max(0, Math.floor(now - t));
      if (ms) f.push(`${k}:${ms}`);
    }
  }
  const pacing = cc === 'bbr' ? bbrPacing(cwnd, g.mss, rttUs) : renoPacing(cwnd, g.mss, rttUs);
  f.push(`pacing_rate ${fmtBw(pacing, opts.numeric)}bps`);
  if (delivered > 1) f.push(`delivery_rate ${fmtBw(Math.floor((INIT_CWND * g.mss * 8e6) / rttUs), opts.numeric)}bps`);
  f.push(`delivered:${delivered}`);
  if (!s.rtxQueue.length) f.push('app_limited');
  if (s.rtxQueue.length) f.push(`unacked:${s.rtxQueue.length}`);
  if (s.retries) f.push(`retrans:1/${s.retries}`);
  f.push(`rcv_space:${g.rcvSpace}`, `rcv_ssthresh:${g.rcvSsthresh}`, `minrtt:${fmtG(rtt)}`, `snd_wnd:${g.sndWnd}`);
  return ' ' + f.join(' ');
}
