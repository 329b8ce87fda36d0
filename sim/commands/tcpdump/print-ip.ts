/**
 * IPv4 as tcpdump 4.99 prints it: "10.0.0.1 > 10.0.0.2: ICMP echo request, id 8052, seq 1,
 * length 64", "10.0.0.1.4003 > 10.0.0.2.5000: UDP, length 3", TCP through print-tcp.ts. With -v
 * the IP header comes first, "(tos 0x0, ttl 64, id 46737, offset 0, flags [DF], proto ICMP (1),
 * length 84)", and the addresses go on the next line indented by four spaces.
 */
import type { IcmpMessage, Ipv4Packet } from '../../kernel/packet.ts';
import { ipLength } from '../../kernel/packet.ts';
import type { Namer } from './names.ts';
import { printTcp, type TcpTracker } from './print-tcp.ts';

export interface IpPrintOptions {
  namer: Namer;
  verbose: boolean;
  absoluteSeq: boolean;
  tracker: TcpTracker;
  mtu: number;
  now: number;
}

const PROTO: Record<string, [string, number]> = { icmp: ['ICMP', 1], tcp: ['TCP', 6], udp: ['UDP', 17] };

/** "(tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto ICMP (1), length 84)". */
function ipHeader(p: Ipv4Packet): string {
  const [name, num] = PROTO[p.l4.proto];
  return `(tos 0x${p.tos.toString(16)}, ttl ${p.ttl}, id ${p.id}, offset 0, flags [${p.df ? 'DF' : 'none'}], proto ${name} (${num}), length ${ipLength(p)})`;
}

/** The body of an IPv4 line, without the "IP " a plain Ethernet line starts with. */
export function printIpBody(p: Ipv4Packet, o: IpPrintOptions): string {
  const body = printL4(p, o);
  return o.verbose ? `${ipHeader(p)}\n    ${body}` : body;
}

function printL4(p: Ipv4Packet, o: IpPrintOptions): string {
  const n = o.namer;
  switch (p.l4.proto) {
    case 'icmp':
      return `${n.ip(p.src)} > ${n.ip(p.dst)}: ${printIcmp(p.l4.icmp, ipLength(p) - 20, o)}`;
    case 'udp': {
      const u = p.l4.udp;
      return `${n.ip(p.src)}.${n.port(u.sport, 'udp')} > ${n.ip(p.dst)}.${n.port(u.dport, 'udp')}: UDP, length ${u.data.length}`;
    }
    case 'tcp':
      return printTcp(p, p.l4.tcp, o.tracker, { namer: n, absoluteSeq: o.absoluteSeq, mtu: o.mtu, now: o.now });
  }
}

/** "ICMP echo request, id 1, seq 1, length 64" and the error messages print-icmp.c words. */
export function printIcmp(m: IcmpMessage, len: number, o: IpPrintOptions): string {
  const n = o.namer;
  const inner = m.inner;
  const idst = inner ? n.ip(inner.dst) : '0.0.0.0';
  let what: string;
  switch (m.type) {
    case 0:
    case 8:
      what = `echo ${m.type === 8 ? 'request' : 'reply'}, id ${m.id ?? 0}, seq ${m.seq ?? 0}`;
      break;
    case 3:
      what = unreachable(m, idst, n);
      break;
    case 11:
      what = m.code === 0 ? 'time exceeded in-transit' : m.code === 1 ? 'ip reassembly time exceeded' : `time exceeded-#${m.code}`;
      break;
    case 5:
      what = `redirect ${idst} to host ${m.gateway ?? '0.0.0.0'}`;
      break;
    case 4:
      what = 'source quench';
      break;
    case 12:
      what = `parameter problem - code ${m.code}`;
      break;
    default:
      what = `type-#${m.type}`;
  }
  let s = `ICMP ${what}, length ${len}`;
  if (o.verbose && inner && (m.type === 3 || m.type === 11 || m.type === 12 || m.type === 4 || m.type === 5)) {
    s += `\n\tIP ${printIpBody(inner, o)}`;
  }
  return s;
}

function unreachable(m: IcmpMessage, idst: string, n: Namer): string {
  switch (m.code) {
    case 0: return `net ${idst} unreachable`;
    case 1: return `host ${idst} unreachable`;
    case 2: return `${idst} protocol ${m.inner ? protoNum(m.inner) : 0} unreachable`;
    case 3: {
      const inner = m.inner;
      if (inner && inner.l4.proto === 'tcp') return `${idst} tcp port ${n.port(inner.l4.tcp.dport, 'tcp')} unreachable`;
      if (inner && inner.l4.proto === 'udp') return `${idst} udp port ${n.port(inner.l4.udp.dport, 'udp')} unreachable`;
      return `${idst} protocol ${inner ? protoNum(inner) : 0} port 0 unreachable`;
    }
    case 4: return m.mtu ? `${idst} unreachable - need to frag (mtu ${m.mtu})` : `${idst} unreachable - need to frag`;
    case 5: return `${idst} unreachable - source route failed`;
    case 6: return `net ${idst} unreachable - unknown`;
    case 7: return `host ${idst} unreachable - unknown`;
    case 8: return `${idst} unreachable - source host isolated`;
    case 9: return `net ${idst} unreachable - admin prohibited`;
    case 10: return `host ${idst} unreachable - admin prohibited`;
    case 11: return `net ${idst} unreachable - tos prohibited`;
    case 12: return `host ${idst} unreachable - tos prohibited`;
    case 13: return `host ${idst} unreachable - admin prohibited filter`;
    case 14: return `host ${idst} unreachable - host precedence violation`;
    case 15: return `host ${idst} unreachable - precedence cutoff`;
    default: return `${idst} unreachable - #${m.code}`;
  }
}

function protoNum(p: Ipv4Packet): number {
  return PROTO[p.l4.proto][1];
}
