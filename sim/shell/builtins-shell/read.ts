/**
 * `read`: takes one line from standard input (consuming it, so the next `read` of the same
 * input gets the next line, as a loop `while read l; do ...; done < f` needs) and splits it
 * on IFS into the named variables, the last one taking the rest of the line.
 */
import type { ShellBuiltin } from './types.ts';
import { errPrefix } from '../state.ts';
import { writeFd } from '../io.ts';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const USAGE = 'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n';

/** A character of the line and whether a backslash made it literal (never a delimiter). */
type Ch = { c: string; lit: boolean };

export const read: ShellBuiltin = function* ({ sh, argv, io, assigns }) {
  let raw = false;
  let delim = '\n';
  let k = 1;
  for (; k < argv.length && argv[k].startsWith('-') && argv[k] !== '-'; k++) {
    const a = argv[k];
    if (a === '--') { k++; break; }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (f === 'r') raw = true;
      else if (f === 's' || f === 'e') continue;
      else if ('dpt'.includes(f)) {
        // The option's value is the rest of this word or the next word.
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++k];
        if (v === undefined) {
          writeFd(io, 2, `${errPrefix(sh)}read: -${f}: option requires an argument\n${USAGE}`);
          return 2;
        }
        if (f === 'd') delim = v === '' ? '\0' : v[0];
        break;
      } else {
        writeFd(io, 2, `${errPrefix(sh)}read: -${f}: invalid option\n${USAGE}`);
        return 2;
      }
    }
  }
  const names = argv.slice(k);
  for (const n of names) if (!NAME_RE.test(n)) {
    writeFd(io, 2, `${errPrefix(sh)}read: \`${n}': not a valid identifier\n`);
    return 1;
  }
  // Take characters up to the delimiter; without -r a backslash quotes the next one and
  // backslash-newline continues the line.
  const input = io.stdin;
  const chars: Ch[] = [];
  let i = 0;
  let found = false;
  while (i < input.length) {
    const c = input[i++];
    if (c === delim) { found = true; break; }
    if (c === '\\' && !raw) {
      if (i >= input.length) break;
      const n = input[i++];
      if (n !== '\n') chars.push({ c: n, lit: true });
      continue;
    }
    chars.push({ c, lit: false });
  }
  io.stdin = input.slice(i);
  const ifs = assigns?.get('IFS') ?? sh.vars.get('IFS') ?? ' \t\n';
  const values = names.length ? split(chars, ifs, names.length) : [chars.map((x) => x.c).join('')];
  const targets = names.length ? names : ['REPLY'];
  targets.forEach((n, idx) => sh.vars.set(n, values[idx] ?? ''));
  return found ? 0 : 1;
};

/** Splits on IFS as read does: n-1 single fields, then the rest of the line for the last. */
function split(chars: Ch[], ifs: string, n: number): string[] {
  const isWs = (x: Ch) => !x.lit && ifs.includes(x.c) && ' \t\n'.includes(x.c);
  const isDelim = (x: Ch) => !x.lit && ifs.includes(x.c);
  const text = (a: Ch[]) => a.map((x) => x.c).join('');
  let p = 0;
  const skipWs = () => { while (p < chars.length && isWs(chars[p])) p++; };
  /** Reads one field and the delimiter after it (IFS whitespace around one other IFS char counts once). */
  const field = (): string => {
    const start = p;
    while (p < chars.length && !isDelim(chars[p])) p++;
    const f = text(chars.slice(start, p));
    skipWs();
    if (p < chars.length && isDelim(chars[p]) && !isWs(chars[p])) p++;
    skipWs();
    return f;
  };
  const out: string[] = [];
  skipWs();
  for (let v = 0; v < n - 1; v++) out.push(field());
  const restStart = p;
  const one = field();
  if (p >= chars.length) out.push(one);
  else {
    let end = chars.length;
    while (end > restStart && isWs(chars[end - 1])) end--;
    out.push(text(chars.slice(restStart, end)));
  }
  return out;
}
