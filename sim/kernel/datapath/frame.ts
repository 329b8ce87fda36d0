/**
 * Frames as the datapath moves them between devices: an Ethernet frame with its sk_buff
 * metadata. Besides IPv4 and ARP (packet.ts), devices emit IPv6 housekeeping traffic (MLD
 * reports, duplicate address detection, router solicitations) when they gain carrier; the
 * datapath carries it opaquely so that link counters add up as on the real kernel.
 */
import type { EthFrame, SkbMeta } from '../packet.ts';
import { ETH_HEADER, ipLength } from '../packet.ts';

/** Opaque IPv6 control traffic: only its size and a description matter. */
export interface Ipv6Chatter {
  type: 'ipv6';
  /** Whole frame length in bytes (Ethernet header included). */
  frameLen: number;
  what: string;
}

export interface Frame {
  src: string;
  dst: string;
  payload: EthFrame['payload'] | Ipv6Chatter;
  skb: SkbMeta;
  /**
   * On-wire packets and bytes when the IPv4 packet was fragmented to fit the MTU (counters
   * count fragments; the datapath carries the packet whole).
   */
  wire?: { packets: number; bytes: number };
}

export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';
export const ZERO_MAC = '00:00:00:00:00:00';

/** Bytes of the frame without FCS, as veth and bridge ports count them. */
export function frameLength(f: Frame): number {
  switch (f.payload.type) {
    case 'ipv4': return ETH_HEADER + ipLength(f.payload.ip);
    case 'arp': return ETH_HEADER + 28;
    case 'ipv6': return f.payload.frameLen;
  }
}

/** Packets and bytes the frame occupies on a device with this MTU (fragments of an oversized IPv4 packet). */
export function wireCount(f: Frame, mtu: number): { packets: number; bytes: number } {
  if (f.payload.type !== 'ipv4') return { packets: 1, bytes: frameLength(f) };
  const ipLen = ipLength(f.payload.ip);
  if (ipLen <= mtu) return { packets: 1, bytes: ETH_HEADER + ipLen };
  const chunk = Math.floor((mtu - 20) / 8) * 8;
  const data = ipLen - 20;
  const packets = Math.ceil(data / chunk);
  return { packets, bytes: data + packets * (20 + ETH_HEADER) };
}

/** Group bit set: broadcast or multicast destination. */
export function isGroupMac(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}
