/**
 * The contract between the shell and every program (a command module, a builtin, a
 * background daemon). A program is a generator: it writes output through its context and
 * yields a Wait whenever it needs time to pass or must block; its return value is the exit
 * status. It never throws to print: bad input is written to stderr with the real tool's text
 * and answered with the real tool's exit code.
 *
 * Generators let one program run to completion under Node (virtual time jumps ahead) and,
 * in the browser, stream output line by line and be interrupted (Ctrl+C) between yields.
 */
import type { Machine } from '../machine.ts';
import type { FileSystem } from '../fs/fs.ts';

/** What a program waits for. */
export type Wait =
  /** Let `ms` of virtual time pass (ping's interval, `sleep`). */
  | { kind: 'sleep'; ms: number }
  /**
   * Block until `ready()` is true (re-checked whenever anything on the machine ran) or until
   * `timeoutMs` elapsed, whichever comes first. With no timeout, it may block forever; only
   * an interrupt ends it then.
   */
  | { kind: 'until'; ready: () => boolean; timeoutMs?: number };

export interface Signal {
  /** Set when the user pressed Ctrl+C (SIGINT) or the job was killed. */
  interrupted: boolean;
  /** Set when the process was killed outright (SIGTERM/SIGKILL): stop without printing. */
  killed?: boolean;
}

export interface SpawnOptions {
  /** Run in this network namespace (internal id) instead of the caller's. */
  netnsId?: number;
  stdin?: string;
  env?: Record<string, string>;
  /** Run with this root file system view instead of the caller's (a container's own /etc). */
  fs?: FileSystem;
}

export interface ProcContext {
  /** argv[0] is the command name as typed. */
  readonly argv: string[];
  /** Environment (PATH-less: commands are looked up in the registry). */
  readonly env: Map<string, string>;
  /** Whole standard input (pipes run their stages in order). Empty string if none. */
  readonly stdin: string;
  /** Append to standard output / standard error; order between the two is kept. */
  out(text: string): void;
  err(text: string): void;
  /** The machine the process runs on. */
  readonly machine: Machine;
  /** Internal id of the network namespace the process runs in (0 = the host's). */
  readonly netnsId: number;
  /** Process id in the machine's process table. */
  readonly pid: number;
  readonly signal: Signal;
  /** True when stdout is the terminal (ping and ls-like tools change format in pipes). */
  readonly isTTY: boolean;
  /** The file system as this process sees it (the host's, or a container's); defaults to machine.fs. */
  readonly fs?: FileSystem;
  /** Working directory, for relative paths; defaults to "/". */
  readonly cwd?: string;
  /** Runs another program as a child, sharing this process's output; yields its exit code. */
  spawn(argv: string[], opts?: SpawnOptions): Generator<Wait, number, void>;
  /** Runs a shell command line (sh -c, bash -c); yields its exit code. */
  sh(line: string, opts?: SpawnOptions): Generator<Wait, number, void>;
}

export type Program = (ctx: ProcContext) => Generator<Wait, number, void>;

/** A registered command: its name and its program. */
export interface CommandModule {
  name: string;
  /** Other names that run the same program (e.g. `iptables-legacy`). */
  aliases?: string[];
  run: Program;
  /** For tab completion: subcommands and options, as data. */
  complete?: (argv: string[], ctx: { machine: Machine; netnsId: number }) => string[];
}

/** Helpers for programs. */
export const sleep = (ms: number): Wait => ({ kind: 'sleep', ms });
export const until = (ready: () => boolean, timeoutMs?: number): Wait => ({ kind: 'until', ready, timeoutMs });
