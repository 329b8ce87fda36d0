/**
 * One-line packet summaries for trace events, in the spirit of tcpdump's terse form:
 * "ICMP 10.0.0.1 > 10.0.0.2 echo request id 1 seq 1", "ARP who-has 10.0.0.2 tell 10.0.0.1".
 * Only called when tracing is on.
 */
import type { Ipv4Packet } from '../packet.ts';
import type { Frame } from './frame.ts';

const ICMP_NAMES: Record<number, string> = {
  0: 'echo reply', 3: 'destination unreachable', 4: 'source quench', 5: 'redirect',
  8: 'echo request', 11: 'time exceeded', 12: 'parameter problem',
};
const UNREACH_CODES: Record<number, string> = {
  0: 'net unreachable', 1: 'host unreachable', 2: 'protocol unreachable', 3: 'port unreachable',
  4: 'fragmentation needed', 9: 'net prohibited', 10: 'host prohibited', 13: 'administratively prohibited',
};

/** Summary of an IPv4 packet. */
export function describeIp(p: Ipv4Packet): string {
  const l4 = p.l4;
  switch (l4.proto) {
    case 'icmp': {
      const m = l4.icmp;
      let what = ICMP_NAMES[m.type] ?? `type ${m.type}`;
      if (m.type === 3) what += ` (${UNREACH_CODES[m.code] ?? `code ${m.code}`})`;
      if (m.type === 0 || m.type === 8) what += ` id ${m.id ?? 0} seq ${m.seq ?? 0}`;
      if (m.inner) what += ` for ${describeIp(m.inner)}`;
      return `ICMP ${p.src} > ${p.dst} ${what} ttl ${p.ttl}`;
    }
    case 'tcp': {
      const t = l4.tcp;
      const f = t.flags;
      const flags = `${f.syn ? 'S' : ''}${f.fin ? 'F' : ''}${f.rst ? 'R' : ''}${f.psh ? 'P' : ''}${f.ack ? '.' : ''}` || 'none';
      return `TCP ${p.src}:${t.sport} > ${p.dst}:${t.dport} [${flags}] len ${t.data.length}`;
    }
    case 'udp':
      return `UDP ${p.src}:${l4.udp.sport} > ${p.dst}:${l4.udp.dport} len ${l4.udp.data.length}`;
  }
}

/** Summary of a frame, with its MAC addresses. */
export function describeFrame(f: Frame): string {
  const pl = f.payload;
  switch (pl.type) {
    case 'ipv4':
      return describeIp(pl.ip);
    case 'arp':
      return pl.arp.op === 'request'
        ? `ARP who-has ${pl.arp.targetIp} tell ${pl.arp.senderIp} (${f.src} > ${f.dst})`
        : `ARP ${pl.arp.senderIp} is-at ${pl.arp.senderMac} (${f.src} > ${f.dst})`;
    case 'ipv6':
      return `IPv6 ${pl.what} (${f.src} > ${f.dst})`;
  }
}
