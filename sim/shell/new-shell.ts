/** Creating a shell's state for `bash -c`, `sh`, scripts and the machine's interactive shell. */
import type { Machine } from '../machine.ts';
import type { FileSystem } from '../fs/fs.ts';
import type { Dialect, ShellMode, ShellState } from './state.ts';

export interface NewShellOptions {
  dialect: Dialect;
  mode: ShellMode;
  name: string;
  args?: string[];
  cwd: string;
  /** The environment it inherits; every entry is exported. */
  env: Map<string, string>;
  netnsId: number;
  fs: FileSystem;
  pid?: number;
}

export function newShell(m: Machine, o: NewShellOptions): ShellState {
  const vars = new Map(o.env);
  vars.set('PWD', o.cwd);
  return {
    dialect: o.dialect,
    mode: o.mode,
    name: o.name,
    args: o.args ?? [],
    cwd: o.cwd,
    vars,
    exported: new Set(o.env.keys()),
    status: 0,
    line: 1,
    jobs: [],
    netnsId: o.netnsId,
    fs: o.fs,
    pid: o.pid ?? m.procs.allocPid(),
    history: [],
  };
}
