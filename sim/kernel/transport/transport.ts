/**
 * The transport layer of the machine: the TransportSeam the datapath calls (segments and
 * datagrams after INPUT, ICMP errors, namespace teardown) and the socket operations the
 * socket API (socket-api.ts) offers programs.
 */
import type { Link, Netns } from '../types.ts';
import type { Ipv4Packet, SkbMeta } from '../packet.ts';
import type { TransportSeam } from '../hooks.ts';
import type { Proto, Sock } from './types.ts';
import type { TransportEnv } from './env.ts';
import { nsSockets, bindSock } from './table.ts';
import { destroySock, newSock } from './sock.ts';
import { tcpReceive } from './tcp-input.ts';
import { tcpAccept, tcpClose, tcpConnect, tcpListen, tcpSend, tcpShutdownRead, tcpShutdownWrite, type SockResult } from './tcp.ts';
import { udpConnect, udpReceive, udpSend } from './udp.ts';
import { icmpErrorReceive } from './icmp-error.ts';

export class Transport implements TransportSeam {
  constructor(readonly env: TransportEnv) {}

  // ---- the seam ----

  /** A TCP segment or UDP datagram for `netns`, accepted by INPUT. */
  receive(netns: Netns, pkt: Ipv4Packet, skb: SkbMeta, _inDev: Link): void {
    if (pkt.l4.proto === 'tcp') tcpReceive(this.env, netns, pkt, skb.traceId);
    else if (pkt.l4.proto === 'udp') udpReceive(this.env, netns, pkt, skb.traceId);
  }

  /** An ICMP error about a packet this namespace sent. */
  icmpError(netns: Netns, pkt: Ipv4Packet): void {
    icmpErrorReceive(this.env, netns, pkt);
  }

  /** Every socket of a dying namespace goes with it, silently. */
  netnsDestroyed(netns: Netns): void {
    for (const s of [...nsSockets(netns).socks]) destroySock(this.env, s);
  }

  // ---- operations for programs ----

  socket(netnsId: number, proto: Proto, pid?: number): Sock {
    const s = newSock(this.env, netnsId, proto);
    s.pid = pid;
    return s;
  }

  bind(s: Sock, addr: string, port: number): SockResult {
    const ns = this.env.netns(s.netnsId);
    if (!ns) return { ok: false, errno: 'ENODEV' };
    const r = bindSock(ns, s, addr, port, this.env.rng);
    return r.ok ? { ok: true, value: undefined } : { ok: false, errno: r.error.errno };
  }

  listen(s: Sock, backlog: number): SockResult {
    return tcpListen(this.env, s, backlog);
  }

  accept(s: Sock): Sock | undefined {
    return tcpAccept(s);
  }

  connect(s: Sock, addr: string, port: number): SockResult {
    return s.proto === 'tcp' ? tcpConnect(this.env, s, addr, port) : udpConnect(this.env, s, addr, port);
  }

  send(s: Sock, data: string, to?: { addr: string; port: number }): SockResult<number> {
    return s.proto === 'tcp' ? tcpSend(this.env, s, data) : udpSend(this.env, s, data, to);
  }

  shutdown(s: Sock, how: 'rd' | 'wr' | 'rdwr'): void {
    if (s.proto !== 'tcp') return;
    if (how !== 'wr') tcpShutdownRead(s);
    if (how !== 'rd') tcpShutdownWrite(this.env, s);
  }

  close(s: Sock): void {
    if (s.proto === 'tcp') tcpClose(this.env, s);
    else {
      s.orphan = true;
      destroySock(this.env, s);
    }
  }

  /** Sockets of a namespace, in creation order (for `ss` and `netstat`). */
  sockets(netnsId: number): Sock[] {
    const ns = this.env.netns(netnsId);
    return ns ? [...nsSockets(ns).socks] : [];
  }
}
