/**
 * IPv4 input (ip_rcv): sanity and martian checks, PREROUTING, the input route lookup, then
 * INPUT and local delivery, or forwarding (ip_forward: TTL, FORWARD, POSTROUTING) when
 * net.ipv4.ip_forward is on. With forwarding off, a packet for another host is dropped
 * silently, as the kernel does.
 */
import type { Link, Netns } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import { clonePacket, ipLength } from '../packet.ts';
import type { Datapath, DpSkb } from './datapath.ts';
import type { FibHit } from './fib.ts';
import { localLookup, routeInput } from './fib.ts';
import { routeLocalnet, sysctlOn } from './host.ts';
import { runHook } from './hook-call.ts';
import { finishOutput } from './ip-output.ts';
import { icmpReceive, sendIcmpError } from './icmp.ts';
import { isLoopbackAddr } from './ipv4.ts';
import { deliverTransport } from './deliver.ts';

/** A packet arrived on `dev` (or on the bridge device above a port). */
export function ipReceive(dp: Datapath, ns: Netns, dev: Link, pkt: Ipv4Packet, skb: DpSkb): void {
  if (dev.kind !== 'loopback' && localLookup(ns, pkt.src)?.type === 'local') {
    dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: 'martian source (one of our own addresses)' });
    return;
  }
  skb.local = false;
  if (skb.brPrerouted) {
    skb.brPrerouted = false; // br_netfilter already ran PREROUTING for it
  } else if (!runHook(dp, ns, 'PREROUTING', pkt, skb, dev, undefined)) {
    return;
  }
  // The input route lookup (after PREROUTING, so it sees DNAT and un-NAT) refuses 127.0.0.0/8
  // from a real device unless route_localnet is on there.
  if (dev.kind !== 'loopback' && (isLoopbackAddr(pkt.src) || isLoopbackAddr(pkt.dst)) && !routeLocalnet(ns, dev)) {
    dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: 'martian address (127.0.0.0/8 on a non-loopback device)' });
    return;
  }
  const r = routeInput(ns, pkt.dst, sysctlOn(ns, 'net.ipv4.ip_forward'));
  if (!r.ok) {
    if ('silent' in r && r.silent) {
      dp.traceIp('route', ns, skb, pkt, { dev: dev.name, detail: 'input: not for this host and forwarding is off', reason: r.errno });
      dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: 'not for this host, net.ipv4.ip_forward = 0' });
      return;
    }
    dp.traceIp('route', ns, skb, pkt, { dev: dev.name, detail: 'input: no route', reason: r.errno });
    dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: 'no route to destination' });
    sendIcmpError(dp, ns, pkt, skb, 3, r.errno === 'EHOSTUNREACH' ? 1 : r.errno === 'EACCES' ? 13 : 0);
    return;
  }
  if (r.type === 'local' || r.type === 'broadcast') {
    dp.traceIp('route', ns, skb, pkt, { dev: dev.name, detail: `input: ${r.type}` });
    if (!runHook(dp, ns, 'INPUT', pkt, skb, dev, undefined)) return;
    localDeliver(dp, ns, dev, pkt, skb, r.type);
    return;
  }
  dp.traceIp('route', ns, skb, pkt, { dev: dev.name, detail: `input: forward via ${r.nextHop} dev ${r.dev.name}` });
  ipForward(dp, ns, dev, pkt, skb, r);
}

/** ip_local_deliver_finish: ICMP to the ICMP layer, TCP and UDP to the transport layer. */
export function localDeliver(dp: Datapath, ns: Netns, dev: Link, pkt: Ipv4Packet, skb: DpSkb, cast: 'local' | 'broadcast'): void {
  if (pkt.l4.proto === 'icmp') {
    icmpReceive(dp, ns, dev, pkt, skb, cast);
    return;
  }
  deliverTransport(dp, ns, dev, pkt, skb, cast);
}

/** ip_forward: TTL check and decrement, FORWARD, then POSTROUTING and output. */
export function ipForward(dp: Datapath, ns: Netns, inDev: Link, pkt: Ipv4Packet, skb: DpSkb, r: FibHit): void {
  if (pkt.ttl <= 1) {
    dp.traceIp('drop', ns, skb, pkt, { dev: inDev.name, reason: 'TTL exceeded in transit' });
    sendIcmpError(dp, ns, pkt, skb, 11, 0);
    return;
  }
  if (pkt.df && ipLength(pkt) > r.dev.mtu) {
    dp.traceIp('drop', ns, skb, pkt, { dev: r.dev.name, reason: `larger than the mtu ${r.dev.mtu} with DF set` });
    sendIcmpError(dp, ns, pkt, skb, 3, 4, r.dev.mtu);
    return;
  }
  const out = clonePacket(pkt);
  out.ttl--;
  const fskb: DpSkb = { ...skb, local: false };
  if (!runHook(dp, ns, 'FORWARD', out, fskb, inDev, r.dev)) return;
  finishOutput(dp, ns, out, fskb, r);
}
