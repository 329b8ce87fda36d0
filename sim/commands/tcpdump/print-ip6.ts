/**
 * The IPv6 housekeeping a device sends when it gains carrier, as tcpdump prints it:
 *   ":: > ff02::16: HBH ICMP6, multicast listener report v2, 1 group record(s), length 28"
 *   ":: > ff02::1:ff2d:e89a: ICMP6, neighbor solicitation, who has fe80::..., length 32"
 *   "fe80::... > ff02::2: ICMP6, router solicitation, length 16"
 * The datapath carries these frames opaquely (frame.ts); the addresses follow from the
 * sender's MAC (its EUI-64 link-local) and from whether duplicate address detection has
 * finished (reports sent before come from the unspecified address).
 */
import type { Ipv6Chatter } from '../../kernel/datapath/frame.ts';
import { linkLocalFromMac } from '../../kernel/addr-util.ts';

/** The IPv6 part of a line, without the "IP6 " prefix. */
export function printIp6Chatter(p: Ipv6Chatter, srcMac: string, dadDone: boolean): string {
  const ll = linkLocalFromMac(srcMac);
  const b = srcMac.split(':');
  if (p.what.startsWith('neighbor solicitation')) {
    const sol = `ff02::1:ff${b[3]}:${(b[4] + b[5]).replace(/^0+(?=.)/, '')}`;
    return `:: > ${sol}: ICMP6, neighbor solicitation, who has ${ll}, length 32`;
  }
  if (p.what.startsWith('router solicitation')) return `${ll} > ff02::2: ICMP6, router solicitation, length 16`;
  return `${dadDone ? ll : '::'} > ff02::16: HBH ICMP6, multicast listener report v2, 1 group record(s), length 28`;
}
