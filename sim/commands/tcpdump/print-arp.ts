/**
 * ARP as tcpdump 4.99 prints it: "Request who-has 10.0.0.2 tell 10.0.0.1, length 28",
 * "Reply 10.0.0.2 is-at 4e:d0:04:7a:99:1d, length 28"; with -v the hardware and protocol
 * types come first ("Ethernet (len 6), IPv4 (len 4), Request ..."). The "ARP, " prefix of a
 * plain line is added by the link-layer printer (it is left out with -e).
 */
import type { ArpPacket } from '../../kernel/packet.ts';
import type { Namer } from './names.ts';

const ZERO = '00:00:00:00:00:00';

/** The ARP part of a line. */
export function printArp(a: ArpPacket, namer: Namer, verbose: boolean): string {
  let s = verbose ? 'Ethernet (len 6), IPv4 (len 4), ' : '';
  if (a.op === 'request') {
    s += `Request who-has ${namer.ip(a.targetIp)}`;
    if (a.targetMac && a.targetMac !== ZERO) s += ` (${namer.mac(a.targetMac)})`;
    s += ` tell ${namer.ip(a.senderIp)}`;
  } else {
    s += `Reply ${namer.ip(a.senderIp)} is-at ${namer.mac(a.senderMac)}`;
  }
  return `${s}, length 28`;
}
