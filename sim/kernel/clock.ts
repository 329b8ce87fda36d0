/**
 * Virtual time. Nothing in the simulator reads the wall clock: `sleep`, ping intervals,
 * neighbour and conntrack timeouts all use this clock, which only moves when the shell driver
 * advances it. That makes a machine created from the same seed and fed the same lines
 * print the same bytes.
 */
export interface Clock {
  /** Milliseconds since the machine booted. */
  now(): number;
  /** Moves time forward by `ms` (never backwards). */
  advance(ms: number): void;
  /** Wall-clock epoch (ms) of boot, for tools that print dates (iptables-save headers). */
  readonly epochMs: number;
}

export function createClock(epochMs = Date.UTC(2026, 0, 1)): Clock {
  let t = 0;
  return {
    now: () => t,
    advance(ms: number) {
      if (ms > 0) t += ms;
    },
    epochMs,
  };
}
