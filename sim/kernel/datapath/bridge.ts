/**
 * The Linux bridge's forwarding path: learning source addresses into the forwarding database,
 * ageing them out by the virtual clock, delivering frames for the bridge's own addresses up
 * to its IP stack, flooding broadcast, multicast and unknown unicast to the other ports, and
 * running iptables on bridged IPv4 when net.bridge.bridge-nf-call-iptables = 1 (br_netfilter:
 * PREROUTING, FORWARD, POSTROUTING with the ports as physdev in/out).
 */
import type { BridgeState, FdbEntry, Link, Netns } from '../types.ts';
import type { Datapath, DpSkb } from './datapath.ts';
import type { Frame } from './frame.ts';
import { ETH_HEADER, clonePacket } from '../packet.ts';
import { isGroupMac, wireCount } from './frame.ts';
import { fdbLearn, fdbLookup, fdbRemove } from '../fdb.ts';
import { isRunning, sysctlOn } from './host.ts';
import { countRx, countTx, transmitFrame } from './link.ts';
import { protocolReceive } from './link.ts';
import { runHook } from './hook-call.ts';
import { routeInput } from './fib.ts';
import { isPromisc, tapFrame } from './capture.ts';

const DEFAULT_AGEING_MS = 300000;

/** The bridge's state, created with the kernel's defaults if the control plane has not yet. */
export function bridgeState(br: Link): BridgeState {
  br.bridge ??= { priority: 0x8000, stp: false, ageingTime: DEFAULT_AGEING_MS, fdb: [] };
  return br.bridge;
}

/** The FDB entry for `mac`, dropping a dynamic one that has aged out (br_fdb_find + has_expired). */
export function fdbFind(br: Link, mac: string, now: number): FdbEntry | undefined {
  const st = bridgeState(br);
  const e = fdbLookup(br, mac);
  if (e && !e.local && !e.permanent && now - e.updatedAt >= st.ageingTime) {
    fdbRemove(br, e);
    return undefined;
  }
  return e;
}

/** Ports of a bridge, in ifindex order. */
export function bridgePorts(ns: Netns, br: Link): Link[] {
  const out: Link[] = [];
  for (const l of ns.links.values()) if (l.master === br.index) out.push(l);
  return out.sort((a, b) => a.index - b.index);
}

function learn(dp: Datapath, ns: Netns, br: Link, port: Link, f: Frame): void {
  if (isGroupMac(f.src)) return;
  const now = dp.now();
  const e = fdbFind(br, f.src, now);
  if (e && (e.local || e.permanent)) return;
  if (dp.tracing && (!e || e.port !== port.index)) {
    dp.traceFrame('bridge', ns, br, f, { detail: e ? `${f.src} moved to ${port.name}` : `learned ${f.src} on ${port.name}` });
  }
  fdbLearn(br, port.index, f.src, now);
}

/** A port passes frames: forwarding state (STP off: up with carrier). */
function forwarding(port: Link): boolean {
  return port.port ? port.port.state === 'forwarding' && isRunning(port) : isRunning(port);
}

/**
 * should_deliver: a frame may leave through `out` when it is forwarding and is not the port the
 * frame came in on, unless that port is in hairpin mode (a reflective relay, as Docker sets on
 * its veths when the userland proxy is off).
 */
function shouldDeliver(from: Link | undefined, out: Link): boolean {
  return (out !== from || out.port?.hairpin === true) && forwarding(out);
}

/** The frame is for the bridge device itself: its own MAC, or the MAC of one of its ports. */
function isLocalMac(ns: Netns, br: Link, mac: string, now: number): boolean {
  if (mac === br.mac) return true;
  if (isGroupMac(mac)) return false;
  const e = fdbFind(br, mac, now);
  if (e) return e.local;
  for (const p of bridgePorts(ns, br)) if (p.mac === mac) return true;
  return false;
}

/** br_handle_frame: a frame arrived on bridge port `port`. */
export function bridgeInput(dp: Datapath, ns: Netns, br: Link, port: Link, f: Frame): void {
  if (!br.flags.up || !forwarding(port)) {
    dp.traceFrame('drop', ns, br, f, { reason: 'bridge port not forwarding' });
    return;
  }
  learn(dp, ns, br, port, f);
  const skb = f.skb as DpSkb;
  const nfCall = f.payload.type === 'ipv4' && dp.host.nf !== undefined && sysctlOn(ns, 'net.bridge.bridge-nf-call-iptables');
  if (nfCall && f.payload.type === 'ipv4') {
    const pkt = f.payload.ip;
    const dstBefore = pkt.dst;
    skb.physIn = port.name;
    if (!runHook(dp, ns, 'PREROUTING', pkt, skb, br, undefined)) return;
    skb.brPrerouted = true;
    if (pkt.dst !== dstBefore) {
      // DNAT on a bridged packet: br_netfilter routes it again; if it now leaves through
      // another device or is for this host, the IP layer takes it over.
      const r = routeInput(ns, pkt.dst, sysctlOn(ns, 'net.ipv4.ip_forward'));
      const stays = r.ok && r.type === 'unicast' && r.dev === br;
      const mac = stays ? dp.neigh.find(ns, br.index, r.nextHop)?.lladdr : undefined;
      if (!mac) {
        passUp(dp, ns, br, f);
        return;
      }
      f = { ...f, dst: mac };
    }
  }
  const now = dp.now();
  if (isLocalMac(ns, br, f.dst, now)) {
    passUp(dp, ns, br, f);
    return;
  }
  if (isGroupMac(f.dst)) {
    dp.traceFrame('bridge', ns, br, f, { detail: `flood from ${port.name} and deliver locally` });
    flood(dp, ns, br, port, f, nfCall);
    passUp(dp, ns, br, f);
    return;
  }
  const e = fdbFind(br, f.dst, now);
  if (e) {
    const out = ns.links.get(e.port);
    if (!out || !shouldDeliver(port, out)) {
      const reason = out === port ? `destination ${f.dst} is behind the ingress port` : `port ${out?.name ?? e.port} not forwarding`;
      dp.traceFrame('drop', ns, br, f, { reason });
      promiscCopy(dp, ns, br, f);
      return;
    }
    const how = out === port ? 'hairpin' : 'fdb';
    dp.traceFrame('bridge', ns, br, f, { detail: `forward to ${out.name} (${how})` });
    forward(dp, ns, br, port, out, f, nfCall);
    promiscCopy(dp, ns, br, f);
    return;
  }
  dp.traceFrame('bridge', ns, br, f, { detail: `unknown ${f.dst}, flood from ${port.name}` });
  flood(dp, ns, br, port, f, nfCall);
  promiscCopy(dp, ns, br, f);
}

/**
 * A bridge in promiscuous mode (tcpdump on it) also passes a bridged frame up to itself after
 * forwarding it; the frame is for another host, so only packet sockets see it (and the
 * bridge's rx counters count it).
 */
function promiscCopy(dp: Datapath, ns: Netns, br: Link, f: Frame): void {
  if (!isPromisc(dp, ns, br)) return;
  const w = wireCount(f, br.mtu);
  countRx(br.stats, w.packets, w.bytes - w.packets * ETH_HEADER);
  tapFrame(dp, dp.now(), ns, br, f, 'in');
}

/** br_pass_frame_up: the bridge device receives the frame (its rx counters exclude the Ethernet header). */
function passUp(dp: Datapath, ns: Netns, br: Link, f: Frame): void {
  const w = wireCount(f, br.mtu);
  countRx(br.stats, w.packets, w.bytes - w.packets * ETH_HEADER);
  dp.traceFrame('bridge', ns, br, f, { detail: 'deliver to the bridge device' });
  tapFrame(dp, dp.now(), ns, br, f, 'in');
  protocolReceive(dp, ns, br, f, true);
}

function flood(dp: Datapath, ns: Netns, br: Link, from: Link | undefined, f: Frame, nfCall: boolean): void {
  for (const p of bridgePorts(ns, br)) {
    if (!shouldDeliver(from, p)) continue;
    forward(dp, ns, br, from, p, f, nfCall);
  }
}

/** br_forward: out of one port, through FORWARD and POSTROUTING when bridge-nf is on. */
function forward(dp: Datapath, ns: Netns, br: Link, from: Link | undefined, out: Link, f: Frame, nfCall: boolean): void {
  if (!forwarding(out)) return;
  if (nfCall && f.payload.type === 'ipv4') {
    const pkt = clonePacket(f.payload.ip);
    const skb: DpSkb = { ...(f.skb as DpSkb), physIn: from?.name, physOut: out.name };
    if (!runHook(dp, ns, 'FORWARD', pkt, skb, br, br)) return;
    if (!runHook(dp, ns, 'POSTROUTING', pkt, skb, undefined, br)) return;
    f = { ...f, payload: { type: 'ipv4', ip: pkt }, skb };
  }
  transmitFrame(dp, ns, out, f);
}

/** br_dev_xmit: the bridge's own IP stack sends a frame; it goes to the port the FDB names, or floods. */
export function bridgeXmit(dp: Datapath, ns: Netns, br: Link, f: Frame): void {
  const w = wireCount(f, br.mtu);
  countTx(br.stats, w.packets, w.bytes);
  dp.traceFrame('tx', ns, br, f);
  tapFrame(dp, dp.now(), ns, br, f, 'out');
  if (!isGroupMac(f.dst)) {
    const e = fdbFind(br, f.dst, dp.now());
    const out = e && !e.local ? ns.links.get(e.port) : undefined;
    if (out) {
      dp.traceFrame('bridge', ns, br, f, { detail: `forward to ${out.name} (fdb)` });
      forward(dp, ns, br, undefined, out, f, false);
      return;
    }
  }
  dp.traceFrame('bridge', ns, br, f, { detail: 'flood to all ports' });
  flood(dp, ns, br, undefined, f, false);
}
