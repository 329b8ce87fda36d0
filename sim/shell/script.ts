/**
 * Running a file as a script (`./setup.sh`, `bash setup.sh`): the file's text runs in a new
 * shell whose messages are prefixed with the script's name. A `#!/bin/sh` line picks dash.
 */
import type { Wait } from './process.ts';
import { errPrefix, type Dialect, type ShellState } from './state.ts';
import { writeFd, type Io } from './io.ts';
import { resolvePath } from '../fs/fs.ts';
import { strerror } from '../fs/errors.ts';
import type { ExecEnv, ProcPlace } from './context.ts';
import { execSource } from './exec.ts';
import { newShell } from './new-shell.ts';

export function* runScriptFile(env: ExecEnv, sh: ShellState, path: string, argv: string[], io: Io, place: ProcPlace, interpreter?: Dialect): Generator<Wait, number, void> {
  const r = sh.fs.readFile(resolvePath(sh.cwd, path), { netnsId: sh.netnsId });
  if (!r.ok) {
    const why = r.errno === 'EISDIR' ? 'Is a directory' : strerror(r.errno);
    writeFd(io, 2, sh.dialect === 'dash' ? `${errPrefix(sh)}${path}: not found\n` : `${errPrefix(sh)}${path}: ${why}\n`);
    return r.errno === 'EISDIR' ? 126 : 127;
  }
  const dialect: Dialect = interpreter ?? (/^#!\s*\/(usr\/)?bin\/sh\b/.test(r.value) ? 'dash' : 'bash');
  const child = newShell(env.machine, {
    dialect,
    mode: { kind: 'script', name: path },
    name: path,
    args: argv.slice(1),
    cwd: place.cwd,
    env: place.env,
    netnsId: place.netnsId,
    fs: place.fs,
  });
  const entry = env.machine.procs.add({ pid: place.pid, ppid: sh.pid, argv: [dialect === 'dash' ? 'sh' : 'bash', path], netnsId: place.netnsId, taskId: env.taskId });
  child.pid = entry.pid;
  try {
    return yield* execSource(env, child, r.value, io);
  } finally {
    env.machine.procs.remove(entry.pid);
  }
}
