/**
 * A shell's state: dialect (bash or Debian's dash), how it reports errors (interactive,
 * `-c`, script), variables, cwd, last status, jobs. `bash -c` and subshells get copies.
 */
import type { FileSystem } from '../fs/fs.ts';
import type { Task } from '../proc/scheduler.ts';
import type { CommandModule } from './process.ts';
import type { Command } from './parse/ast.ts';

export type Dialect = 'bash' | 'dash';

/** How the shell was started, which decides its message prefix. */
export type ShellMode = { kind: 'interactive' } | { kind: 'c' } | { kind: 'script'; name: string };

/** A background job (`cmd &`). */
export interface ShellJob {
  id: number;
  pid: number;
  text: string;
  task: Task;
  /** Printed as Done/Exit N/Terminated once, by an interactive shell. */
  notified: boolean;
  /**
   * The shell has reaped the job's end (bash learns of it when it next waits for a child or
   * reads a command line); until then `jobs` still says Running.
   */
  noticed?: boolean;
}

export interface ShellState {
  dialect: Dialect;
  mode: ShellMode;
  /** $0 */
  name: string;
  /** $1.. */
  args: string[];
  cwd: string;
  vars: Map<string, string>;
  exported: Set<string>;
  status: number;
  /** Line of the command being run, for "line N:" in messages. */
  line: number;
  jobs: ShellJob[];
  /** $! */
  lastBgPid?: number;
  /** Exit statuses of background jobs reaped already, by pid, for `wait PID`. */
  reapedStatus?: Map<number, number>;
  netnsId: number;
  fs: FileSystem;
  /** $$ */
  pid: number;
  /** Set by `exit`: stop running the list and return this status. */
  exitRequested?: number;
  history: string[];
  /** A pid reserved for the first process this (sub)shell starts: fork+exec keeps the pid. */
  reservedPid?: number;
  /** Status of the last command substitution of the command being expanded (`X=$(false)` gives 1). */
  substStatus?: number;
  /** Set inside loops by `break` and `continue`. */
  loopCtl?: 'break' | 'continue';
  /**
   * BusyBox ash (a container's shell): POSIX like dash, but its messages read
   * "$0: NAME: not found" when interactive (ash_vmsg prints no line number then).
   */
  ash?: boolean;
  /** The programs this shell can find (a container image's); the machine's registry if unset. */
  commands?: { get(name: string): CommandModule | undefined };
  /** Shell functions by name (`f() { ...; }`); a subshell gets a copy. */
  funcs?: Map<string, FuncDef>;
  /** The functions being run, innermost last ($FUNCNAME, `local`, `return`). */
  funcStack?: string[];
  /** One frame per running function: the values `local` saved, restored when it returns. */
  localFrames?: Map<string, string | undefined>[];
  /** Set by `return`: stop running the function's body with this status. */
  returnCtl?: number;
}

/** A defined function: its body is a compound command (with the redirections it was defined with). */
export interface FuncDef {
  name: string;
  body: Command;
}

/** A copy for a subshell: `( )`, pipeline stages, `&` jobs, command substitution. */
export function subshell(sh: ShellState): ShellState {
  return {
    ...sh,
    vars: new Map(sh.vars),
    exported: new Set(sh.exported),
    args: [...sh.args],
    jobs: [],
    exitRequested: undefined,
    reservedPid: undefined,
    funcs: sh.funcs && new Map(sh.funcs),
    funcStack: sh.funcStack && [...sh.funcStack],
    localFrames: sh.localFrames?.map((f) => new Map(f)),
    returnCtl: undefined,
  };
}

/** The prefix of the shell's own error messages: "bash: ", "bash: line 1: ", "sh: 1: ". */
export function errPrefix(sh: ShellState): string {
  if (sh.ash && sh.mode.kind === 'interactive') return `${sh.name}: `;
  if (sh.dialect === 'dash') return `${sh.mode.kind === 'script' ? sh.mode.name : sh.name}: ${sh.line}: `;
  switch (sh.mode.kind) {
    case 'interactive':
      return 'bash: ';
    case 'c':
      // bash -c names the source of a function's commands "environment" (it has no file name).
      return sh.funcStack?.length ? `environment: line ${sh.line}: ` : `bash: line ${sh.line}: `;
    case 'script':
      return `${sh.mode.name}: line ${sh.line}: `;
  }
}

/** Environment passed to a program: exported variables plus per-command assignments. */
export function envOf(sh: ShellState, extra?: Map<string, string>): Map<string, string> {
  const env = new Map<string, string>();
  for (const k of sh.exported) {
    const v = sh.vars.get(k);
    if (v !== undefined) env.set(k, v);
  }
  for (const [k, v] of extra ?? []) env.set(k, v);
  return env;
}
