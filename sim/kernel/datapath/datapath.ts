/**
 * The datapath: moves frames between devices and packets through the IPv4 stack of each
 * namespace, calling netfilter and the transport layer at the kernel's points and emitting a
 * trace event at every step. State of its own (pending neighbour resolutions, ping sockets,
 * IP ids) lives here; everything else is the kernel state it is given.
 */
import type { Link, Netns } from '../types.ts';
import type { Ipv4Packet, SkbMeta } from '../packet.ts';
import type { TraceEvent, TraceKind } from '../../observe/trace.ts';
import type { DatapathHost } from './host.ts';
import { nsLabel } from './host.ts';
import { WorkQueue } from './queue.ts';
import { NeighTable } from './neigh.ts';
import { PingSockets } from './sockets.ts';
import { describeIp, describeFrame } from './describe.ts';
import type { Frame } from './frame.ts';

/** sk_buff metadata plus the datapath's private marks. */
export interface DpSkb extends SkbMeta {
  /** br_netfilter already ran PREROUTING for this packet (the IP layer must not run it again). */
  brPrerouted?: boolean;
  /** Journey this one answers (echo reply, ICMP error). */
  causedBy?: number;
}

/** Steps one drain of the work queue may take before the rest is dropped (storm guard). */
export const QUEUE_CAP = 20000;

export class Datapath {
  readonly queue: WorkQueue;
  readonly neigh: NeighTable;
  readonly sockets = new PingSockets();
  private readonly ipIds = new Map<number, number>();

  constructor(readonly host: DatapathHost) {
    this.queue = new WorkQueue(QUEUE_CAP, (n) =>
      this.emitRaw({ id: 0, t: this.now(), kind: 'drop', netnsId: 0, netns: 'host', packet: '', reason: `work queue limit reached, ${n} steps dropped (loop or storm)` }),
    );
    this.neigh = new NeighTable(this);
  }

  now(): number {
    return this.host.state.clock.now();
  }

  netns(id: number): Netns | undefined {
    return this.host.state.netns.get(id);
  }

  /** New sk_buff metadata with its own journey id. */
  newSkb(local: boolean, causedBy?: number): DpSkb {
    return { traceId: this.host.trace.newId(), mark: 0, local, causedBy };
  }

  /** Next IP identification for a packet leaving `ns`. */
  nextIpId(ns: Netns): number {
    const v = ((this.ipIds.get(ns.id) ?? 0) + 1) & 0xffff;
    this.ipIds.set(ns.id, v);
    return v;
  }

  get tracing(): boolean {
    return this.host.trace.enabled;
  }

  emitRaw(e: TraceEvent): void {
    this.host.trace.emit(e);
  }

  /** Trace event about an IPv4 packet. No work at all when tracing is off. */
  traceIp(kind: TraceKind, ns: Netns, skb: DpSkb, pkt: Ipv4Packet, extra?: Partial<TraceEvent>): void {
    if (!this.host.trace.enabled) return;
    this.host.trace.emit({
      id: skb.traceId, causedBy: skb.causedBy, t: this.now(), kind, netnsId: ns.id, netns: nsLabel(ns),
      packet: describeIp(pkt), ...extra,
    });
  }

  /** Trace event about a frame on a device. */
  traceFrame(kind: TraceKind, ns: Netns, dev: Link | undefined, f: Frame, extra?: Partial<TraceEvent>): void {
    if (!this.host.trace.enabled) return;
    // IPv6 housekeeping is background noise for the journey views; only its drops are kept.
    if (f.payload.type === 'ipv6' && kind !== 'drop') return;
    const skb = f.skb as DpSkb;
    this.host.trace.emit({
      id: skb.traceId, causedBy: skb.causedBy, t: this.now(), kind, netnsId: ns.id, netns: nsLabel(ns),
      dev: dev?.name, packet: describeFrame(f), ...extra,
    });
  }

  /** Forgets per-namespace state when a namespace is destroyed. */
  netnsDestroyed(nsId: number): void {
    this.ipIds.delete(nsId);
    this.neigh.forgetNetns(nsId);
    this.sockets.forgetNetns(nsId);
  }
}
