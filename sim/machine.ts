/**
 * The simulated Linux machine: a kernel, a file system, a process table and a shell, all in
 * virtual time. `run(line)` runs a command line to completion; `start(line, onOutput)` lets a
 * terminal drive it step by step and interrupt it. Same seed + same lines = same bytes.
 */
import type { CaptureFile } from './shell/capture-file.ts';
import { createClock, type Clock } from './kernel/clock.ts';
import { createRng, type Rng } from './kernel/rng.ts';
import { TimerQueue } from './kernel/timers.ts';
import { createKernel, type Kernel } from './kernel/kernel.ts';
import { install as installNetfilter } from './kernel/netfilter/index.ts';
import { install as installTransport } from './kernel/transport/index.ts';
import { install as installDatapath } from './kernel/datapath/index.ts';
import { CommandRegistry, defaultCommands } from './commands/registry.ts';
import { createHostFs, type FileSystem } from './fs/index.ts';
import { ProcessTable } from './proc/table.ts';
import { Scheduler } from './proc/scheduler.ts';
import { Job } from './proc/job.ts';
import type { ShellState } from './shell/state.ts';
import { newShell } from './shell/new-shell.ts';
import { execSource } from './shell/exec.ts';
import { promptNotices, reapJobs } from './shell/builtins-shell/index.ts';
import type { Io, Sink } from './shell/io.ts';
import type { ExecEnv } from './shell/context.ts';
import { runModule } from './shell/context.ts';
import type { Program, Wait } from './shell/process.ts';
import { completeLine, type Completion } from './shell/complete.ts';
import { applyWorld } from './worlds/index.ts';
import { snapshot as takeSnapshot, type Snapshot } from './observe/snapshot.ts';

export { Job } from './proc/job.ts';
export type { Completion } from './shell/complete.ts';

/**
 * An interactive shell that took over the terminal (`docker run -it`, `docker exec -it`):
 * while it is the innermost session, typed lines run in its shell and prompt() is its prompt.
 */
export interface TerminalSession {
  readonly shell: ShellState;
  /** The prompt its shell prints (BusyBox ash: `/ # `). */
  prompt(): string;
  /** What the shell prints when it reads end of input (Ctrl+D) before it exits. */
  readonly eofText: string;
  /** What it prints when `exit` ends it (bash: "exit"; ash: nothing). */
  readonly exitText: string;
  /** Runs once when the session ends with `code`; returns the status the outer shell's `$?` gets. */
  ended(code: number): number;
  /** False once what holds the session went away (its container stopped): it is then dropped. */
  alive(): boolean;
}

/** A typed line that stands for end of input at the terminal (Ctrl+D on an empty line). */
export const EOF_LINE = '\x04';

export interface MachineOptions {
  /** Seed of the random generator (MACs, ports, ids). */
  seed?: number;
  /** Starting machine: 'bare' (a fresh namespace), 'host' (default), 'docker-host', ... */
  world?: string;
}

export interface RunResult {
  /** stdout and stderr merged in the order they were written. */
  output: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  /**
   * 'interactive' (default): the machine's own shell, whose cwd, variables and history last.
   * 'bash-c': a fresh `bash -c LINE` in /root, as record-real runs each scenario line.
   */
  mode?: 'interactive' | 'bash-c';
  /** Virtual time after which a foreground job is interrupted as by Ctrl+C (default 10 min). */
  timeCapMs?: number;
  /**
   * With mode 'bash-c': the network namespace (internal id) the shell runs in, e.g. a world's
   * hidden machine that `ip netns exec` cannot name. Exercise probes use it.
   */
  netnsId?: number;
  /**
   * With mode 'bash-c': the file the line's output goes to, shared across lines as
   * record-real's temp file is (see CaptureFile). The result's `output` is then the file's
   * content when the line ends, background jobs' writes included.
   */
  captureFile?: CaptureFile;
}

/** Scheduler resumes after which run() interrupts a command (a loop that never waits). */
const RESUME_CAP = 20_000;
const DEFAULT_CAP_MS = 600_000;
const HOME = '/root';

export class Machine {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly timers: TimerQueue;
  readonly kernel: Kernel;
  readonly fs: FileSystem;
  readonly procs = new ProcessTable();
  readonly commands: CommandRegistry;
  readonly scheduler: Scheduler;
  /** The interactive shell behind prompt(), history and `run` in interactive mode. */
  readonly shell: ShellState;
  /** Receives background jobs' output written while no foreground job runs. */
  onBackgroundOutput?: (text: string) => void;
  private current?: (fd: number, text: string) => void;
  /** Nested terminal sessions, innermost last (see TerminalSession). */
  private readonly sessions: TerminalSession[] = [];
  private pending = '';
  readonly hostname: string;
  /** The world the machine started from. */
  readonly world: string;

  constructor(opts: MachineOptions = {}) {
    this.clock = createClock();
    this.rng = createRng(opts.seed ?? 1);
    this.timers = new TimerQueue(this.clock);
    this.kernel = createKernel({ clock: this.clock, rng: this.rng, timers: this.timers });
    installNetfilter(this.kernel);
    installTransport(this.kernel);
    installDatapath(this.kernel);
    this.scheduler = new Scheduler(this.timers, this.clock);
    this.commands = new CommandRegistry(defaultCommands());
    this.hostname = 'host';
    const k = this.kernel;
    this.fs = createHostFs({
      hostname: this.hostname,
      sysctl: {
        get: (ns, key) => k.sysctlGet(ns, key),
        set: (ns, key, v) => {
          const r = k.sysctlSet(ns, key, v);
          return r.ok ? undefined : r.error.errno;
        },
        keys: (ns) => k.sysctlKeys(ns),
      },
      netnsNames: () => k.netnsList().map((n) => n.name!).reverse(),
    });
    this.procs.add({ argv: ['/sbin/init'], netnsId: 0, ppid: 0, taskId: 0 });
    this.shell = newShell(this, { dialect: 'bash', mode: { kind: 'interactive' }, name: 'bash', cwd: HOME, env: baseEnv(this.hostname), netnsId: 0, fs: this.fs });
    this.procs.add({ pid: this.shell.pid, argv: ['-bash'], netnsId: 0, ppid: 1, taskId: 0 });
    this.shell.vars.set('HOSTNAME', this.hostname);
    this.world = opts.world ?? 'host';
    applyWorld(this.kernel, this.world);
  }

  /** Makes `s` the innermost terminal session: the next typed lines run in its shell. */
  enterSession(s: TerminalSession): void {
    this.sessions.push(s);
  }

  /** How many sessions are nested in the login shell (0: typing into the host's bash). */
  get sessionDepth(): number {
    this.dropDeadSessions();
    return this.sessions.length;
  }

  /** The shell typed lines go to: the innermost live session's, else the login shell. */
  private typingShell(): ShellState {
    this.dropDeadSessions();
    return this.sessions[this.sessions.length - 1]?.shell ?? this.shell;
  }

  private dropDeadSessions(): void {
    while (this.sessions.length && !this.sessions[this.sessions.length - 1].alive()) this.sessions.pop();
  }

  /** Ends the innermost session with `code`; the shell around it gets the status it reports. */
  private leaveSession(code: number): void {
    const s = this.sessions.pop();
    if (!s) return;
    const outer = this.sessions[this.sessions.length - 1]?.shell ?? this.shell;
    outer.status = s.ended(code);
  }

  /** Command lines typed into the interactive shell, oldest first. */
  get history(): string[] {
    return this.shell.history;
  }

  /** Where the terminal's file descriptors write: the foreground job, or the pending buffer. */
  private terminal(fd: number, tty: boolean): Sink {
    return {
      tty,
      write: (text: string) => {
        if (this.current) this.current(fd, text);
        else if (this.onBackgroundOutput) this.onBackgroundOutput(text);
        else this.pending += text;
        return undefined;
      },
    };
  }

  /** Starts a command line as the foreground job; output streams to `onOutput`. */
  start(line: string, onOutput: (text: string) => void, opts: RunOptions = {}, onFd?: (fd: number, text: string) => void): Job {
    const write = (fd: number, text: string) => {
      onOutput(text);
      onFd?.(fd, text);
    };
    const interactive = (opts.mode ?? 'interactive') === 'interactive';
    const sh = interactive
      ? this.typingShell()
      : newShell(this, { dialect: 'bash', mode: { kind: 'c' }, name: 'bash', cwd: HOME, env: baseEnv(this.hostname), netnsId: opts.netnsId ?? 0, fs: this.fs });
    if (interactive) {
      const t = line.trim();
      if (t && line !== EOF_LINE && !line.startsWith(' ') && sh.history[sh.history.length - 1] !== line) sh.history.push(line);
    }
    const signal = { interrupted: false };
    const env: ExecEnv = { machine: this, signal, taskId: 0 };
    // Where this line's packets start in the trace, for `trace` and the journey view.
    const mark = this.kernel.trace.beginCommand(line);
    // record-real runs `bash -c LINE >file`: there, stdout is a file and not a terminal.
    // A bash -c line's background jobs write to a file record-real has already read: once the
    // line is over, their output leaves this result; with a captureFile it lands in the line
    // that is running when they write, as in record-real.
    let lineOver = false;
    const desc = opts.captureFile?.openTruncated();
    const fileSink = (fd: number): Sink => ({
      write: (t) => {
        desc?.write(t);
        if (!lineOver) write(fd, t);
        return undefined;
      },
    });
    const io: Io = { stdin: '', fds: new Map(interactive ? [[1, this.terminal(1, true)], [2, this.terminal(2, true)]] : [[1, fileSink(1)], [2, fileSink(2)]]) };
    const self = this;
    const gen = (function* (): Generator<Wait, number, void> {
      const notices = reapJobs(self.shell);
      if (notices && interactive) io.fds.get(1)!.write(notices);
      const session = interactive ? self.sessions[self.sessions.length - 1] : undefined;
      if (interactive && line === EOF_LINE) {
        // End of input: a nested shell exits with its last status; the login shell stays.
        if (session) {
          io.fds.get(2)!.write(session.eofText);
          self.leaveSession(sh.status);
        }
        return sh.status;
      }
      const code = yield* execSource(env, sh, line, io);
      // bash reports jobs it reaped while reading this line just before its next prompt.
      const late = interactive ? promptNotices(self.shell) : '';
      if (late) io.fds.get(1)!.write(late);
      if (interactive && sh.exitRequested !== undefined) {
        // bash says "exit" as it leaves; a nested session's shell (ash) says nothing.
        if (session?.shell === sh) {
          io.fds.get(2)!.write(session.exitText);
          self.leaveSession(code);
        } else io.fds.get(2)!.write('exit\n');
        sh.exitRequested = undefined;
      }
      sh.loopCtl = undefined;
      sh.status = code;
      return code;
    })();
    const task = this.scheduler.add(gen, signal);
    env.taskId = task.id;
    if (this.pending) {
      const p = this.pending;
      this.pending = '';
      write(1, p);
    }
    const prev = this.current;
    this.current = write;
    return new Job(task, this.scheduler, this.timers, this.clock, () => {
      lineOver = true;
      this.kernel.trace.endCommand(mark);
      if (this.current === write) this.current = prev;
      if (task.signal.interrupted && interactive) sh.status = task.exitCode;
    });
  }

  /** Runs a command line to completion in virtual time; a job that would never end is interrupted. */
  run(line: string, opts: RunOptions = {}): RunResult {
    const r: RunResult = { output: '', stdout: '', stderr: '', exitCode: 0 };
    const job = this.start(line, (t) => (r.output += t), opts, (fd, t) => {
      if (fd === 2) r.stderr += t;
      else r.stdout += t;
    });
    const deadline = this.clock.now() + (opts.timeCapMs ?? DEFAULT_CAP_MS);
    let interrupted = false;
    let afterInterrupt = 0;
    while (!job.done) {
      const w = job.step();
      if (job.done) break;
      if (interrupted) {
        if (++afterInterrupt > 1000) job.kill();
        continue;
      }
      if (job.blocked || this.clock.now() + w > deadline || job.resumes > RESUME_CAP) {
        if (!job.blocked && this.clock.now() < deadline && this.clock.now() + w > deadline) this.timers.advanceTo(deadline);
        job.interrupt();
        interrupted = true;
      }
    }
    r.exitCode = job.exitCode;
    if (opts.captureFile && opts.mode === 'bash-c') r.output = opts.captureFile.read();
    return r;
  }

  /** Lets `ms` of virtual time pass with no foreground job (background jobs and timers run). */
  idle(ms: number): void {
    const until = this.clock.now() + ms;
    for (let guard = 0; guard < 100000; guard++) {
      this.scheduler.runReady(5000);
      const next = this.timers.next();
      if (next === undefined || next > until) break;
      this.timers.advanceTo(next);
    }
    this.timers.advanceTo(until);
    this.scheduler.runReady(5000);
  }

  /**
   * Starts a long-running program (a daemon, a container's main process) as its own task
   * with a pid; its output goes to `onOutput` or nowhere. Returns the pid.
   */
  spawnDaemon(argv: string[], program: Program, o: { netnsId: number; fs?: FileSystem; onOutput?: (text: string) => void }): number {
    const signal = { interrupted: false };
    const env: ExecEnv = { machine: this, signal, taskId: 0 };
    const sink: Sink = { write: (t) => (o.onOutput?.(t), undefined) };
    const pid = this.procs.allocPid();
    const gen = runModule(env, { name: argv[0], run: program }, argv, { stdin: '', fds: new Map([[1, sink], [2, sink]]) }, { netnsId: o.netnsId, fs: o.fs ?? this.fs, cwd: '/', env: new Map(), pid });
    env.taskId = this.scheduler.add(gen, signal).id;
    return pid;
  }

  /** Ends the task of a process (SIGTERM by default); false when no such process. */
  killPid(pid: number, code = 143): boolean {
    const p = this.procs.get(pid);
    const t = p && this.scheduler.live.find((x) => x.id === p.taskId);
    if (!t) return false;
    this.scheduler.kill(t, code);
    return true;
  }

  /** The whole machine as plain JSON (sim/observe/snapshot.ts). */
  snapshot(): Snapshot {
    return takeSnapshot(this.kernel);
  }

  /** The interactive prompt, e.g. `root@host:~# `, following the shell's cwd; a nested session's own prompt. */
  prompt(): string {
    this.dropDeadSessions();
    const inner = this.sessions[this.sessions.length - 1];
    if (inner) return inner.prompt();
    const cwd = this.shell.cwd;
    const shown = cwd === HOME ? '~' : cwd.startsWith(HOME + '/') ? '~' + cwd.slice(HOME.length) : cwd;
    return `root@${this.hostname}:${shown}# `;
  }

  /**
   * The terminal's width in columns, as the browser's terminal reports it. bash sets COLUMNS
   * from the tty's size; it is exported here because the simulated tty has no TIOCGWINSZ and
   * programs that fit their output to the screen (ss) read the width from their environment.
   */
  setColumns(cols: number): void {
    if (!Number.isInteger(cols) || cols <= 0) return;
    this.shell.vars.set('COLUMNS', String(cols));
    this.shell.exported.add('COLUMNS');
  }

  /** Tab completion at `cursor`: the span of the word being completed and its candidates. */
  complete(line: string, cursor: number = line.length): Completion {
    return completeLine(this, line, cursor);
  }
}

/** The environment a root login shell on Debian 12 has. */
function baseEnv(_hostname: string): Map<string, string> {
  return new Map([
    ['HOME', HOME],
    ['LANG', 'C.UTF-8'],
    ['LOGNAME', 'root'],
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['PWD', HOME],
    ['SHELL', '/bin/bash'],
    ['SHLVL', '1'],
    ['TERM', 'xterm-256color'],
    ['USER', 'root'],
  ]);
}

/** Creates a machine (see MachineOptions). */
export function createMachine(opts: MachineOptions = {}): Machine {
  return new Machine(opts);
}
