/**
 * Pathname expansion (bash's globbing, C locale): `*`, `?` and `[...]` in the unquoted parts
 * of a word match names in the lab's file system, component by component; names starting
 * with `.` only match a pattern that starts with `.`; matches come back sorted bytewise; a
 * pattern that matches nothing stays as written (bash without nullglob).
 *
 * Patterns arrive with quoted characters escaped by a backslash (see `escapeGlob`), so
 * `"*"*` globs on its second star only.
 */
import { byteOrder, resolvePath, type FileSystem } from '../fs/fs.ts';

/** Escapes glob metacharacters in text that came from a quoted part of the word. */
export const escapeGlob = (s: string): string => s.replace(/[*?[\]\\]/g, (c) => '\\' + c);

/** True when `pattern` has an unescaped `*`, `?` or `[` that opens a bracket expression. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracketEnd(pattern, i) > 0) return true;
  }
  return false;
}

/** Index of the `]` closing the bracket expression at `i`, or -1 when it is not one. */
function bracketEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '!' || p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === ']') return j;
  }
  return -1;
}

/** One path component's pattern as an anchored regular expression. */
function componentRegex(p: string): RegExp {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) re += escapeRe(p[++i]!);
    else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[' && bracketEnd(p, i) > 0) {
      const end = bracketEnd(p, i);
      let body = p.slice(i + 1, end);
      let neg = false;
      if (body[0] === '!' || body[0] === '^') {
        neg = true;
        body = body.slice(1);
      }
      re += `[${neg ? '^' : ''}${body.replace(/\\(.)/g, '$1').replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, 's');
}

function isDir(fs: FileSystem, segs: string[], caller: { netnsId: number }): boolean {
  const st = fs.stat(segs, caller);
  return st.ok && st.value === 'dir';
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const unescape = (p: string) => p.replace(/\\(.)/g, '$1');

/**
 * Expands `pattern` against `fs` as seen from `cwd` in namespace `netnsId`: the sorted
 * matching paths (relative patterns give relative paths), or undefined when nothing matches.
 */
export function globPaths(fs: FileSystem, cwd: string, netnsId: number, pattern: string): string[] | undefined {
  const caller = { netnsId };
  const absolute = pattern.startsWith('/');
  const comps = pattern.split('/').filter((c, i) => c !== '' || i === 0);
  if (absolute) comps.shift();
  // Each candidate: the text to print and its resolved segments.
  let cands: { text: string; segs: string[] }[] = [{ text: absolute ? '/' : '', segs: absolute ? [] : resolvePath('/', cwd) }];
  for (let ci = 0; ci < comps.length; ci++) {
    const comp = comps[ci]!;
    const last = ci === comps.length - 1;
    const next: typeof cands = [];
    for (const c of cands) {
      const join = (name: string) => ({ text: c.text + (c.text === '' || c.text.endsWith('/') ? '' : '/') + name, segs: [...c.segs, name] });
      if (!hasGlob(comp)) {
        const name = unescape(comp);
        const segs = name === '..' ? c.segs.slice(0, -1) : name === '.' ? c.segs : [...c.segs, name];
        if (fs.stat(segs, caller).ok) next.push({ text: join(name).text, segs });
        continue;
      }
      const dir = fs.readdir(c.segs, caller);
      if (!dir.ok) continue;
      const re = componentRegex(comp);
      const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
      for (const name of dir.value) {
        if (name.startsWith('.') && !dotOk) continue;
        if (!re.test(name)) continue;
        const n = join(name);
        if (!last && !isDir(fs, n.segs, caller)) continue;
        next.push(n);
      }
    }
    cands = next;
    if (!cands.length) return undefined;
  }
  const out = cands.map((c) => c.text + (pattern.endsWith('/') && !c.text.endsWith('/') ? '/' : ''));
  return out.sort(byteOrder);
}
