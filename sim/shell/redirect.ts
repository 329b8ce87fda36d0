/**
 * Applies a command's redirections to a copy of its file descriptors, opening files the
 * way the shell does before the command runs. A failure prints the shell's own message
 * and the command does not run.
 */
import type { Redir } from './parse/ast.ts';
import type { Wait } from './process.ts';
import { errPrefix, type ShellState } from './state.ts';
import { cloneIo, writeFd, type Io, type Sink } from './io.ts';
import { resolvePath } from '../fs/fs.ts';
import { strerror } from '../fs/errors.ts';
import type { Errno } from '../kernel/errno.ts';

export type Expand1 = (w: Redir['target']) => Generator<Wait, string, void>;

/** Returns the new Io, or the exit status after printing why a redirection failed. */
export function* applyRedirs(sh: ShellState, redirs: Redir[], io: Io, expand: Expand1): Generator<Wait, Io | number, void> {
  if (!redirs.length) return io;
  const out = cloneIo(io);
  const caller = { netnsId: sh.netnsId };
  const fail = (target: string, e: Errno, forInput: boolean): number => {
    if (sh.dialect === 'dash') {
      const why = forInput ? (e === 'ENOENT' ? 'No such file' : strerror(e)) : e === 'ENOENT' ? 'Directory nonexistent' : strerror(e);
      writeFd(io, 2, `${errPrefix(sh)}cannot ${forInput ? 'open' : 'create'} ${target}: ${why}\n`);
      return 2;
    }
    writeFd(io, 2, `${errPrefix(sh)}${target}: ${strerror(e)}\n`);
    return 1;
  };
  const openOut = (target: string, append: boolean): Sink | Errno => {
    const w = sh.fs.open(resolvePath(sh.cwd, target), append, caller);
    if (!w.ok) return w.errno;
    const write = w.value;
    return { write: (t: string) => { const r = write(t); return r.ok ? undefined : r.errno; } };
  };
  for (const r of redirs) {
    const target = yield* expand(r.target);
    switch (r.op) {
      case '>':
      case '>>':
      case '&>':
      case '&>>': {
        if (target === '') return ambiguous(sh, io, r);
        const s = openOut(target, r.op.endsWith('>>'));
        if (typeof s === 'string') return fail(target, s, false);
        out.fds.set(r.fd, s);
        if (r.op.startsWith('&')) out.fds.set(2, s);
        break;
      }
      case '>&':
      case '<&': {
        if (target === '-') out.fds.delete(r.fd);
        else if (/^[0-9]+$/.test(target)) {
          const src = out.fds.get(Number(target));
          if (!src && r.op === '>&') {
            writeFd(io, 2, `${errPrefix(sh)}${target}: Bad file descriptor\n`);
            return 1;
          }
          if (src) out.fds.set(r.fd, src);
        } else if (r.op === '>&') {
          // `>&file` is `&>file` in bash.
          const s = openOut(target, false);
          if (typeof s === 'string') return fail(target, s, false);
          out.fds.set(1, s);
          out.fds.set(2, s);
        }
        break;
      }
      case '<': {
        const data = sh.fs.readFile(resolvePath(sh.cwd, target), caller);
        if (!data.ok) {
          if (data.errno === 'EISDIR') break; // reading a directory fails later, in the program
          return fail(target, data.errno, true);
        }
        if (r.fd === 0) out.stdin = data.value;
        break;
      }
      case '<<<':
        out.stdin = target + '\n';
        break;
      case '<<':
        out.stdin = target;
        break;
    }
  }
  return out;
}

function ambiguous(sh: ShellState, io: Io, r: Redir): number {
  writeFd(io, 2, `${errPrefix(sh)}${r.target.raw}: ambiguous redirect\n`);
  return 1;
}
