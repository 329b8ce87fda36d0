/** sort, uniq, cut, tr: the C locale's byte order and coreutils' messages. */
import type { CommandModule, ProcContext } from '../process.ts';
import { getopt, lines, optError, readInput, unlines } from './util.ts';
import { strerror } from '../../fs/errors.ts';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const numOf = (s: string) => {
  const m = /^\s*-?[0-9]*\.?[0-9]+/.exec(s);
  return m ? Number(m[0]) : 0;
};

function* sort(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'nrufbhV', 'kto', { 'numeric-sort': 'n', reverse: 'r', unique: 'u', 'ignore-case': 'f', key: 'k', 'field-separator': 't', output: 'o' });
  if (o.bad) {
    ctx.err(optError('sort', o.bad));
    return 2;
  }
  let all: string[] = [];
  for (const file of o.operands.length ? o.operands : ['-']) {
    const r = readInput(ctx, file);
    if (!r.ok) {
      ctx.err(`sort: cannot read: ${file}: ${strerror(r.errno)}\n`);
      return 2;
    }
    all = all.concat(lines(r.text));
  }
  const sep = o.values.get('t')?.at(-1);
  const keySpec = o.values.get('k')?.at(-1);
  let numeric = o.flags.has('n');
  let reverse = o.flags.has('r');
  let key = (l: string) => l;
  if (keySpec) {
    const m = /^(\d+)(?:\.\d+)?([a-zA-Z]*)(?:,(\d+)(?:\.\d+)?([a-zA-Z]*))?$/.exec(keySpec);
    if (!m) {
      ctx.err(`sort: invalid number at field start: invalid count at start of ‘${keySpec}’\n`);
      return 2;
    }
    const from = Number(m[1]) - 1;
    const to = m[3] ? Number(m[3]) : undefined;
    const opts = (m[2] ?? '') + (m[4] ?? '');
    if (opts.includes('n')) numeric = true;
    if (opts.includes('r')) reverse = true;
    key = (l: string) => {
      if (sep !== undefined) return l.split(sep).slice(from, to).join(sep);
      // Blank-separated fields keep their leading blanks, as in sort without -b.
      const fields = l.match(/\s*\S+/g) ?? [];
      return fields.slice(from, to).join('');
    };
  }
  const f = o.flags.has('f') ? (s: string) => s.toUpperCase() : (s: string) => s;
  const compare = (a: string, b: string) => {
    const ka = key(a), kb = key(b);
    const c = numeric ? numOf(ka) - numOf(kb) : cmp(f(ka), f(kb));
    // Last-resort comparison of whole lines, as GNU sort does without -s.
    return c || (o.flags.has('u') ? 0 : cmp(a, b));
  };
  all.sort((a, b) => (reverse ? -compare(a, b) : compare(a, b)));
  if (o.flags.has('u')) all = all.filter((l, i) => i === 0 || compare(all[i - 1], l) !== 0);
  ctx.out(unlines(all));
  return 0;
}

function* uniq(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'cdui', '', { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' });
  if (o.bad) {
    ctx.err(optError('uniq', o.bad));
    return 1;
  }
  const file = o.operands[0] ?? '-';
  const r = readInput(ctx, file);
  if (!r.ok) {
    ctx.err(`uniq: ${file}: ${strerror(r.errno)}\n`);
    return 1;
  }
  const eq = (a: string, b: string) => (o.flags.has('i') ? a.toLowerCase() === b.toLowerCase() : a === b);
  const groups: { line: string; n: number }[] = [];
  for (const l of lines(r.text)) {
    const g = groups[groups.length - 1];
    if (g && eq(g.line, l)) g.n++;
    else groups.push({ line: l, n: 1 });
  }
  let out = '';
  for (const g of groups) {
    if (o.flags.has('d') && g.n < 2) continue;
    if (o.flags.has('u') && g.n > 1) continue;
    out += (o.flags.has('c') ? `${String(g.n).padStart(7)} ` : '') + g.line + '\n';
  }
  ctx.out(out);
  return 0;
}

/** A cut list (1,3-5,7-) as a predicate on 1-based positions; a message when invalid. */
function parseList(spec: string, what: 'fields' | 'bytes'): ((n: number) => boolean) | string {
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3])) return `invalid ${what === 'fields' ? 'field' : 'byte/character'} position ‘${spec}’`;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    if (a === 0 || b === 0) return `${what === 'fields' ? 'fields' : 'byte/character positions'} are numbered from 1`;
    ranges.push([a, b]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

function* cut(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 's', 'dfcb', { delimiter: 'd', fields: 'f', characters: 'c', bytes: 'b', 'only-delimited': 's' });
  const usage = (msg: string) => {
    ctx.err(`cut: ${msg}\nTry 'cut --help' for more information.\n`);
    return 1;
  };
  if (o.bad) {
    ctx.err(optError('cut', o.bad));
    return 1;
  }
  const fspec = o.values.get('f')?.at(-1);
  const cspec = o.values.get('c')?.at(-1) ?? o.values.get('b')?.at(-1);
  if (fspec === undefined && cspec === undefined) return usage('you must specify a list of bytes, characters, or fields');
  const delim = o.values.get('d')?.at(-1) ?? '\t';
  if (delim.length !== 1) return usage('the delimiter must be a single character');
  const sel = parseList((fspec ?? cspec)!, fspec !== undefined ? 'fields' : 'bytes');
  if (typeof sel === 'string') return usage(sel);
  let status = 0;
  let out = '';
  for (const file of o.operands.length ? o.operands : ['-']) {
    const r = readInput(ctx, file);
    if (!r.ok) {
      ctx.err(`cut: ${file}: ${strerror(r.errno)}\n`);
      status = 1;
      continue;
    }
    for (const l of lines(r.text)) {
      if (fspec === undefined) out += [...l].filter((_c, i) => sel(i + 1)).join('') + '\n';
      else if (!l.includes(delim)) {
        if (!o.flags.has('s')) out += l + '\n';
      } else out += l.split(delim).filter((_c, i) => sel(i + 1)).join(delim) + '\n';
    }
  }
  ctx.out(out);
  return status;
}

/** Expands a tr set: ranges a-z, classes [:upper:], escapes. */
function trSet(s: string): string[] {
  const classes: Record<string, string> = { upper: 'A-Z', lower: 'a-z', digit: '0-9', alpha: 'A-Za-z', alnum: '0-9A-Za-z', space: ' \t\n\r\f\v', blank: ' \t' };
  s = s.replace(/\[:(\w+):\]/g, (m, c) => classes[c] ?? m).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  const out: string[] = [];
  const cs = [...s];
  for (let i = 0; i < cs.length; i++) {
    if (cs[i + 1] === '-' && i + 2 < cs.length) {
      for (let c = cs[i].charCodeAt(0); c <= cs[i + 2].charCodeAt(0); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(cs[i]);
  }
  return out;
}

function* tr(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'dsc', '', { delete: 'd', 'squeeze-repeats': 's', complement: 'c' });
  if (o.bad) {
    ctx.err(optError('tr', o.bad));
    return 1;
  }
  const [a, b] = o.operands;
  const del = o.flags.has('d');
  const squeeze = o.flags.has('s');
  if (a === undefined) {
    ctx.err("tr: missing operand\nTry 'tr --help' for more information.\n");
    return 1;
  }
  if (b === undefined && !del && !squeeze) {
    ctx.err(`tr: missing operand after ‘${a}’\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  const s1 = trSet(a);
  const s2 = b !== undefined ? trSet(b) : [];
  let out = '';
  let last = '';
  for (const c of ctx.stdin) {
    let x: string | undefined = c;
    if (del && s1.includes(c)) x = undefined;
    else if (!del && s2.length && s1.includes(c)) x = s2[Math.min(s1.lastIndexOf(c), s2.length - 1)];
    if (x === undefined) continue;
    const sq = del ? s2 : s2.length ? s2 : s1;
    if (squeeze && x === last && sq.includes(x)) continue;
    out += x;
    last = x;
  }
  ctx.out(out);
  return 0;
}

export const columnCommands: CommandModule[] = [
  { name: 'sort', run: sort },
  { name: 'uniq', run: uniq },
  { name: 'cut', run: cut },
  { name: 'tr', run: tr },
];
