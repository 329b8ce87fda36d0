/**
 * ARP: requests and replies on a device, and what a received ARP packet does to the neighbour
 * table (arp_process with the defaults arp_ignore=0, arp_accept=0: answer for any local
 * address, learn the asker, accept replies only for entries we created).
 */
import type { Link, Netns } from '../types.ts';
import type { ArpPacket } from '../packet.ts';
import type { Datapath } from './datapath.ts';
import type { Frame } from './frame.ts';
import { BROADCAST_MAC } from './frame.ts';
import { transmitFrame } from './link.ts';
import { localLookup } from './fib.ts';

/**
 * Sends an ARP request for `targetIp` out of `dev` (broadcast, or unicast when probing a known
 * entry). The target hardware field is zero even in a unicast probe: arp_solicit passes no
 * target_hw, as tcpdump shows ("Request who-has A tell B", no MAC in parentheses).
 */
export function sendArpRequest(dp: Datapath, ns: Netns, dev: Link, targetIp: string, senderIp: string, dstMac: string): void {
  const arp: ArpPacket = { op: 'request', senderMac: dev.mac, senderIp, targetMac: '00:00:00:00:00:00', targetIp };
  const f: Frame = { src: dev.mac, dst: dstMac, payload: { type: 'arp', arp }, skb: dp.newSkb(true) };
  dp.traceFrame('arp', ns, dev, f, { detail: dstMac === BROADCAST_MAC ? `who-has ${targetIp}` : `probe ${targetIp} (unicast)` });
  transmitFrame(dp, ns, dev, f);
}

/** Handles an ARP packet received on `dev` (not a bridge port: bridges hand frames up first). */
export function arpReceive(dp: Datapath, ns: Netns, dev: Link, f: Frame): void {
  if (f.payload.type !== 'arp') return;
  const arp = f.payload.arp;
  if (arp.senderIp === '0.0.0.0' && arp.op === 'reply') return;
  const forUs = localLookup(ns, arp.targetIp)?.type === 'local';
  if (arp.op === 'request') {
    if (!forUs) {
      dp.traceFrame('arp', ns, dev, f, { detail: 'not for a local address, ignored' });
      if (arp.senderIp !== '0.0.0.0') dp.neigh.learned(ns, dev, arp.senderIp, arp.senderMac, false, false);
      return;
    }
    if (arp.senderIp !== '0.0.0.0') dp.neigh.learned(ns, dev, arp.senderIp, arp.senderMac, false, true);
    const reply: Frame = {
      src: dev.mac,
      dst: arp.senderMac,
      payload: { type: 'arp', arp: { op: 'reply', senderMac: dev.mac, senderIp: arp.targetIp, targetMac: arp.senderMac, targetIp: arp.senderIp } },
      skb: dp.newSkb(true, f.skb.traceId),
    };
    dp.traceFrame('arp', ns, dev, reply, { detail: `reply ${arp.targetIp} is-at ${dev.mac}` });
    transmitFrame(dp, ns, dev, reply);
    return;
  }
  const toUs = f.dst === dev.mac;
  dp.traceFrame('arp', ns, dev, f, { detail: `learned ${arp.senderIp} at ${arp.senderMac}` });
  dp.neigh.learned(ns, dev, arp.senderIp, arp.senderMac, toUs, false);
}
