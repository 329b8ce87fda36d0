/**
 * Seams between the datapath and the subsystems that sit on it. The datapath (routing, ARP,
 * bridging, ICMP echo) calls these at the kernel's points; netfilter and the transport layer
 * register implementations on the Kernel. When none is registered, the datapath behaves as a
 * kernel without netfilter rules and without listening sockets.
 *
 * Packet path (IPv4), as in the kernel:
 *
 *   rx --> PREROUTING --> routing --+--> INPUT --> local socket / ICMP responder
 *                                   |
 *                                   +--> FORWARD --+
 *                                                  +--> POSTROUTING --> tx
 *   local process --> routing --> OUTPUT ---------+
 *
 * Bridged frames pass PREROUTING, FORWARD and POSTROUTING (with physdev ports set) when
 * net.bridge.bridge-nf-call-iptables = 1 in the bridge's namespace.
 */
import type { Ipv4Packet, SkbMeta } from './packet.ts';
import type { Link, Netns } from './types.ts';
import type { NfHookName } from '../observe/trace.ts';

export interface HookContext {
  netns: Netns;
  hook: NfHookName;
  pkt: Ipv4Packet;
  skb: SkbMeta;
  /** Input device (PREROUTING, INPUT, FORWARD) and output device (FORWARD, OUTPUT, POSTROUTING). */
  inDev?: Link;
  outDev?: Link;
  /** Lets a target (REJECT) send a locally generated packet from this namespace. */
  sendLocal(reply: Ipv4Packet): void;
}

export type HookVerdict =
  | { verdict: 'accept' }
  /** The packet may have been rewritten in place by NAT; the datapath re-routes after PREROUTING/OUTPUT DNAT. */
  | { verdict: 'drop'; reason: string };

/** Netfilter as the datapath sees it. */
export interface NetfilterSeam {
  hook(ctx: HookContext): HookVerdict;
  /** Called when a namespace is created or destroyed, to set up or free its tables. */
  netnsCreated?(netns: Netns): void;
  netnsDestroyed?(netns: Netns): void;
}

/** The transport layer (TCP/UDP sockets) as the datapath sees it. */
export interface TransportSeam {
  /** A TCP or UDP packet addressed to this namespace, after INPUT accepted it. */
  receive(netns: Netns, pkt: Ipv4Packet, skb: SkbMeta, inDev: Link): void;
  /** An ICMP error concerning a packet this namespace sent (unreachable, time exceeded). */
  icmpError?(netns: Netns, pkt: Ipv4Packet): void;
  netnsDestroyed?(netns: Netns): void;
}
