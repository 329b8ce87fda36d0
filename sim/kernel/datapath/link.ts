/**
 * Devices moving frames: transmit on a device (dev_queue_xmit) and receive on one
 * (netif_receive_skb), with the link statistics the kernel keeps. A veth (and the worlds'
 * `ether` link, a veth whose peer is hidden) hands the frame to its peer, in the peer's
 * namespace, through the work queue; loopback hands it back to itself and counts the IP
 * packet without its Ethernet header, as loopback_xmit does after eth_type_trans.
 */
import type { Link, LinkStats, Netns } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import { ipLength } from '../packet.ts';
import type { Datapath, DpSkb } from './datapath.ts';
import type { Frame } from './frame.ts';
import { isGroupMac, wireCount } from './frame.ts';
import { peerOf } from './host.ts';
import { bridgeInput, bridgeXmit } from './bridge.ts';
import { arpReceive } from './arp.ts';
import { ipReceive } from './ip-input.ts';
import { tapFrame } from './capture.ts';

/** Adds a transmitted frame to a device's counters. */
export function countTx(stats: LinkStats, packets: number, bytes: number): void {
  stats.txPackets += packets;
  stats.txBytes += bytes;
}

/** Adds a received frame to a device's counters. */
export function countRx(stats: LinkStats, packets: number, bytes: number): void {
  stats.rxPackets += packets;
  stats.rxBytes += bytes;
}

/** Transmits an IPv4 packet in a frame to `dstMac` out of `dev`. */
export function transmitIp(dp: Datapath, ns: Netns, dev: Link, dstMac: string, pkt: Ipv4Packet, skb: DpSkb): void {
  transmitFrame(dp, ns, dev, { src: dev.mac, dst: dstMac, payload: { type: 'ipv4', ip: pkt }, skb });
}

/**
 * skb_scrub_packet, as veth_xmit applies it: the far end gets the packet without its
 * conntrack entry and bridge-netfilter state (nf_reset_ct), and without its mark when it
 * changes namespace. Without this, a reply bridged in one namespace would skip PREROUTING
 * (and so conntrack's reverse NAT) in the next one.
 */
export function scrubSkb(skb: DpSkb, crossNetns: boolean): DpSkb {
  const { ct: _ct, ctDir: _dir, physIn: _in, physOut: _out, brPrerouted: _pre, ...rest } = skb;
  return crossNetns ? { ...rest, mark: 0 } : rest;
}

/** dev_queue_xmit: the device sends the frame (or drops it, counting tx_dropped, when it cannot). */
export function transmitFrame(dp: Datapath, ns: Netns, dev: Link, f: Frame): void {
  const isLo = dev.kind === 'loopback';
  if (!dev.flags.up || (!dev.flags.lowerUp && !isLo)) {
    dev.stats.txDropped++;
    dp.traceFrame('drop', ns, dev, f, { reason: dev.flags.up ? 'no carrier' : 'device down' });
    return;
  }
  if (isLo) {
    const len = f.payload.type === 'ipv4' ? ipLength(f.payload.ip) : 0;
    countTx(dev.stats, 1, len);
    countRx(dev.stats, 1, len);
    dp.traceFrame('tx', ns, dev, f);
    tapFrame(dp, dp.now(), ns, dev, f, 'out');
    dp.queue.push(() => deviceReceive(dp, ns, dev, f));
    return;
  }
  const wire = wireCount(f, dev.mtu);
  switch (dev.kind) {
    case 'veth':
    case 'ether': {
      const peer = peerOf(dp.host, dev);
      if (!peer) {
        // An `ether` link whose far end is not modelled: the frame leaves the machine.
        countTx(dev.stats, wire.packets, wire.bytes);
        dp.traceFrame('tx', ns, dev, f, { detail: 'left the machine' });
        tapFrame(dp, dp.now(), ns, dev, f, 'out');
        return;
      }
      if (!peer.link.flags.up) {
        dev.stats.txDropped++;
        dp.traceFrame('drop', ns, dev, f, { reason: 'peer device down' });
        return;
      }
      countTx(dev.stats, wire.packets, wire.bytes);
      countRx(peer.link.stats, wire.packets, wire.bytes);
      dp.traceFrame('tx', ns, dev, f);
      tapFrame(dp, dp.now(), ns, dev, f, 'out');
      const crossed: Frame = { ...f, skb: scrubSkb(f.skb as DpSkb, peer.ns !== ns) };
      dp.queue.push(() => deviceReceive(dp, peer.ns, peer.link, crossed));
      return;
    }
    case 'bridge':
      bridgeXmit(dp, ns, dev, f);
      return;
    default:
      countTx(dev.stats, wire.packets, wire.bytes);
      dp.traceFrame('tx', ns, dev, f, { detail: 'discarded by the device' });
      tapFrame(dp, dp.now(), ns, dev, f, 'out');
  }
}

/** netif_receive_skb: a frame arrived on `dev` (its counters were already updated by the sender). */
export function deviceReceive(dp: Datapath, ns: Netns, dev: Link, f: Frame): void {
  if (dp.netns(ns.id) !== ns || ns.links.get(dev.index) !== dev) return; // device gone meanwhile
  if (!dev.flags.up) {
    dp.traceFrame('drop', ns, dev, f, { reason: 'device down' });
    return;
  }
  dp.traceFrame('rx', ns, dev, f);
  tapFrame(dp, dp.now(), ns, dev, f, 'in');
  if (dev.master !== undefined) {
    const br = ns.links.get(dev.master);
    if (br && br.kind === 'bridge') {
      bridgeInput(dp, ns, br, dev, f);
      return;
    }
  }
  protocolReceive(dp, ns, dev, f);
}

/** Hands a frame accepted by `dev` to ARP or IPv4, dropping frames for other hosts. */
export function protocolReceive(dp: Datapath, ns: Netns, dev: Link, f: Frame, forHost = false): void {
  if (!forHost && dev.kind !== 'loopback' && f.dst !== dev.mac && !isGroupMac(f.dst)) {
    dp.traceFrame('drop', ns, dev, f, { reason: 'frame for another host' });
    return;
  }
  switch (f.payload.type) {
    case 'arp':
      arpReceive(dp, ns, dev, f);
      return;
    case 'ipv4':
      ipReceive(dp, ns, dev, f.payload.ip, f.skb as DpSkb);
      return;
    case 'ipv6':
      return; // housekeeping traffic: counted, nothing listens to it here
  }
}
