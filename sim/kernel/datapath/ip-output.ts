/**
 * IPv4 output: a packet generated in a namespace (ping, transport, ICMP, REJECT) is routed,
 * passes OUTPUT (and is routed again if DNAT changed its destination), POSTROUTING, and leaves
 * through loopback for local destinations or through the neighbour layer otherwise.
 * Forwarded packets join at POSTROUTING (finishOutput).
 */
import type { Link, Netns } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import { ipLength } from '../packet.ts';
import type { Errno } from '../errno.ts';
import type { Datapath, DpSkb } from './datapath.ts';
import type { FibHit } from './fib.ts';
import { routeOutput, sourceFor } from './fib.ts';
import { loopbackOf, routeLocalnet } from './host.ts';
import { runHook } from './hook-call.ts';
import { transmitIp } from './link.ts';
import { BROADCAST_MAC } from './frame.ts';
import { intToIp, ipToInt, isLimitedBroadcast, isLoopbackAddr } from './ipv4.ts';

export interface SendOptions {
  /** Output device the socket is bound to (SO_BINDTODEVICE, ping -I dev). */
  oif?: number;
  /** Journey this packet answers (echo reply, ICMP error, RST). */
  causedBy?: number;
  /** Reuse this metadata (the caller already has a journey id). */
  skb?: DpSkb;
}

export type SendResult = { ok: true; traceId: number } | { ok: false; errno: Errno; traceId: number };

/**
 * Sends a locally generated IPv4 packet from `ns`. An empty or 0.0.0.0 source is filled in
 * by source address selection. Fails synchronously like sendmsg() does: ENETUNREACH when
 * there is no route, EPERM when OUTPUT or POSTROUTING dropped it. Neighbour failures come
 * back later as ICMP errors, as on the real kernel.
 */
export function sendLocal(dp: Datapath, ns: Netns, pkt: Ipv4Packet, opts: SendOptions = {}): SendResult {
  const skb = opts.skb ?? dp.newSkb(true, opts.causedBy);
  skb.local = true;
  let r = routeOutput(ns, pkt.dst, opts.oif);
  if (!r.ok) {
    dp.traceIp('route', ns, skb, pkt, { reason: r.errno, detail: 'output: no route' });
    dp.traceIp('drop', ns, skb, pkt, { reason: r.errno === 'ENETUNREACH' ? 'Network is unreachable' : r.errno });
    return { ok: false, errno: r.errno, traceId: skb.traceId };
  }
  if (!pkt.src || pkt.src === '0.0.0.0') pkt.src = sourceFor(ns, r, pkt.dst) ?? '0.0.0.0';
  if (!pkt.id) pkt.id = dp.nextIpId(ns);
  traceRoute(dp, ns, skb, pkt, r, 'output');
  const dstBefore = pkt.dst;
  if (!runHook(dp, ns, 'OUTPUT', pkt, skb, undefined, outDevOf(ns, r))) return { ok: false, errno: 'EPERM', traceId: skb.traceId };
  if (pkt.dst !== dstBefore) {
    const again = routeOutput(ns, pkt.dst, opts.oif);
    if (!again.ok) {
      dp.traceIp('drop', ns, skb, pkt, { reason: `no route after DNAT (${again.errno})` });
      return { ok: false, errno: again.errno, traceId: skb.traceId };
    }
    r = again;
    traceRoute(dp, ns, skb, pkt, r, 'output (after DNAT)');
    // Rerouting a 127.0.0.0/8 source out of a real device fails (EINVAL) unless route_localnet
    // is on there; the nat hook then drops the packet.
    const out = outDevOf(ns, r);
    if (isLoopbackAddr(pkt.src) && out.kind !== 'loopback' && !routeLocalnet(ns, out)) {
      dp.traceIp('drop', ns, skb, pkt, { dev: out.name, reason: `loopback source routed out of ${out.name}, route_localnet = 0` });
      return { ok: false, errno: 'EPERM', traceId: skb.traceId };
    }
  }
  if (!finishOutput(dp, ns, pkt, skb, r)) return { ok: false, errno: 'EPERM', traceId: skb.traceId };
  return { ok: true, traceId: skb.traceId };
}

/** Local destinations leave through loopback, whatever device holds the address. */
function outDevOf(ns: Netns, r: FibHit): Link {
  return r.type === 'local' ? loopbackOf(ns) ?? r.dev : r.dev;
}

function traceRoute(dp: Datapath, ns: Netns, skb: DpSkb, pkt: Ipv4Packet, r: FibHit, what: string): void {
  if (!dp.tracing) return;
  const via = r.nextHop !== pkt.dst ? ` via ${r.nextHop}` : '';
  dp.traceIp('route', ns, skb, pkt, { dev: outDevOf(ns, r).name, detail: `${what}: ${r.type}${via} dev ${outDevOf(ns, r).name}` });
}

/** POSTROUTING and transmission along a resolved route; false when POSTROUTING dropped it. */
export function finishOutput(dp: Datapath, ns: Netns, pkt: Ipv4Packet, skb: DpSkb, r: FibHit): boolean {
  const out = outDevOf(ns, r);
  if (!runHook(dp, ns, 'POSTROUTING', pkt, skb, undefined, out)) return false;
  // With path MTU discovery in "want" mode, a local packet too big for the device is
  // fragmented here, and its fragments do not carry DF.
  if (skb.local && pkt.df && ipLength(pkt) > out.mtu) pkt.df = false;
  if (out.kind === 'loopback') {
    transmitIp(dp, ns, out, out.mac, pkt, skb);
  } else if (r.type === 'broadcast' || isLimitedBroadcast(pkt.dst)) {
    transmitIp(dp, ns, out, BROADCAST_MAC, pkt, skb);
  } else if (r.type === 'multicast') {
    transmitIp(dp, ns, out, multicastMac(pkt.dst), pkt, skb);
  } else if (out.kind === 'dummy') {
    transmitIp(dp, ns, out, BROADCAST_MAC, pkt, skb);
  } else {
    dp.neigh.output(ns, out, r.nextHop, pkt, skb);
  }
  return true;
}

/** 01:00:5e + the low 23 bits of the group address. */
function multicastMac(group: string): string {
  const low = ipToInt(group) & 0x7fffff;
  const ip = intToIp(low).split('.').slice(1).map((x) => Number(x).toString(16).padStart(2, '0'));
  return `01:00:5e:${ip.join(':')}`;
}
