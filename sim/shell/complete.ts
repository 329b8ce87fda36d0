/**
 * Tab completion: the first word of a command completes against builtins and the command
 * registry; later words against the command module's `complete(argv)` (argv holds the words
 * so far, the partial word last) and, for words with a `/`, against file names.
 */
import type { Machine } from '../machine.ts';
import { shellBuiltinNames } from './builtins-shell/index.ts';
import { resolvePath } from '../fs/fs.ts';

export interface Completion {
  /** The word being completed is line.slice(from, to). */
  from: number;
  to: number;
  /** Whole replacement words, sorted, without duplicates. */
  candidates: string[];
}

export function completeLine(m: Machine, line: string, cursor: number): Completion {
  const head = line.slice(0, cursor);
  // The current command starts after the last separator.
  const sepAt = Math.max(-1, ...['|', ';', '&', '(', '`'].map((s) => head.lastIndexOf(s)));
  const cmd = head.slice(sepAt + 1);
  const words = cmd.split(/[ \t]+/).filter((w, i, a) => w !== '' || i === a.length - 1);
  if (words[0] === '') words.shift();
  const current = words.length ? words[words.length - 1] : '';
  const from = cursor - current.length;
  let pool: string[];
  if (words.length <= 1) pool = [...shellBuiltinNames(), ...m.commands.names()];
  else {
    const mod = m.commands.get(words[0]);
    let extra: string[] = [];
    try {
      extra = mod?.complete?.(words, { machine: m, netnsId: m.shell.netnsId }) ?? [];
    } catch {
      extra = [];
    }
    pool = current.includes('/') || !extra.length ? [...extra, ...files(m, current)] : extra;
  }
  const candidates = [...new Set(pool.filter((c) => c.startsWith(current)))].sort();
  return { from, to: cursor, candidates };
}

/** Paths under the directory part of `word` (directories get a trailing `/`). */
function files(m: Machine, word: string): string[] {
  const slash = word.lastIndexOf('/');
  const dir = slash >= 0 ? word.slice(0, slash + 1) : '';
  const segs = resolvePath(m.shell.cwd, dir || '.');
  const r = m.fs.readdir(segs, { netnsId: m.shell.netnsId });
  if (!r.ok) return [];
  return r.value.map((n) => {
    const st = m.fs.stat([...segs, n], { netnsId: m.shell.netnsId });
    return dir + n + (st.ok && st.value === 'dir' ? '/' : '');
  });
}
