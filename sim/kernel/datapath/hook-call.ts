/**
 * Calling netfilter at a hook point: one trace event on entry, the verdict, and a drop event
 * when the packet dies there. Without a registered netfilter every packet is accepted.
 */
import type { Link, Netns } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { NfHookName } from '../../observe/trace.ts';
import type { Datapath, DpSkb } from './datapath.ts';
import { sendLocal } from './ip-output.ts';

/** Runs the hook; true when the packet may continue. NAT may have rewritten `pkt` in place. */
export function runHook(dp: Datapath, ns: Netns, hook: NfHookName, pkt: Ipv4Packet, skb: DpSkb, inDev: Link | undefined, outDev: Link | undefined): boolean {
  const nf = dp.host.nf;
  if (!nf) return true;
  if (dp.tracing) {
    const devs = [inDev ? `in ${inDev.name}` : '', outDev ? `out ${outDev.name}` : '', skb.physIn ? `physin ${skb.physIn}` : '', skb.physOut ? `physout ${skb.physOut}` : ''].filter(Boolean).join(' ');
    dp.traceIp('hook', ns, skb, pkt, { hook, dev: (inDev ?? outDev)?.name, detail: devs });
  }
  const v = nf.hook({
    netns: ns, hook, pkt, skb, inDev, outDev,
    sendLocal: (reply) => void sendLocal(dp, ns, reply, { causedBy: skb.traceId }),
  });
  if (v.verdict === 'accept') return true;
  dp.traceIp('drop', ns, skb, pkt, { hook, reason: v.reason, verdict: 'DROP' });
  return false;
}
