import type { Clock } from './clock.ts';

/**
 * The machine's single timer queue, driven by virtual time. Kernel timers (neighbour
 * resolution, retransmissions, conntrack expiry) and sleeping processes are all entries here,
 * so advancing the clock runs everything that was due, in time order, deterministically.
 */
export interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class TimerQueue {
  private queue: Timer[] = [];
  private nextId = 1;
  constructor(private readonly clock: Clock) {}

  /** Runs `fn` once the clock reaches `now + delayMs`. Returns an id for cancel(). */
  after(delayMs: number, fn: () => void): number {
    const t: Timer = { id: this.nextId++, at: this.clock.now() + Math.max(0, delayMs), fn };
    // Stable insertion: timers due at the same instant run in the order they were set.
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1].at > t.at) i--;
    this.queue.splice(i, 0, t);
    return t.id;
  }

  cancel(id: number): void {
    const i = this.queue.findIndex((t) => t.id === id);
    if (i >= 0) this.queue.splice(i, 1);
  }

  /** When timer `id` is due, or undefined once it ran or was cancelled (ss -o shows what is left). */
  dueAt(id: number): number | undefined {
    return this.queue.find((t) => t.id === id)?.at;
  }

  /** Time of the earliest pending timer, or undefined. */
  next(): number | undefined {
    return this.queue[0]?.at;
  }

  get size(): number {
    return this.queue.length;
  }

  /** Advances the clock to `t`, running every timer due on the way, in order. */
  advanceTo(t: number): void {
    while (this.queue.length && this.queue[0].at <= t) {
      const timer = this.queue.shift()!;
      this.clock.advance(timer.at - this.clock.now());
      timer.fn();
    }
    this.clock.advance(t - this.clock.now());
  }
}
