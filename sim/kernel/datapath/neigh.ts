/**
 * Neighbour resolution (ARP) as the kernel's neighbour state machine does it, with its
 * defaults: 3 broadcast probes one second apart (then FAILED, and queued packets answered
 * with ICMP host unreachable), REACHABLE for 30 s after a confirmation, STALE until used,
 * DELAY for 5 s after use, then PROBE with up to 3 unicast requests.
 *
 * The visible entry is the kernel state's Neighbour (ip neigh prints it); timers, the probe
 * count, the confirmation time and the queue of packets waiting for resolution live here.
 */
import type { Link, Neighbour, Netns } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { Datapath, DpSkb } from './datapath.ts';
import { sendArpRequest } from './arp.ts';
import { transmitIp } from './link.ts';
import { sendIcmpError } from './icmp.ts';
import { localLookup, selectSource } from './fib.ts';
import { BROADCAST_MAC } from './frame.ts';

export const RETRANS_MS = 1000;
export const MCAST_PROBES = 3;
export const UCAST_PROBES = 3;
export const DELAY_PROBE_MS = 5000;
export const REACHABLE_MS = 30000;
/** unres_qlen: packets kept while a neighbour resolves. */
const QUEUE_MAX = 101;

interface Pending {
  entry: Neighbour;
  timer?: number;
  probes: number;
  confirmed: number;
  used: number;
  queue: Array<{ pkt: Ipv4Packet; skb: DpSkb }>;
}

export class NeighTable {
  private readonly side = new Map<string, Pending>();

  constructor(private readonly dp: Datapath) {}

  private key(ns: Netns, index: number, addr: string): string {
    return `${ns.id}/${index}/${addr}`;
  }

  /** The visible entry, if the control plane still has it. */
  find(ns: Netns, index: number, addr: string): Neighbour | undefined {
    for (const n of ns.neigh) if (n.index === index && n.address === addr) return n;
    return undefined;
  }

  private pending(ns: Netns, entry: Neighbour): Pending {
    const k = this.key(ns, entry.index, entry.address);
    let p = this.side.get(k);
    if (!p || p.entry !== entry) {
      if (p?.timer !== undefined) this.dp.host.timers.cancel(p.timer);
      p = { entry, probes: 0, confirmed: -Infinity, used: this.dp.now(), queue: [] };
      this.side.set(k, p);
    }
    return p;
  }

  private arm(p: Pending, ms: number, fn: () => void): void {
    if (p.timer !== undefined) this.dp.host.timers.cancel(p.timer);
    p.timer = this.dp.host.timers.after(ms, () => {
      p.timer = undefined;
      fn();
    });
  }

  private alive(ns: Netns, p: Pending): boolean {
    return this.dp.netns(ns.id) === ns && ns.neigh.includes(p.entry) && ns.links.has(p.entry.index);
  }

  /** Sends `pkt` out of `dev` toward `nextHop`, resolving its link-layer address first if needed. */
  output(ns: Netns, dev: Link, nextHop: string, pkt: Ipv4Packet, skb: DpSkb): void {
    let n = this.find(ns, dev.index, nextHop);
    if (!n) {
      n = { index: dev.index, address: nextHop, state: 'INCOMPLETE', updatedAt: this.dp.now() };
      ns.neigh.unshift(n);
    }
    const p = this.pending(ns, n);
    p.used = this.dp.now();
    // The journey shows which link-layer address a known neighbour gave the frame.
    if (n.lladdr && this.dp.tracing && n.state !== 'INCOMPLETE' && n.state !== 'FAILED') {
      this.dp.traceIp('arp', ns, skb, pkt, { dev: dev.name, detail: `neighbour ${n.address} is at ${n.lladdr} (${n.state}, cached)` });
    }
    switch (n.state) {
      case 'PERMANENT':
      case 'NOARP':
      case 'DELAY':
      case 'PROBE':
        transmitIp(this.dp, ns, dev, n.lladdr ?? BROADCAST_MAC, pkt, skb);
        return;
      case 'REACHABLE':
        if (this.dp.now() - p.confirmed < REACHABLE_MS) {
          transmitIp(this.dp, ns, dev, n.lladdr!, pkt, skb);
          return;
        }
        n.state = 'STALE';
      // fall through: an expired REACHABLE entry is used like a STALE one
      case 'STALE':
        this.setState(ns, p, 'DELAY');
        this.arm(p, DELAY_PROBE_MS, () => this.delayExpired(ns, p));
        transmitIp(this.dp, ns, dev, n.lladdr!, pkt, skb);
        return;
      case 'FAILED':
        this.setState(ns, p, 'INCOMPLETE');
        p.probes = 0;
        this.enqueue(ns, p, pkt, skb);
        this.solicit(ns, dev, p);
        return;
      case 'INCOMPLETE':
        this.enqueue(ns, p, pkt, skb);
        if (p.timer === undefined) this.solicit(ns, dev, p);
        return;
    }
  }

  private enqueue(ns: Netns, p: Pending, pkt: Ipv4Packet, skb: DpSkb): void {
    if (p.queue.length >= QUEUE_MAX) {
      const old = p.queue.shift()!;
      this.dp.traceIp('drop', ns, old.skb, old.pkt, { reason: 'neighbour queue full (unres_qlen)' });
    }
    p.queue.push({ pkt, skb });
    this.dp.traceIp('arp', ns, skb, pkt, { detail: `waiting for ${p.entry.address} to resolve` });
  }

  private setState(ns: Netns, p: Pending, state: Neighbour['state']): void {
    p.entry.state = state;
    p.entry.updatedAt = this.dp.now();
  }

  /** Broadcast probe while INCOMPLETE; gives up after MCAST_PROBES. */
  private solicit(ns: Netns, dev: Link, p: Pending): void {
    if (!this.alive(ns, p) || p.entry.state !== 'INCOMPLETE') return;
    if (p.probes >= MCAST_PROBES) {
      this.fail(ns, p);
      return;
    }
    p.probes++;
    // Arm first: the answer may arrive (and cancel the timer) before sendArpRequest returns.
    this.arm(p, RETRANS_MS, () => this.solicit(ns, dev, p));
    sendArpRequest(this.dp, ns, dev, p.entry.address, this.probeSource(ns, dev, p), BROADCAST_MAC);
  }

  /** arp_solicit's source: the waiting packet's source when it is ours, else one chosen for the device. */
  private probeSource(ns: Netns, dev: Link, p: Pending): string {
    const src = p.queue[0]?.pkt.src;
    if (src && localLookup(ns, src)?.type === 'local') return src;
    return selectSource(ns, dev, p.entry.address, 253) ?? '0.0.0.0';
  }

  private fail(ns: Netns, p: Pending): void {
    this.setState(ns, p, 'FAILED');
    p.entry.lladdr = undefined;
    const queued = p.queue;
    p.queue = [];
    for (const q of queued) {
      this.dp.traceIp('drop', ns, q.skb, q.pkt, { reason: `neighbour ${p.entry.address} unreachable (ARP failed)` });
      sendIcmpError(this.dp, ns, q.pkt, q.skb, 3, 1);
    }
  }

  private delayExpired(ns: Netns, p: Pending): void {
    if (!this.alive(ns, p) || p.entry.state !== 'DELAY') return;
    if (this.dp.now() - p.confirmed <= DELAY_PROBE_MS) {
      this.setState(ns, p, 'REACHABLE');
      this.armReachable(ns, p);
      return;
    }
    this.setState(ns, p, 'PROBE');
    p.probes = 0;
    this.probe(ns, p);
  }

  /** Unicast probe while PROBE; FAILED after UCAST_PROBES unanswered. */
  private probe(ns: Netns, p: Pending): void {
    if (!this.alive(ns, p) || p.entry.state !== 'PROBE') return;
    if (p.probes >= UCAST_PROBES) {
      this.fail(ns, p);
      return;
    }
    p.probes++;
    const dev = ns.links.get(p.entry.index)!;
    const src = selectSource(ns, dev, p.entry.address, 253) ?? '0.0.0.0';
    this.arm(p, RETRANS_MS, () => this.probe(ns, p));
    sendArpRequest(this.dp, ns, dev, p.entry.address, src, p.entry.lladdr ?? BROADCAST_MAC);
  }

  private armReachable(ns: Netns, p: Pending): void {
    const due = p.confirmed + REACHABLE_MS - this.dp.now();
    this.arm(p, Math.max(0, due), () => {
      if (!this.alive(ns, p) || p.entry.state !== 'REACHABLE') return;
      if (this.dp.now() - p.confirmed < REACHABLE_MS) return this.armReachable(ns, p);
      if (this.dp.now() - p.used <= DELAY_PROBE_MS) {
        this.setState(ns, p, 'DELAY');
        this.arm(p, DELAY_PROBE_MS, () => this.delayExpired(ns, p));
      } else {
        this.setState(ns, p, 'STALE');
      }
    });
  }

  /**
   * What an ARP packet taught us about `ip` on `dev`: a reply to us confirms it (REACHABLE);
   * a request for one of our addresses creates or refreshes it as STALE (`create`); anything
   * else only refreshes an existing entry.
   */
  learned(ns: Netns, dev: Link, ip: string, mac: string, confirmed: boolean, create: boolean): void {
    let n = this.find(ns, dev.index, ip);
    if (!n) {
      if (!create) return;
      n = { index: dev.index, address: ip, lladdr: mac, state: 'STALE', updatedAt: this.dp.now() };
      ns.neigh.unshift(n);
      this.pending(ns, n);
      return;
    }
    if (n.state === 'PERMANENT' || n.state === 'NOARP') return;
    const p = this.pending(ns, n);
    if (confirmed) {
      n.lladdr = mac;
      p.confirmed = this.dp.now();
      this.setState(ns, p, 'REACHABLE');
      this.armReachable(ns, p);
      this.flush(ns, dev, p);
      return;
    }
    const changed = n.lladdr !== mac;
    if (n.state === 'INCOMPLETE' || n.state === 'FAILED' || changed) {
      n.lladdr = mac;
      if (p.timer !== undefined) this.dp.host.timers.cancel(p.timer);
      p.timer = undefined;
      this.setState(ns, p, 'STALE');
      this.flush(ns, dev, p);
    }
  }

  /** Sends what waited for resolution, through the normal output path (STALE becomes DELAY). */
  private flush(ns: Netns, dev: Link, p: Pending): void {
    const queued = p.queue;
    p.queue = [];
    for (const q of queued) this.output(ns, dev, p.entry.address, q.pkt, q.skb);
  }

  forgetNetns(nsId: number): void {
    for (const [k, p] of this.side) {
      if (k.startsWith(`${nsId}/`)) {
        if (p.timer !== undefined) this.dp.host.timers.cancel(p.timer);
        this.side.delete(k);
      }
    }
  }
}
