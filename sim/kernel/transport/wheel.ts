/**
 * Kernel timers (retransmission, delayed ACK) run on the timer wheel, which never fires
 * early and rounds an expiry up to its level's granularity: 4 ms jiffies (HZ=250), 32 ms
 * for timeouts up to ~2 s, 256 ms up to ~16 s, and so on (kernel/time/timer.c calc_wheel_index).
 * That is why a SYN is retransmitted a little after 1 s (1.024 s), and why a program's own
 * 1 s timeout (a high-resolution timer, exact) ends the wait just before it, as nc -w1 does.
 */
const JIFFY_MS = 4;
const LVL_CLK_SHIFT = 3;
const LVL_SIZE = 64;
const LEVELS = 9;

/** Milliseconds from `nowMs` until a timer armed for `delayMs` really fires. */
export function wheelDelay(nowMs: number, delayMs: number): number {
  const now = Math.floor(nowMs / JIFFY_MS);
  const delta = Math.ceil(delayMs / JIFFY_MS);
  const expires = now + delta;
  let lvl = 0;
  while (lvl < LEVELS - 1 && delta >= (LVL_SIZE - 1) << (lvl * LVL_CLK_SHIFT)) lvl++;
  const gran = 1 << (lvl * LVL_CLK_SHIFT);
  const fire = Math.floor((expires + gran) / gran) * gran;
  return fire * JIFFY_MS - nowMs;
}
