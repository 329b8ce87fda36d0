/**
 * TCP and UDP for this host: handed to the transport layer when one is registered. Without
 * one, the namespace answers as a kernel with no sockets: ICMP port unreachable for UDP, a
 * reset for TCP (never a reset in answer to a reset).
 */
import type { Link, Netns } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { Datapath, DpSkb } from './datapath.ts';
import { sendIcmpError } from './icmp.ts';
import { sendLocal } from './ip-output.ts';

export function deliverTransport(dp: Datapath, ns: Netns, dev: Link, pkt: Ipv4Packet, skb: DpSkb, cast: 'local' | 'broadcast'): void {
  const transport = dp.host.transport;
  if (transport) {
    dp.traceIp('deliver', ns, skb, pkt, { dev: dev.name, detail: 'to the transport layer' });
    transport.receive(ns, pkt, skb, dev);
    return;
  }
  if (cast !== 'local') {
    dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: 'no socket (broadcast)' });
    return;
  }
  if (pkt.l4.proto === 'udp') {
    dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: `no socket on UDP port ${pkt.l4.udp.dport}` });
    sendIcmpError(dp, ns, pkt, skb, 3, 3);
    return;
  }
  if (pkt.l4.proto !== 'tcp') return;
  const t = pkt.l4.tcp;
  dp.traceIp('drop', ns, skb, pkt, { dev: dev.name, reason: `no socket on TCP port ${t.dport}` });
  if (t.flags.rst) return;
  const seqLen = t.data.length + (t.flags.syn ? 1 : 0) + (t.flags.fin ? 1 : 0);
  const rst: Ipv4Packet = {
    src: pkt.dst, dst: pkt.src, ttl: 64, tos: 0, id: 0, df: true,
    l4: {
      proto: 'tcp',
      tcp: t.flags.ack
        ? { sport: t.dport, dport: t.sport, seq: t.ack, ack: 0, flags: { rst: true }, window: 0, data: '', headerLen: 20 }
        : { sport: t.dport, dport: t.sport, seq: 0, ack: (t.seq + seqLen) >>> 0, flags: { rst: true, ack: true }, window: 0, data: '', headerLen: 20 },
    },
  };
  const rskb = dp.newSkb(true, skb.traceId);
  dp.traceIp('icmp', ns, rskb, rst, { detail: 'reset: no socket' });
  sendLocal(dp, ns, rst, { skb: rskb });
}
