/** cat, head, tail, wc, tee: coreutils' behaviour and messages. */
import type { CommandModule, ProcContext } from '../process.ts';
import { strerror } from '../../fs/errors.ts';
import { fileError, fsOf, getopt, lines, optError, pathOf, readInput } from './util.ts';

function* cat(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'nbsAEeTtvu', '', { number: 'n', 'show-all': 'A', 'show-ends': 'E', 'squeeze-blank': 's', 'number-nonblank': 'b' });
  if (o.bad) {
    ctx.err(optError('cat', o.bad));
    return 1;
  }
  let status = 0;
  let n = 0;
  for (const file of o.operands.length ? o.operands : ['-']) {
    const r = readInput(ctx, file);
    if (!r.ok) {
      ctx.err(fileError('cat', file, r.errno));
      status = 1;
      continue;
    }
    let text = r.text;
    // -v (and -A, -e, -t): control characters other than newline and tab as ^X, DEL as ^?.
    if (['A', 'e', 't', 'v'].some((f) => o.flags.has(f))) {
      text = text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === '\x7f' ? '^?' : '^' + String.fromCharCode(c.charCodeAt(0) + 64)));
    }
    if (o.flags.has('A') || o.flags.has('E') || o.flags.has('e')) text = text.replace(/\n/g, '$\n');
    if (o.flags.has('A') || o.flags.has('T') || o.flags.has('t')) text = text.replace(/\t/g, '^I');
    if (o.flags.has('n') || o.flags.has('b')) {
      const ls = text.split('\n');
      const last = ls.pop()!;
      text = ls.map((l) => (o.flags.has('b') && l === '' ? '' : `${String(++n).padStart(6)}\t`) + l + '\n').join('') + (last ? `${String(++n).padStart(6)}\t${last}` : '');
    }
    ctx.out(text);
  }
  return status;
}

/** -n N / -N / -c N for head and tail; `+N` for tail means "from line N". */
function countArg(prog: string, ctx: ProcContext): { n: number; from: boolean; bytes: boolean; files: string[] } | number {
  const args = ctx.argv.slice(1).map((a) => (/^-[0-9]+$/.test(a) ? `-n${a.slice(1)}` : a));
  const o = getopt(args, 'qvf', 'nc', { lines: 'n', bytes: 'c', quiet: 'q', verbose: 'v', follow: 'f' });
  if (o.bad) {
    ctx.err(optError(prog, o.bad));
    return 1;
  }
  const bytes = o.values.has('c');
  const raw = (o.values.get(bytes ? 'c' : 'n') ?? ['10']).at(-1)!;
  const m = /^([+-]?)([0-9]+)$/.exec(raw);
  if (!m) {
    ctx.err(`${prog}: invalid number of ${bytes ? 'bytes' : 'lines'}: ‘${raw}’\n`);
    return 1;
  }
  return { n: Number(m[2]), from: m[1] === '+', bytes, files: o.operands.length ? o.operands : ['-'] };
}

function headTail(prog: 'head' | 'tail') {
  return function* (ctx: ProcContext) {
    const a = countArg(prog, ctx);
    if (typeof a === 'number') return a;
    let status = 0;
    a.files.forEach((file, i) => {
      const r = readInput(ctx, file);
      if (!r.ok) {
        ctx.err(`${prog}: cannot open '${file}' for reading: ${strerror(r.errno)}\n`);
        status = 1;
        return;
      }
      if (a.files.length > 1) ctx.out(`${i ? '\n' : ''}==> ${file === '-' ? 'standard input' : file} <==\n`);
      if (a.bytes) {
        ctx.out(prog === 'head' ? r.text.slice(0, a.n) : a.from ? r.text.slice(Math.max(0, a.n - 1)) : a.n ? r.text.slice(-a.n) : '');
        return;
      }
      const parts = r.text.split(/(?<=\n)/);
      const pick = prog === 'head' ? parts.slice(0, a.n) : a.from ? parts.slice(Math.max(0, a.n - 1)) : a.n ? parts.slice(-a.n) : [];
      ctx.out(pick.join(''));
    });
    return status;
  };
}

function* wc(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'lwcm', '', { lines: 'l', words: 'w', bytes: 'c', chars: 'm' });
  if (o.bad) {
    ctx.err(optError('wc', o.bad));
    return 1;
  }
  const sel = ['l', 'w', 'c', 'm'].filter((k) => o.flags.has(k));
  const which = sel.length ? ['l', 'w', 'm', 'c'].filter((k) => sel.includes(k)) : ['l', 'w', 'c'];
  const files = o.operands.length ? o.operands : ['-'];
  const rows: { v: number[]; name?: string }[] = [];
  const total = which.map(() => 0);
  let status = 0;
  for (const file of files) {
    const r = readInput(ctx, file);
    if (!r.ok) {
      ctx.err(fileError('wc', file, r.errno));
      status = 1;
      continue;
    }
    const t = r.text;
    const counts: Record<string, number> = {
      l: (t.match(/\n/g) ?? []).length,
      w: t.split(/[ \t\n\r\f\v]+/).filter(Boolean).length,
      c: new TextEncoder().encode(t).length,
      m: [...t].length,
    };
    const v = which.map((k) => counts[k]);
    v.forEach((x, i) => (total[i] += x));
    rows.push({ v, name: file === '-' ? undefined : file });
  }
  if (files.length > 1) rows.push({ v: total, name: 'total' });
  // coreutils pads to the width of the largest count; reading stdin (size unknown) it uses 7.
  const onlyOne = which.length === 1 && files.length === 1;
  const width = onlyOne ? 1 : files.includes('-') ? 7 : Math.max(1, ...rows.flatMap((r) => r.v.map((x) => String(x).length)));
  for (const r of rows) ctx.out(r.v.map((x) => String(x).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n');
  return status;
}

function* tee(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'ai', '', { append: 'a' });
  if (o.bad) {
    ctx.err(optError('tee', o.bad));
    return 1;
  }
  let status = 0;
  for (const file of o.operands) {
    const w = fsOf(ctx).open(pathOf(ctx, file), o.flags.has('a'), { netnsId: ctx.netnsId });
    const res = w.ok ? w.value(ctx.stdin) : w;
    if (!res.ok) {
      ctx.err(fileError('tee', file, res.errno));
      status = 1;
    }
  }
  ctx.out(ctx.stdin);
  return status;
}

export const textCommands: CommandModule[] = [
  { name: 'cat', run: cat },
  { name: 'head', run: headTail('head') },
  { name: 'tail', run: headTail('tail') },
  { name: 'wc', run: wc },
  { name: 'tee', run: tee },
];
export { lines };
