/**
 * Builds the ProcContext a program runs with, and runs registered programs as processes:
 * a pid in the process table for the program's lifetime, output through the caller's file
 * descriptors, children through spawn() and sh().
 */
import type { Machine } from '../machine.ts';
import type { FileSystem } from '../fs/fs.ts';
import type { Errno } from '../kernel/errno.ts';
import type { CommandModule, ProcContext, Signal, SpawnOptions, Wait } from './process.ts';
import type { Io } from './io.ts';
import type { ShellState } from './state.ts';

/** What runs a process: where it lives and what it may touch. */
export interface ExecEnv {
  machine: Machine;
  signal: Signal;
  taskId: number;
}

export interface ProcPlace {
  netnsId: number;
  fs: FileSystem;
  cwd: string;
  env: Map<string, string>;
  /** Pid to use instead of allocating one (fork + exec keeps the pid). */
  pid?: number;
  /** Set when a shell runs the program as its builtin (echo, printf, kill...). */
  shell?: ShellState;
}

const writeErrors = new WeakMap<ProcContext, Errno>();
const shells = new WeakMap<ProcContext, ShellState>();

/** The last write error on stdout (EINVAL from /proc/sys), for tools that report it. */
export const stdoutError = (ctx: ProcContext): Errno | undefined => writeErrors.get(ctx);
/** The shell that runs this program as a builtin, if any (messages then carry its prefix). */
export const builtinShell = (ctx: ProcContext): ShellState | undefined => shells.get(ctx);

/** Runs a module as a process with its own pid; yields its exit status. */
export function* runModule(env: ExecEnv, mod: CommandModule, argv: string[], io: Io, place: ProcPlace): Generator<Wait, number, void> {
  const m = env.machine;
  const entry = m.procs.add({ pid: place.pid, ppid: place.shell?.pid ?? 1, argv, netnsId: place.netnsId, taskId: env.taskId });
  const ctx = makeContext(env, argv, io, place, entry.pid);
  try {
    return yield* mod.run(ctx);
  } finally {
    m.procs.remove(entry.pid);
  }
}

/** The context object handed to a program. */
export function makeContext(env: ExecEnv, argv: string[], io: Io, place: ProcPlace, pid: number): ProcContext {
  const m = env.machine;
  const fd1 = io.fds.get(1);
  const ctx: ProcContext = {
    argv,
    env: place.env,
    stdin: io.stdin,
    out(text: string) {
      const s = io.fds.get(1);
      const e = s ? s.write(text) : 'EINVAL';
      if (e) writeErrors.set(ctx, e);
    },
    err(text: string) {
      io.fds.get(2)?.write(text);
    },
    machine: m,
    netnsId: place.netnsId,
    pid,
    signal: env.signal,
    isTTY: !!fd1?.tty,
    fs: place.fs,
    cwd: place.cwd,
    *spawn(childArgv: string[], opts?: SpawnOptions) {
      const mod = m.commands.get(childArgv[0] ?? '');
      if (!mod) return 127;
      const cio: Io = { stdin: opts?.stdin ?? io.stdin, fds: io.fds };
      const cenv = opts?.env ? new Map([...place.env, ...Object.entries(opts.env)]) : place.env;
      return yield* runModule(env, mod, childArgv, cio, {
        netnsId: opts?.netnsId ?? place.netnsId,
        fs: opts?.fs ?? place.fs,
        cwd: place.cwd,
        env: cenv,
      });
    },
    *sh(line: string, opts?: SpawnOptions) {
      return yield* ctx.spawn(['bash', '-c', line], opts);
    },
  };
  if (place.shell) shells.set(ctx, place.shell);
  return ctx;
}
