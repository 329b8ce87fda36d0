/**
 * ICMP: the echo responder (honouring net.ipv4.icmp_echo_ignore_all and
 * icmp_echo_ignore_broadcasts), delivery of echo replies and of errors to the sockets that
 * caused them, and generation of errors (icmp_send) with the kernel's rules: never about an
 * ICMP error, a broadcast or multicast, and quoting the offending packet up to 576 bytes.
 */
import type { Link, Netns } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import { ICMP_HEADER, IPV4_HEADER, clonePacket, ipLength } from '../packet.ts';
import type { Datapath, DpSkb } from './datapath.ts';
import { sysctl, sysctlOn } from './host.ts';
import { localLookup } from './fib.ts';
import { sendLocal } from './ip-output.ts';
import { isLimitedBroadcast, isMulticast } from './ipv4.ts';

/** ICMP types that are errors (and are never answered with an error). */
const ERROR_TYPES = new Set([3, 4, 5, 11, 12]);

/** An ICMP message arrived for this namespace. */
export function icmpReceive(dp: Datapath, ns: Netns, dev: Link, pkt: Ipv4Packet, skb: DpSkb, cast: 'local' | 'broadcast'): void {
  if (pkt.l4.proto !== 'icmp') return;
  const m = pkt.l4.icmp;
  if (m.type === 8) {
    if (sysctlOn(ns, 'net.ipv4.icmp_echo_ignore_all')) {
      dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: 'net.ipv4.icmp_echo_ignore_all = 1' });
      return;
    }
    if (cast === 'broadcast' && sysctlOn(ns, 'net.ipv4.icmp_echo_ignore_broadcasts')) {
      dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: 'broadcast echo ignored (icmp_echo_ignore_broadcasts = 1)' });
      return;
    }
    dp.traceIp('deliver', ns, skb, pkt, { dev: dev.name, detail: 'ICMP echo responder' });
    const reply: Ipv4Packet = {
      src: cast === 'local' ? pkt.dst : '',
      dst: pkt.src,
      ttl: Number(sysctl(ns, 'net.ipv4.ip_default_ttl')) || 64,
      tos: pkt.tos,
      id: 0,
      df: false,
      l4: { proto: 'icmp', icmp: { type: 0, code: 0, id: m.id, seq: m.seq, dataLen: m.dataLen } },
    };
    const rskb = dp.newSkb(true, skb.traceId);
    dp.traceIp('icmp', ns, rskb, reply, { detail: 'echo reply' });
    sendLocal(dp, ns, reply, { skb: rskb });
    return;
  }
  if (m.type === 0) {
    // A packet looped back to ourselves counts as arriving on the device that owns its
    // destination, which is what a socket bound to a device (ping -I) is matched against.
    const iif = dev.kind === 'loopback' ? localLookup(ns, pkt.dst)?.dev.index ?? dev.index : dev.index;
    if (dp.sockets.deliverReply(ns.id, pkt, iif)) dp.traceIp('deliver', ns, skb, pkt, { dev: dev.name, detail: 'to the ping socket' });
    else dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: 'no socket waits for this echo reply' });
    return;
  }
  if (ERROR_TYPES.has(m.type) && m.inner) {
    const inner = m.inner;
    let taken = false;
    if (inner.l4.proto === 'icmp') taken = dp.sockets.deliverError(ns.id, pkt);
    else if (dp.host.transport?.icmpError) {
      dp.host.transport.icmpError(ns, pkt);
      taken = true;
    }
    if (taken) dp.traceIp('deliver', ns, skb, pkt, { dev: dev.name, detail: 'error reported to the sending socket' });
    else dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: 'no socket for this ICMP error' });
    return;
  }
  dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: `ICMP type ${m.type} not handled` });
}

/**
 * icmp_send: reports a problem with `orig` (as this namespace received or queued it) to its
 * sender. The source is the original destination when that was one of our addresses, else
 * whatever routing picks toward the sender.
 */
export function sendIcmpError(dp: Datapath, ns: Netns, orig: Ipv4Packet, origSkb: DpSkb, type: number, code: number, mtu?: number): void {
  if (orig.l4.proto === 'icmp' && ERROR_TYPES.has(orig.l4.icmp.type)) return;
  if (orig.src === '0.0.0.0' || isMulticast(orig.dst) || isLimitedBroadcast(orig.dst) || isMulticast(orig.src)) return;
  const localDst = localLookup(ns, orig.dst);
  if (localDst?.type === 'broadcast') return;
  const inner = clonePacket(orig);
  // The error quotes as much of the offending packet as fits in 576 bytes.
  const quoted = Math.min(ipLength(orig), 576 - IPV4_HEADER - ICMP_HEADER);
  const err: Ipv4Packet = {
    src: localDst?.type === 'local' ? orig.dst : '',
    dst: orig.src,
    ttl: Number(sysctl(ns, 'net.ipv4.ip_default_ttl')) || 64,
    tos: (orig.tos & 0x1e) | 0xc0,
    id: 0,
    df: false,
    l4: { proto: 'icmp', icmp: { type, code, dataLen: quoted, inner, mtu } },
  };
  const skb = dp.newSkb(true, origSkb.traceId);
  dp.traceIp('icmp', ns, skb, err, { detail: type === 11 ? 'time exceeded' : `destination unreachable code ${code}` });
  sendLocal(dp, ns, err, { skb });
}
