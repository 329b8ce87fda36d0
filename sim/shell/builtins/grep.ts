/** GNU grep: -v -c -q -i -y -E -F -w -x -n -o -l -L -h -H -s -e -A -B -C, GNU's messages and exit codes. */
import type { CommandModule, ProcContext } from '../process.ts';
import { fileError, getopt, lines, readInput } from './util.ts';
import { escapeFixed, posixToJs } from './regex.ts';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
const LONG: Record<string, string> = {
  'invert-match': 'v', count: 'c', quiet: 'q', silent: 'q', 'ignore-case': 'i', 'extended-regexp': 'E', 'fixed-strings': 'F',
  'basic-regexp': 'G', 'word-regexp': 'w', 'line-regexp': 'x', 'line-number': 'n', 'only-matching': 'o', 'files-with-matches': 'l',
  'files-without-match': 'L', 'no-filename': 'h', 'with-filename': 'H', 'no-messages': 's', regexp: 'e', 'after-context': 'A',
  'before-context': 'B', context: 'C', null: 'Z', 'max-count': 'm', color: 'Q', colour: 'Q', recursive: 'r',
};

function* grep(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'vcqiyEFGwxnolLhHsZrR', 'eABCmf', LONG);
  if (o.bad) {
    const first = o.bad.kind === 'invalid' ? `grep: invalid option -- '${o.bad.opt}'\n` : o.bad.kind === 'unrecognized' ? `grep: unrecognized option '${o.bad.opt}'\n` : `grep: option requires an argument -- '${o.bad.opt}'\n`;
    ctx.err(first + USAGE);
    return 2;
  }
  const f = o.flags;
  const operands = [...o.operands];
  let patterns = o.values.get('e');
  if (!patterns) {
    if (!operands.length) {
      ctx.err(USAGE);
      return 2;
    }
    patterns = [operands.shift()!];
  }
  const pats = patterns.flatMap((p) => p.split('\n'));
  const srcs: string[] = [];
  for (const p of pats) {
    if (f.has('F')) srcs.push(escapeFixed(p));
    else {
      const t = posixToJs(p, f.has('E'));
      if ('error' in t) {
        ctx.err(`grep: ${t.error}\n`);
        return 2;
      }
      srcs.push(t.src);
    }
  }
  let src = srcs.map((s) => `(?:${s})`).join('|');
  if (f.has('x')) src = `^(?:${src})$`;
  else if (f.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
  let re: RegExp;
  try {
    re = new RegExp(src, f.has('i') || f.has('y') ? 'gi' : 'g');
  } catch {
    ctx.err('grep: Invalid regular expression\n');
    return 2;
  }
  const num = (k: string) => {
    const v = o.values.get(k);
    return v ? Number(v[v.length - 1]) : undefined;
  };
  const after = num('A') ?? num('C') ?? 0;
  const before = num('B') ?? num('C') ?? 0;
  const maxCount = num('m');
  const files = operands.length ? operands : ['-'];
  const showName = f.has('H') || (files.length > 1 && !f.has('h'));
  let matchedAny = false;
  let error = false;
  let out = '';
  for (const file of files) {
    const r = readInput(ctx, file);
    const label = file === '-' ? '(standard input)' : file;
    if (!r.ok) {
      if (!f.has('s')) ctx.err(fileError('grep', file, r.errno));
      error = true;
      continue;
    }
    let count = 0;
    let lastPrinted = -1;
    let pendingAfter = 0;
    const ls = lines(r.text);
    const prefix = (n: number, sep: string) => (showName ? `${label}${sep}` : '') + (f.has('n') ? `${n + 1}${sep}` : '');
    for (let n = 0; n < ls.length; n++) {
      if (maxCount !== undefined && count >= maxCount) break;
      const line = ls[n];
      re.lastIndex = 0;
      const hit = re.test(line) !== f.has('v');
      if (!hit) {
        if (pendingAfter > 0 && !f.has('c') && !f.has('l') && !f.has('L') && !f.has('q')) {
          out += prefix(n, '-') + line + '\n';
          lastPrinted = n;
          pendingAfter--;
        }
        continue;
      }
      count++;
      matchedAny = true;
      if (f.has('q')) {
        ctx.out(out);
        return 0;
      }
      if (f.has('c') || f.has('l') || f.has('L')) continue;
      const from = Math.max(0, n - before, lastPrinted + 1);
      if ((before || after) && lastPrinted >= 0 && from > lastPrinted + 1) out += '--\n';
      for (let b = from; b < n; b++) out += prefix(b, '-') + ls[b] + '\n';
      if (f.has('o') && !f.has('v')) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0]) out += prefix(n, ':') + m[0] + '\n';
      } else out += prefix(n, ':') + line + '\n';
      lastPrinted = n;
      pendingAfter = after;
    }
    if (f.has('c')) out += (showName ? `${label}:` : '') + `${count}\n`;
    if (f.has('l') && count) out += label + '\n';
    if (f.has('L') && !count) out += label + '\n';
    ctx.out(out);
    out = '';
  }
  ctx.out(out);
  if (error && !(f.has('q') && matchedAny)) return 2;
  return matchedAny ? 0 : 1;
}

export const grepCommand: CommandModule = { name: 'grep', run: grep };
