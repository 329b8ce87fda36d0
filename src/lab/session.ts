/**
 * LabSession: one simulated machine and its command log, shared by every widget of a lab
 * (terminal, topology view, editor, exercise panel). Widgets never touch the machine's
 * state except by running command lines (or saving a file) through the session; they learn
 * about changes from its stores.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { LabJob, LabMachine, MachineFactory } from './machine-port.ts';
import { baseFingerprint, clearLog, loadLog, saveLog, type KeyValueStore, type LogEntry } from './log.ts';
import type { World } from './lesson-schema.ts';
import { writeMachineFile, readMachineFile } from './machine-files.ts';

/** What a lab starts from. */
export interface LabConfig {
  /** Storage key: the lesson slug, or "sandbox". */
  id: string;
  world: World;
  setup: readonly string[];
  seed: number;
  /** The terminal's width when the session is created, so a replayed log prints as it did (COLUMNS). */
  columns?: number;
}

/** Where the session is. */
export type LabPhase = 'idle' | 'running';

/** Things a session tells its widgets that are events rather than state. */
export type LabEvent =
  /** Output of the running command, as the program wrote it ("\n" line ends). */
  | { type: 'output'; text: string }
  /** A widget (a "run" button, the editor) asks the terminal to type and run a line. */
  | { type: 'type'; line: string }
  /** The machine went back to the lesson's start. */
  | { type: 'reset' };

/** Real-time pacing of a job's virtual waits, so ping lines appear one per second. */
export interface Pacer {
  /** Waits about `ms` real milliseconds, or less if `signal` fires. */
  wait(ms: number, wake: AbortSignal): Promise<void>;
}

const realPacer: Pacer = {
  wait: (ms, wake) =>
    new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      wake.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      }, { once: true });
    }),
};

/** The line the simulator reads as end of input at the terminal (sim/machine.ts EOF_LINE). */
export const END_OF_INPUT = '\x04';

/** Longest real pause between two steps of a job. */
export const MAX_REAL_WAIT_MS = 1000;
/** Replaying a step-less entry stops (interrupts) after this many steps: a guard, never reached in practice. */
const REPLAY_STEP_LIMIT = 200_000;
/** The replayed transcript shown on reload is kept to this many characters. */
const TRANSCRIPT_LIMIT = 100_000;

/** A terminal width the shell can take: a positive whole number of columns, else none. */
function terminalWidth(columns: number | undefined): number | undefined {
  return columns !== undefined && Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

export class LabSession {
  private machine: LabMachine;
  private entries: LogEntry[];
  private base: string;
  private readonly listeners = new Set<(e: LabEvent) => void>();
  private readonly $phase = atom<LabPhase>('idle');
  private readonly $version = atom(0);
  private readonly $snapshot = atom<unknown>(undefined);
  private active: { job: LabJob; entry: { line: string; steps?: number }; steps: number; wake: AbortController } | undefined;
  /** The terminal's width, given to every machine this session makes (their shell's COLUMNS). */
  private columns: number | undefined;
  /** What the replayed log printed at boot: the terminal shows it so a reload looks continuous. */
  transcript = '';

  /** Idle or running a command. */
  readonly phase: ReadableAtom<LabPhase> = this.$phase;
  /** Increments after every command and file write: exercise checks re-evaluate on it. */
  readonly version: ReadableAtom<number> = this.$version;
  /** The machine's latest snapshot (`machine.snapshot()`), taken after every command. */
  readonly snapshot: ReadableAtom<unknown> = this.$snapshot;

  /** What the lab starts from (its setup changes when the learner draws a new fault). */
  get config(): LabConfig {
    return this.cfg;
  }

  constructor(
    private cfg: LabConfig,
    private readonly factory: MachineFactory,
    private readonly store: KeyValueStore | undefined,
    private readonly pacer: Pacer = realPacer,
    initialLog?: LogEntry[],
  ) {
    this.base = baseFingerprint(cfg.world, cfg.setup);
    this.columns = terminalWidth(cfg.columns);
    this.entries = initialLog ?? loadLog(store, cfg.id, this.base);
    if (initialLog) this.persist();
    this.machine = this.freshMachine();
    this.transcript = this.replay(this.machine, this.entries);
    this.refresh();
  }

  /** Listens to output, type requests and resets; returns the unsubscribe function. */
  on(listener: (e: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The log since the lesson's start (a copy). */
  log(): LogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /** Command lines of the log, oldest first: the terminal's history. */
  history(): string[] {
    return this.entries.flatMap((e) => ('line' in e && e.line !== END_OF_INPUT ? [e.line] : []));
  }

  /** The shell prompt, e.g. "root@host:~# ". */
  prompt(): string {
    return this.machine.prompt();
  }

  /**
   * True while typed lines go to a shell nested in the login shell (a container's, after
   * `docker run -it`): Ctrl+D then runs END_OF_INPUT, which ends it as end of input does.
   */
  nested(): boolean {
    return (this.machine.sessionDepth?.() ?? 0) > 0;
  }

  /** Tab completion candidates, as the simulator returns them. */
  complete(line: string, cursor: number): unknown {
    return this.machine.complete(line, cursor);
  }

  /** Reads a file of the machine (the editor opens it); undefined if absent. */
  readFile(path: string): string | undefined {
    return readMachineFile(this.machine, path);
  }

  /** Saves a file into the machine's file system and logs it, so a reload keeps it. */
  writeFile(path: string, content: string): void {
    writeMachineFile(this.machine, path, content);
    this.entries.push({ write: path, content });
    this.persist();
    this.refresh();
  }

  /**
   * The terminal's width changed (or was first measured): the shell's COLUMNS follows it, so
   * programs that fit their output to the screen (ss) use the real width instead of 80.
   */
  resize(columns: number): void {
    const width = terminalWidth(columns);
    if (width === undefined) return;
    this.columns = width;
    this.machine.setColumns?.(width);
  }

  /** Asks the terminal to type `line` and run it (what "run" buttons do). */
  type(line: string): void {
    this.emit({ type: 'type', line });
  }

  /**
   * Runs a command line, streaming its output as events and pacing its waits in real time.
   * Resolves with nothing when it ended (by itself or interrupted). Lines sent while another
   * runs are refused (the terminal does not submit then).
   */
  async run(line: string): Promise<void> {
    if (this.active) return;
    const entry: { line: string; steps?: number } = { line };
    this.entries.push(entry);
    const job = this.machine.start(line, (text) => this.emit({ type: 'output', text }));
    const wake = new AbortController();
    this.active = { job, entry, steps: 0, wake };
    this.$phase.set('running');
    let interrupted = false;
    let sinceYield = 0;
    try {
      while (!job.done) {
        if (!interrupted && this.active.wake.signal.aborted) {
          interrupted = true;
          entry.steps = this.active.steps;
          job.interrupt();
        }
        const wait = job.step();
        this.active.steps += 1;
        if (wait < 0) break;
        if (wait > 0) {
          sinceYield = 0;
          await this.pacer.wait(Math.min(wait, MAX_REAL_WAIT_MS), interrupted ? new AbortController().signal : wake.signal);
        } else if (++sinceYield >= 200) {
          // Long bursts of zero-time steps still let the page breathe.
          sinceYield = 0;
          await this.pacer.wait(0, wake.signal);
        }
      }
    } finally {
      this.active = undefined;
      this.persist();
      this.$phase.set('idle');
      this.refresh();
    }
  }

  /** Ctrl+C for the running command. */
  interrupt(): void {
    this.active?.wake.abort();
  }

  /** Saves the log now, recording a running job as interrupted where it is (page closing). */
  flush(): void {
    if (this.active && this.active.entry.steps === undefined) this.active.entry.steps = this.active.steps;
    this.persist();
  }

  /** Back to the lesson's start: a fresh machine and an empty log. */
  reset(): void {
    this.interrupt();
    this.active = undefined;
    this.entries = [];
    clearLog(this.store, this.config.id);
    this.machine = this.freshMachine();
    this.transcript = '';
    this.$phase.set('idle');
    this.refresh();
    this.emit({ type: 'reset' });
  }

  /**
   * Starts over from another start state (a different variant of the exercise): the lab's
   * setup becomes `setup`, the machine is fresh and the log empty, as after Reset.
   */
  restart(setup: readonly string[]): void {
    this.cfg = { ...this.cfg, setup: [...setup] };
    this.base = baseFingerprint(this.cfg.world, this.cfg.setup);
    this.reset();
  }

  /** The live machine (exercise state checks read it; nothing may change it but run()). */
  current(): LabMachine {
    return this.machine;
  }

  /** A fresh machine at the lab's start state (the lesson world and setup), for reference solutions. */
  startMachine(): LabMachine {
    return this.freshMachine();
  }

  /**
   * Builds a separate machine in the same state as this one (the lesson's start plus the
   * log), for checks that must not disturb the learner's machine.
   */
  replica(): LabMachine {
    const m = this.freshMachine();
    this.replay(m, this.entries);
    return m;
  }

  private freshMachine(): LabMachine {
    const m = this.factory({ seed: this.config.seed, world: this.config.world });
    for (const line of this.config.setup) drive(m.start(line, () => {}), undefined);
    if (this.columns !== undefined) m.setColumns?.(this.columns);
    return m;
  }

  /** Re-applies log entries to a machine; returns the transcript they print. */
  private replay(m: LabMachine, entries: readonly LogEntry[]): string {
    let text = '';
    for (const e of entries) {
      if ('write' in e) {
        writeMachineFile(m, e.write, e.content);
        continue;
      }
      // Ctrl+D echoes nothing: the shell's own reaction (ash: a newline) follows the prompt.
      text += e.line === END_OF_INPUT ? m.prompt() : m.prompt() + e.line + '\n';
      // The terminal echoes ^C where the interrupt came, before what the program prints then.
      drive(m.start(e.line, (out) => (text += out)), e.steps, () => (text += '^C'));
      if (text.length > TRANSCRIPT_LIMIT * 2) text = text.slice(-TRANSCRIPT_LIMIT);
    }
    return text.length > TRANSCRIPT_LIMIT ? text.slice(-TRANSCRIPT_LIMIT) : text;
  }

  private refresh(): void {
    this.$snapshot.set(this.machine.snapshot());
    this.$version.set(this.$version.get() + 1);
  }

  private persist(): void {
    saveLog(this.store, this.config.id, this.base, this.entries);
  }

  private emit(e: LabEvent): void {
    for (const l of this.listeners) l(e);
  }
}

/**
 * Steps a job without real waits; interrupts it after `interruptAfter` steps if given (or
 * after a guard limit, for a job that would never end).
 */
function drive(job: LabJob, interruptAfter: number | undefined, onInterrupt?: () => void): void {
  let steps = 0;
  const limit = interruptAfter ?? REPLAY_STEP_LIMIT;
  let interrupted = false;
  while (!job.done) {
    if (!interrupted && steps >= limit) {
      interrupted = true;
      onInterrupt?.();
      job.interrupt();
    }
    if (job.step() < 0) break;
    steps++;
    if (steps > limit + REPLAY_STEP_LIMIT) break;
  }
}
