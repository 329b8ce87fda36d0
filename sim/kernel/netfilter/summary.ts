/** One-line packet summaries for trace events ("TCP 10.0.0.1:34567 > 10.0.0.2:80 [S]"). */
import type { Ipv4Packet } from '../packet.ts';

const ICMP_NAMES: Record<number, string> = { 0: 'echo reply', 8: 'echo request', 3: 'destination unreachable', 11: 'time exceeded' };

export function summarize(p: Ipv4Packet): string {
  const l4 = p.l4;
  if (l4.proto === 'tcp') {
    const f = l4.tcp.flags;
    const flags = `${f.syn ? 'S' : ''}${f.fin ? 'F' : ''}${f.rst ? 'R' : ''}${f.psh ? 'P' : ''}${f.ack ? '.' : ''}`;
    return `TCP ${p.src}:${l4.tcp.sport} > ${p.dst}:${l4.tcp.dport} [${flags}]`;
  }
  if (l4.proto === 'udp') return `UDP ${p.src}:${l4.udp.sport} > ${p.dst}:${l4.udp.dport}`;
  const i = l4.icmp;
  let s = `ICMP ${p.src} > ${p.dst} ${ICMP_NAMES[i.type] ?? `type ${i.type}`}`;
  if (i.type === 0 || i.type === 8) s += ` id ${i.id ?? 0} seq ${i.seq ?? 0}`;
  else s += ` code ${i.code}`;
  return s;
}
