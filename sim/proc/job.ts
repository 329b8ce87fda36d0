/**
 * A foreground job as a caller drives it: step() runs it until it must wait and says how
 * long (virtual ms); the caller waits (really, in a terminal; not at all, in run()) and
 * steps again. Ctrl+C is interrupt(). Background tasks run in the same steps.
 */
import type { Scheduler, Task } from './scheduler.ts';
import type { TimerQueue } from '../kernel/timers.ts';
import type { Clock } from '../kernel/clock.ts';

/** Resumes per step() call: a program looping on 0 ms waits cannot freeze the caller. */
export const STEP_BUDGET = 1000;
/** What step() asks for when nothing at all is scheduled (blocked until Ctrl+C). */
export const POLL_MS = 100;

export class Job {
  /** Set when the job is blocked with nothing scheduled that could wake it. */
  blocked = false;
  /** Resumes so far (run() caps them). */
  resumes = 0;
  private owesWait = false;
  private finished = false;

  constructor(
    private readonly task: Task,
    private readonly sched: Scheduler,
    private readonly timers: TimerQueue,
    private readonly clock: Clock,
    private readonly onFinish: () => void,
  ) {}

  get done(): boolean {
    return this.task.done;
  }

  get exitCode(): number {
    return this.task.exitCode;
  }

  /** Runs until the job must wait; returns the virtual ms it wants to wait, or -1 when done. */
  step(): number {
    if (this.task.done) return this.finish();
    if (this.owesWait && !this.sched.hasRunnable()) this.sched.advanceToNextTimer();
    this.owesWait = false;
    let used = 0;
    for (;;) {
      const n = this.sched.runReady(STEP_BUDGET - used);
      used += n;
      this.resumes += n;
      if (this.task.done) return this.finish();
      if (used >= STEP_BUDGET) return 0;
      const next = this.timers.next();
      if (next === undefined) {
        this.blocked = true;
        return POLL_MS;
      }
      this.blocked = false;
      if (next <= this.clock.now()) {
        this.timers.advanceTo(next);
        continue;
      }
      this.owesWait = true;
      return next - this.clock.now();
    }
  }

  /** Ctrl+C. */
  interrupt(): void {
    this.sched.interrupt(this.task);
  }

  /** Ends the job at once (the caller gave up on it). */
  kill(): void {
    this.sched.kill(this.task, 130);
    this.finish();
  }

  private finish(): number {
    if (!this.finished) {
      this.finished = true;
      this.onFinish();
    }
    return -1;
  }
}
