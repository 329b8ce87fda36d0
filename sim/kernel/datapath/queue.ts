/**
 * The datapath's work queue. A frame crossing a veth or leaving a bridge port is queued rather
 * than processed by recursion, like the kernel's per-CPU backlog; a hard cap on the steps of one
 * drain keeps a bridge loop or broadcast storm from freezing the caller.
 */
export class WorkQueue {
  private items: Array<() => void> = [];
  private head = 0;
  private running = false;
  /** Steps dropped because a drain hit the cap (for tests and the trace). */
  overflowed = 0;

  constructor(
    private readonly cap: number,
    private readonly onOverflow: (dropped: number) => void,
  ) {}

  /** Queues a step; runs the queue to completion unless a drain is already under way. */
  push(step: () => void): void {
    this.items.push(step);
    if (!this.running) this.drain();
  }

  private drain(): void {
    this.running = true;
    let steps = 0;
    try {
      while (this.head < this.items.length) {
        if (++steps > this.cap) {
          const dropped = this.items.length - this.head;
          this.items = [];
          this.head = 0;
          this.overflowed += dropped;
          this.onOverflow(dropped);
          break;
        }
        const step = this.items[this.head++];
        step();
      }
    } finally {
      this.items = [];
      this.head = 0;
      this.running = false;
    }
  }
}
