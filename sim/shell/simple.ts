/**
 * Simple commands: expansion, assignments, redirections, then lookup in the order bash
 * uses: shell builtins, then programs (the command registry, also reached through
 * /bin/NAME-style paths), then script files; else "command not found" (127).
 */
import type { Command } from './parse/ast.ts';
import type { Wait } from './process.ts';
import { envOf, errPrefix, type ShellState } from './state.ts';
import { writeFd, type Io } from './io.ts';
import { applyRedirs } from './redirect.ts';
import { expandWord } from './expand.ts';
import { expandOne, substRunner } from './exec.ts';
import { runModule, type ExecEnv } from './context.ts';
import { shellBuiltins, SHELL_FLAVOURED } from './builtins-shell/index.ts';
import { resolvePath } from '../fs/fs.ts';
import { runScriptFile } from './script.ts';
import { callFunction } from './functions.ts';
import { noticeJobs } from './builtins-shell/jobs.ts';

const BIN_DIRS = ['/bin/', '/usr/bin/', '/sbin/', '/usr/sbin/', '/usr/local/bin/', '/usr/local/sbin/'];

export function* execSimple(env: ExecEnv, sh: ShellState, c: Extract<Command, { type: 'simple' }>, io: Io): Generator<Wait, number, void> {
  sh.line = c.line;
  const rand = () => env.machine.rng.int(0, 32767);
  sh.substStatus = undefined;
  const argv: string[] = [];
  for (const w of c.words) argv.push(...(yield* expandWord(sh, w, substRunner(env, sh, io), rand)));
  const assigns = new Map<string, string>();
  for (const a of c.assigns) assigns.set(a.name, yield* expandOne(env, sh, a.value, io));
  const substStatus = sh.substStatus;
  const rio = yield* applyRedirs(sh, c.redirs, io, (w) => expandOne(env, sh, w, io));
  if (typeof rio === 'number') return rio;
  if (!argv.length) {
    for (const [k, v] of assigns) sh.vars.set(k, v);
    return substStatus ?? 0;
  }
  // A function hides a builtin or program of the same name; `builtin NAME` skips functions.
  const fn = sh.funcs?.get(argv[0]);
  if (fn) return yield* callFunction(env, sh, fn, argv, assigns, rio);
  if (argv[0] === 'builtin') {
    argv.shift();
    if (!argv.length) return 0;
    if (!shellBuiltins.has(argv[0]) && !SHELL_FLAVOURED.has(argv[0])) {
      writeFd(rio, 2, `${errPrefix(sh)}builtin: ${argv[0]}: not a shell builtin\n`);
      return 1;
    }
  }
  const name = argv[0];
  const builtin = shellBuiltins.get(name);
  if (builtin) return yield* builtin({ env, sh, argv, io: rio, assigns });
  const m = env.machine;
  const commands = sh.commands ?? m.commands;
  const place = { netnsId: sh.netnsId, fs: sh.fs, cwd: sh.cwd, env: envOf(sh, assigns), pid: takePid(sh) };
  if (SHELL_FLAVOURED.has(name)) {
    // echo, printf, test...: the shell's own version, with the shell's message prefix.
    const mod = commands.get(name);
    if (mod) return yield* runModule(env, mod, argv, rio, { ...place, shell: sh });
  }
  let mod = commands.get(name);
  if (!mod && name.includes('/')) {
    const dir = BIN_DIRS.find((d) => name.startsWith(d) && !name.slice(d.length).includes('/'));
    if (dir) mod = commands.get(name.slice(dir.length));
    if (!mod) return reaped(sh, io, yield* runScriptFile(env, sh, name, argv, rio, place));
  }
  if (mod) return reaped(sh, io, yield* runModule(env, mod, argv, rio, place));
  writeFd(rio, 2, sh.dialect === 'dash' ? `${errPrefix(sh)}${name}: not found\n` : `${errPrefix(sh)}${name}: command not found\n`);
  return 127;
}

/** After waiting for a foreground program the shell reaps ended background jobs too, and says so. */
function reaped(sh: ShellState, io: Io, status: number): number {
  const notes = noticeJobs(sh);
  if (notes) writeFd(io, 2, notes);
  return status;
}

/** The pid reserved by `&` goes to the first process the job starts. */
function takePid(sh: ShellState): number | undefined {
  const p = sh.reservedPid;
  sh.reservedPid = undefined;
  return p;
}

export { resolvePath };
