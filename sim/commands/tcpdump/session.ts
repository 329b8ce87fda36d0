/**
 * One capture: the packet tap tcpdump opens, with the kernel-side behaviour its output
 * depends on. The filter runs in the kernel, so every matching frame counts as "received by
 * filter" the moment it crosses the device. Userspace then gets frames in batches: libpcap's
 * TPACKET_V3 ring hands a block over when its timer fires (every 1000 ms, or 100 ms when
 * stdout is a terminal or with -l; at once with --immediate-mode), so a capture stopped
 * before the next batch has received packets it never printed. On loopback, libpcap drops the
 * outgoing copy of each packet after the kernel counted it (it would otherwise appear twice).
 */
import type { CapturedFrame } from '../../kernel/datapath/capture.ts';
import type { FilterNode } from './filter-parse.ts';
import { matchFilter } from './filter-match.ts';

export interface SessionOptions {
  filter: FilterNode | undefined;
  direction?: 'in' | 'out' | 'inout';
}

/** A captured frame waiting for userspace, with what the printer needs from capture time. */
export interface Queued {
  c: CapturedFrame;
  /** For IPv6 housekeeping: the sender had finished duplicate address detection. */
  dadDone: boolean;
}

/** Time after a device's DAD probe at which its link-local address is usable (the kernel's ~1 s). */
const DAD_MS = 1000;

export class CaptureSession {
  /** Frames that passed the filter ("packets received by filter"). */
  received = 0;
  private queue: Queued[] = [];
  private readonly dadProbe = new Map<string, number>();

  constructor(private readonly o: SessionOptions) {}

  /** The tap's callback: filter, count, queue. */
  deliver(c: CapturedFrame): void {
    if (!matchFilter(this.o.filter, c.frame)) return;
    this.received++;
    if (c.dev.kind === 'loopback' && c.dir === 'out') return;
    const d = this.o.direction;
    if ((d === 'in' && c.dir !== 'in') || (d === 'out' && c.dir !== 'out')) return;
    let dadDone = true;
    const pl = c.frame.payload;
    if (pl.type === 'ipv6') {
      const probe = this.dadProbe.get(c.frame.src);
      if (pl.what.startsWith('neighbor solicitation')) this.dadProbe.set(c.frame.src, c.t);
      if (probe !== undefined || pl.what.startsWith('neighbor solicitation')) dadDone = c.t - (probe ?? c.t) >= DAD_MS;
    }
    this.queue.push({ c, dadDone });
  }

  /** Frames handed to userspace by a batch that closed at time `t`. */
  takeUntil(t: number): Queued[] {
    const n = this.queue.findIndex((q) => q.c.t > t);
    const out = n < 0 ? this.queue : this.queue.slice(0, n);
    this.queue = n < 0 ? [] : this.queue.slice(n);
    return out;
  }

  get pending(): number {
    return this.queue.length;
  }
}
