/**
 * Packets as the datapath carries them: structured headers, not bytes. Lengths are tracked so
 * that counters (iptables -v, ip -s link) count what the kernel counts: bytes of the IPv4
 * packet for netfilter, bytes of the Ethernet frame (without FCS) for link statistics.
 * NAT and forwarding copy a packet before changing it (clonePacket), so trace events can keep
 * the "before" view.
 */

export interface IcmpMessage {
  type: number;
  code: number;
  /** Echo identifier and sequence (types 0 and 8). */
  id?: number;
  seq?: number;
  /**
   * Bytes of ICMP payload after the 8-byte header (56 for a default ping). For an error
   * message, the bytes of the offending packet it quotes (the kernel quotes up to 576 bytes
   * in all); 0 means the classic IP header + 8 bytes.
   */
  dataLen: number;
  /** For error messages (3, 11, ...): the offending packet's IP header and first 8 bytes. */
  inner?: Ipv4Packet;
  /** Next-hop MTU for "fragmentation needed", gateway for redirects. */
  mtu?: number;
  gateway?: string;
}

export interface TcpFlags {
  syn?: boolean; ack?: boolean; fin?: boolean; rst?: boolean; psh?: boolean; urg?: boolean;
}

export interface TcpSegment {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: TcpFlags;
  window: number;
  /** Payload, as text (the lab only carries text). */
  data: string;
  /** TCP header length in bytes (with options); 40 for a Linux SYN, 32 otherwise. */
  headerLen: number;
}

export interface UdpDatagram {
  sport: number;
  dport: number;
  data: string;
}

export type L4 =
  | { proto: 'icmp'; icmp: IcmpMessage }
  | { proto: 'tcp'; tcp: TcpSegment }
  | { proto: 'udp'; udp: UdpDatagram };

export interface Ipv4Packet {
  src: string;
  dst: string;
  ttl: number;
  tos: number;
  /** IP identification. */
  id: number;
  /** Don't-fragment bit. */
  df: boolean;
  l4: L4;
}

export interface ArpPacket {
  op: 'request' | 'reply';
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

export interface EthFrame {
  src: string;
  dst: string;
  payload: { type: 'ipv4'; ip: Ipv4Packet } | { type: 'arp'; arp: ArpPacket };
}

/** Per-packet metadata the kernel keeps beside the headers (the sk_buff's fields we need). */
export interface SkbMeta {
  /** Id shared by every trace event of this packet's journey. */
  traceId: number;
  mark: number;
  /** Conntrack entry and this packet's direction in it, set by netfilter. */
  ct?: unknown;
  ctDir?: 'original' | 'reply';
  /** Bridge ports the frame came in on / goes out of, for -m physdev. */
  physIn?: string;
  physOut?: string;
  /** The packet was generated locally (OUTPUT path). */
  local?: boolean;
}

export const IPV4_HEADER = 20;
export const ICMP_HEADER = 8;
export const UDP_HEADER = 8;
export const ETH_HEADER = 14;

/** Length in bytes of the IPv4 packet (what iptables counters add up). */
export function ipLength(p: Ipv4Packet): number {
  switch (p.l4.proto) {
    case 'icmp':
      return IPV4_HEADER + ICMP_HEADER + (p.l4.icmp.inner ? p.l4.icmp.dataLen || IPV4_HEADER + 8 : p.l4.icmp.dataLen);
    case 'tcp':
      return IPV4_HEADER + p.l4.tcp.headerLen + p.l4.tcp.data.length;
    case 'udp':
      return IPV4_HEADER + UDP_HEADER + p.l4.udp.data.length;
  }
}

export function clonePacket(p: Ipv4Packet): Ipv4Packet {
  return structuredClone(p);
}
