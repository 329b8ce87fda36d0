/**
 * REJECT: drops the packet and answers it, with an ICMP destination-unreachable of the chosen
 * code or a TCP reset, sent from this namespace through HookContext.sendLocal.
 */
import { registerTarget } from '../ext.ts';
import type { TargetCtx } from '../ext.ts';
import type { Ipv4Packet } from '../../packet.ts';
import { clonePacket } from '../../packet.ts';
import { addrType } from '../matches/addrtype.ts';
import { primaryAddress } from '../nat.ts';

/** --reject-with names and their ICMP code (tcp-reset is -1). */
const TYPES: [string, string, number][] = [
  ['icmp-net-unreachable', 'net-unreach', 0],
  ['icmp-host-unreachable', 'host-unreach', 1],
  ['icmp-proto-unreachable', 'proto-unreach', 2],
  ['icmp-port-unreachable', 'port-unreach', 3],
  ['icmp-net-prohibited', 'net-prohib', 9],
  ['icmp-host-prohibited', 'host-prohib', 10],
  ['tcp-reset', 'tcp-rst', -1],
  ['icmp-admin-prohibited', 'admin-prohib', 13],
];

const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);

/** The locally generated answer to `p`, or undefined when the kernel would send none. */
export function rejectReply(p: Ipv4Packet, code: number, ctx: TargetCtx): Ipv4Packet | undefined {
  const local = addrType(ctx.netns, ctx.dst) === 'LOCAL';
  const src = local ? p.dst : primaryAddress(ctx.netns, ctx.inDev) ?? p.dst;
  if (code < 0) {
    if (p.l4.proto !== 'tcp' || p.l4.tcp.flags.rst) return undefined;
    const t = p.l4.tcp;
    const ackSet = !!t.flags.ack;
    return {
      src: p.dst, dst: p.src, ttl: 64, tos: 0, id: 0, df: true,
      l4: {
        proto: 'tcp',
        tcp: {
          sport: t.dport, dport: t.sport, seq: ackSet ? t.ack : 0,
          ack: ackSet ? 0 : (t.seq + (t.flags.syn ? 1 : 0) + (t.flags.fin ? 1 : 0) + t.data.length) >>> 0,
          flags: ackSet ? { rst: true } : { rst: true, ack: true }, window: 0, data: '', headerLen: 20,
        },
      },
    };
  }
  // No ICMP error about an ICMP error (icmp_send's rule).
  if (p.l4.proto === 'icmp' && ICMP_ERRORS.has(p.l4.icmp.type)) return undefined;
  return {
    src, dst: p.src, ttl: 64, tos: 0xc0, id: 0, df: false,
    l4: { proto: 'icmp', icmp: { type: 3, code, dataLen: 28, inner: clonePacket(p) } },
  };
}

registerTarget({
  name: 'REJECT',
  options: { 'reject-with': { arg: true } },
  init: () => ({ with: 'icmp-port-unreachable' }),
  parse(d, _o, arg) {
    const t = TYPES.find(([a, b]) => a === arg || b === arg);
    if (!t) return `unknown reject type "${arg}"`;
    d.with = t[0];
    return undefined;
  },
  valid(d, rule, table, chain) {
    // ipt_REJECT belongs to the filter table (INPUT, FORWARD, OUTPUT and chains they jump to).
    if (table !== 'filter' || chain === 'PREROUTING' || chain === 'POSTROUTING') return false;
    if (d.with === 'tcp-reset' && (rule.proto?.num !== 6 || rule.proto.inv)) return false;
    return true;
  },
  save: (d) => ` --reject-with ${d.with as string}`,
  list: (d) => ` reject-with ${d.with as string}`,
  run(d, ctx) {
    const code = TYPES.find(([a]) => a === d.with)![2];
    const reply = rejectReply(ctx.pkt, code, ctx);
    if (reply) ctx.sendLocal(reply);
    return 'DROP';
  },
});
