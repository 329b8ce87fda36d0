/**
 * UDP: datagrams to bound sockets, ICMP port unreachable when nothing listens (never for
 * broadcasts), and connected sockets that learn of that unreachable as ECONNREFUSED.
 */
import type { Netns } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import { clonePacket, ipLength, IPV4_HEADER, ICMP_HEADER } from '../packet.ts';
import type { Sock } from './types.ts';
import type { TransportEnv } from './env.ts';
import { traceTransport } from './env.ts';
import { ANY, bindSock, isLocalAddress, lookupUdp } from './table.ts';
import { defaultTtl, sourceAddressFor } from './output.ts';
import type { SockResult } from './tcp.ts';

/** Datagrams a socket keeps before dropping more (a stand-in for the receive buffer). */
const RCVQ_MAX = 256;

/** connect() on a UDP socket: sets the default peer and the source address; no packet is sent. */
export function udpConnect(env: TransportEnv, s: Sock, dst: string, dport: number): SockResult {
  const ns = env.netns(s.netnsId);
  if (!ns) return { ok: false, errno: 'ENODEV' };
  const route = sourceAddressFor(ns, dst);
  if (!route.ok) return { ok: false, errno: route.errno };
  if (!s.bound) {
    const r = bindSock(ns, s, ANY, 0, env.rng);
    if (!r.ok) return { ok: false, errno: r.error.errno };
  }
  if (s.laddr === ANY) s.laddr = route.src;
  s.raddr = dst;
  s.rport = dport;
  s.connected = true;
  s.state = 'ESTABLISHED';
  return { ok: true, value: undefined };
}

/** sendto()/send(): a pending error (ECONNREFUSED after a port unreachable) is reported first. */
export function udpSend(env: TransportEnv, s: Sock, data: string, to?: { addr: string; port: number }): SockResult<number> {
  const ns = env.netns(s.netnsId);
  if (!ns) return { ok: false, errno: 'ENODEV' };
  if (s.error) {
    const e = s.error;
    s.error = undefined;
    return { ok: false, errno: e };
  }
  const dst = to ?? (s.connected ? { addr: s.raddr, port: s.rport } : undefined);
  if (!dst) return { ok: false, errno: 'ENOTCONN' };
  if (!s.bound) {
    const r = bindSock(ns, s, ANY, 0, env.rng);
    if (!r.ok) return { ok: false, errno: r.error.errno };
  }
  let src = s.laddr;
  if (src === ANY) {
    const route = sourceAddressFor(ns, dst.addr);
    if (!route.ok) return { ok: false, errno: route.errno };
    src = route.src;
  }
  const pkt: Ipv4Packet = {
    src, dst: dst.addr, ttl: defaultTtl(ns), tos: 0, id: 0, df: true,
    l4: { proto: 'udp', udp: { sport: s.lport, dport: dst.port, data } },
  };
  const r = env.output.send(ns, pkt);
  if (!r.ok) return { ok: false, errno: r.errno };
  return { ok: true, value: data.length };
}

/** A datagram delivered to `ns`: queued on the best-matching socket, or answered with port unreachable. */
export function udpReceive(env: TransportEnv, ns: Netns, pkt: Ipv4Packet, traceId: number): void {
  if (pkt.l4.proto !== 'udp') return;
  const u = pkt.l4.udp;
  const s = lookupUdp(ns, pkt.src, u.sport, pkt.dst, u.dport);
  if (!s) {
    if (!isLocalAddress(ns, pkt.dst)) {
      traceTransport(env, ns, 'drop', pkt, traceId, { reason: 'no socket (broadcast: no ICMP error)' });
      return;
    }
    traceTransport(env, ns, 'drop', pkt, traceId, { reason: 'no socket: ICMP port unreachable' });
    sendPortUnreachable(env, ns, pkt, traceId);
    return;
  }
  if (s.dgrams.length >= RCVQ_MAX) {
    traceTransport(env, ns, 'drop', pkt, traceId, { reason: 'receive queue full' });
    return;
  }
  traceTransport(env, ns, 'deliver', pkt, traceId, { detail: `udp socket ${s.laddr}:${s.lport}` });
  s.dgrams.push({ src: pkt.src, sport: u.sport, dst: pkt.dst, data: u.data });
  const w = s.wake;
  if (w) env.timers.after(0, w);
}

/** icmp_send(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH) from the address the datagram was sent to. */
function sendPortUnreachable(env: TransportEnv, ns: Netns, pkt: Ipv4Packet, traceId: number): void {
  const err: Ipv4Packet = {
    src: pkt.dst, dst: pkt.src, ttl: defaultTtl(ns), tos: 0xc0, id: 0, df: false,
    // The error quotes as much of the datagram as fits in 576 bytes.
    l4: { proto: 'icmp', icmp: { type: 3, code: 3, dataLen: Math.min(ipLength(pkt), 576 - IPV4_HEADER - ICMP_HEADER), inner: clonePacket(pkt) } },
  };
  env.output.send(ns, err, traceId);
}
