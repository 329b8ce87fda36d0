/**
 * Runs programs (generators yielding Waits) in virtual time. Each task is one job: the
 * foreground command line or a background job. `sleep` waits become timers on the machine's
 * TimerQueue; `until` waits are re-checked after anything ran and wake at their timeout.
 * Every call is bounded: a program that keeps yielding 0 ms cannot freeze the caller.
 */
import type { TimerQueue } from '../kernel/timers.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Signal, Wait } from '../shell/process.ts';

/** Exit statuses of processes ended by a signal, as the shell reports them (128 + signo). */
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;

export interface Task {
  readonly id: number;
  readonly signal: Signal;
  done: boolean;
  exitCode: number;
  /** Runnable now (not waiting). */
  runnable: boolean;
  /** Pending `until` predicate, if blocked on one. */
  ready?: () => boolean;
  timer?: number;
  /** Steps taken since an interrupt: a program that ignores Ctrl+C is ended after a few. */
  stepsSinceInterrupt: number;
  gen: Generator<Wait, number, void>;
  onDone?: (code: number) => void;
}

/** How many resumes a program gets after Ctrl+C before it is ended. */
const INTERRUPT_GRACE = 1000;

export class Scheduler {
  private readonly tasks: Task[] = [];
  private nextId = 1;
  constructor(
    private readonly timers: TimerQueue,
    private readonly clock: Clock,
  ) {}

  /** Adds a task, runnable immediately. */
  add(gen: Generator<Wait, number, void>, signal: Signal = { interrupted: false }, onDone?: (code: number) => void): Task {
    const t: Task = { id: this.nextId++, signal, done: false, exitCode: 0, runnable: true, stepsSinceInterrupt: 0, gen, onDone };
    this.tasks.push(t);
    return t;
  }

  /** Live tasks (for tests and invariants). */
  get live(): readonly Task[] {
    return this.tasks;
  }

  private finish(t: Task, code: number): void {
    if (t.done) return;
    t.done = true;
    t.exitCode = code;
    t.runnable = false;
    if (t.timer !== undefined) this.timers.cancel(t.timer);
    const i = this.tasks.indexOf(t);
    if (i >= 0) this.tasks.splice(i, 1);
    t.onDone?.(code);
  }

  /** Resumes one task once and records what it waits for next. */
  private resume(t: Task): void {
    t.runnable = false;
    t.ready = undefined;
    if (t.signal.interrupted && ++t.stepsSinceInterrupt > INTERRUPT_GRACE) {
      this.kill(t, EXIT_SIGINT);
      return;
    }
    let r: IteratorResult<Wait, number>;
    try {
      r = t.gen.next();
    } catch (e) {
      // A program bug must not take the machine down; report it like a crashed process.
      this.finish(t, 139);
      (this.onCrash ?? (() => {}))(e);
      return;
    }
    if (r.done) {
      this.finish(t, r.value);
      return;
    }
    const w = r.value;
    if (t.signal.interrupted) {
      // After Ctrl+C waits end at once so the program can print its summary and exit.
      t.runnable = true;
    } else if (w.kind === 'sleep') {
      if (w.ms <= 0) t.runnable = true;
      else t.timer = this.timers.after(w.ms, () => this.wake(t));
    } else {
      if (w.ready()) t.runnable = true;
      else {
        t.ready = w.ready;
        if (w.timeoutMs !== undefined) t.timer = this.timers.after(Math.max(0, w.timeoutMs), () => this.wake(t));
      }
    }
  }

  /** Called with exceptions thrown by programs (they end with status 139). */
  onCrash?: (e: unknown) => void;

  private wake(t: Task): void {
    t.timer = undefined;
    t.ready = undefined;
    if (!t.done) t.runnable = true;
  }

  /** Re-checks every `until` wait; returns true if any task became runnable. */
  private poll(): boolean {
    let any = false;
    for (const t of this.tasks) {
      if (!t.runnable && t.ready) {
        let ok = false;
        try {
          ok = t.ready();
        } catch {
          ok = true;
        }
        if (ok) {
          if (t.timer !== undefined) this.timers.cancel(t.timer);
          this.wake(t);
          any = true;
        }
      }
    }
    return any;
  }

  /** Runs runnable tasks (round robin) until none is runnable or `budget` resumes were used. Returns resumes used. */
  runReady(budget: number): number {
    let used = 0;
    this.poll();
    while (used < budget) {
      const t = this.tasks.find((x) => x.runnable);
      if (!t) {
        if (this.poll()) continue;
        break;
      }
      // Rotate so that tasks share the budget fairly.
      this.tasks.splice(this.tasks.indexOf(t), 1);
      this.tasks.push(t);
      this.resume(t);
      used++;
    }
    return used;
  }

  /** True when some task can run now. */
  hasRunnable(): boolean {
    this.poll();
    return this.tasks.some((t) => t.runnable);
  }

  /** Ctrl+C: the task's programs see `signal.interrupted` and their waits end now. */
  interrupt(t: Task): void {
    if (t.done) return;
    t.signal.interrupted = true;
    if (t.timer !== undefined) this.timers.cancel(t.timer);
    this.wake(t);
  }

  /** Ends a task at once (SIGTERM/SIGKILL): its generators' finally blocks run, nothing else. */
  kill(t: Task, code = EXIT_SIGTERM): void {
    if (t.done) return;
    t.signal.killed = true;
    t.signal.interrupted = true;
    try {
      t.gen.return(code);
    } catch {
      /* a finally block that throws changes nothing: the task is gone */
    }
    this.finish(t, code);
  }

  /** Advances virtual time to the next timer (running it), if any; returns false when none is pending. */
  advanceToNextTimer(limit?: number): boolean {
    const next = this.timers.next();
    if (next === undefined) return false;
    const to = limit !== undefined ? Math.min(next, limit) : next;
    this.timers.advanceTo(Math.max(to, this.clock.now()));
    return true;
  }
}
