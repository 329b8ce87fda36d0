/**
 * One captured frame as one tcpdump line (or two with -v): the timestamp, the link layer, the
 * packet. On an Ethernet device (link-type EN10MB) a plain line names the protocol ("IP ",
 * "ARP, ", "IP6 "); with -e the MAC addresses, ethertype and frame length replace that
 * prefix. On `any` (LINUX_SLL2) the device name and direction come first ("va    Out IP ...");
 * with -e the ifindex, the source MAC and the cooked length (the frame's payload plus the
 * 20-byte cooked header).
 */
import type { CapturedFrame } from '../../kernel/datapath/capture.ts';
import { ETH_HEADER, ipLength } from '../../kernel/packet.ts';
import { frameLength, isGroupMac } from '../../kernel/datapath/frame.ts';
import type { Namer } from './names.ts';
import { printIpBody } from './print-ip.ts';
import { printArp } from './print-arp.ts';
import { printIp6Chatter } from './print-ip6.ts';
import type { TcpTracker } from './print-tcp.ts';

export interface LineOptions {
  namer: Namer;
  link: 'EN10MB' | 'LINUX_SLL2' | 'LINUX_SLL';
  ether: boolean;
  verbose: boolean;
  absoluteSeq: boolean;
  timestamps: boolean;
  tracker: TcpTracker;
  /** For IPv6 housekeeping: whether the sender's DAD had finished when it was captured. */
  dadDone?: boolean;
}

/** HH:MM:SS.ffffff of a virtual time (ms since boot) on a clock that booted at `epochMs`. */
export function timestamp(epochMs: number, t: number): string {
  const us = Math.round((epochMs + t) * 1000);
  const dayUs = ((us % 86400000000) + 86400000000) % 86400000000;
  const h = Math.floor(dayUs / 3600000000);
  const m = Math.floor(dayUs / 60000000) % 60;
  const s = Math.floor(dayUs / 1000000) % 60;
  const f = dayUs % 1000000;
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${p2(h)}:${p2(m)}:${p2(s)}.${String(f).padStart(6, '0')}`;
}

const ETHERTYPE = { ipv4: 'IPv4 (0x0800)', arp: 'ARP (0x0806)', ipv6: 'IPv6 (0x86dd)' } as const;

/** The packet after the link layer; `prefix` adds "IP "/"ARP, "/"IP6 " as a plain line does. */
function network(c: CapturedFrame, o: LineOptions, prefix: boolean): string {
  const pl = c.frame.payload;
  switch (pl.type) {
    case 'ipv4':
      return `${prefix ? 'IP ' : ''}${printIpBody(pl.ip, {
        namer: o.namer, verbose: o.verbose, absoluteSeq: o.absoluteSeq, tracker: o.tracker, mtu: c.dev.mtu, now: c.t,
      })}`;
    case 'arp':
      return `${prefix ? 'ARP, ' : ''}${printArp(pl.arp, o.namer, o.verbose)}`;
    case 'ipv6':
      return `${prefix ? 'IP6 ' : ''}${printIp6Chatter(pl, c.frame.src, o.dadDone ?? true)}`;
  }
}

/** The bytes of the frame after its Ethernet header. */
function payloadLength(c: CapturedFrame): number {
  const pl = c.frame.payload;
  return pl.type === 'ipv4' ? ipLength(pl.ip) : pl.type === 'arp' ? 28 : pl.frameLen - ETH_HEADER;
}

/** Packet type of the cooked header: Out, or how the frame was addressed when it came in. */
function pktType(c: CapturedFrame): string {
  if (c.dir === 'out') return 'Out';
  const dst = c.frame.dst;
  if (dst === 'ff:ff:ff:ff:ff:ff') return 'B';
  if (isGroupMac(dst)) return 'M';
  if (c.dev.kind !== 'loopback' && dst !== c.dev.mac) return 'P';
  return 'In';
}

/** The whole line (with its newline) for one captured frame, timestamp written by `stamp`. */
export function printFrame(c: CapturedFrame, o: LineOptions, stamp: string): string {
  const ts = o.timestamps ? `${stamp} ` : '';
  const et = ETHERTYPE[c.frame.payload.type];
  if (o.link === 'LINUX_SLL2') {
    let head = `${c.dev.name.padEnd(5)} ${pktType(c).padEnd(3)} `;
    if (o.ether) {
      head += `ifindex ${c.dev.index} ${o.namer.mac(c.frame.src)} ethertype ${et}, length ${payloadLength(c) + 20}: `;
      return `${ts}${head}${network(c, o, false)}\n`;
    }
    return `${ts}${head}${network(c, o, true)}\n`;
  }
  if (o.link === 'LINUX_SLL') {
    if (o.ether) {
      const head = `${pktType(c).padStart(3)} ${o.namer.mac(c.frame.src)} ethertype ${et}, length ${payloadLength(c) + 16}: `;
      return `${ts}${head}${network(c, o, false)}\n`;
    }
    return `${ts}${network(c, o, true)}\n`;
  }
  if (o.ether) {
    const len = frameLength({ ...c.frame, skb: { traceId: 0, mark: 0 } });
    return `${ts}${o.namer.mac(c.frame.src)} > ${o.namer.mac(c.frame.dst)}, ethertype ${et}, length ${len}: ${network(c, o, false)}\n`;
  }
  return `${ts}${network(c, o, true)}\n`;
}
