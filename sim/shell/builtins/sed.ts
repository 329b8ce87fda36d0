/**
 * GNU sed 4.9, the everyday part: -n, -e, -E/-r, -i; addresses (N, $, /RE/, A,B, !) and the
 * commands s (g, p, N, I flags; & and \1..\9; any delimiter), d, p, q, = and y, separated by
 * `;` or newlines. Regular expressions are POSIX BRE/ERE through regex.ts; an empty match
 * right after a previous match does not count, as in GNU sed. Errors carry sed's
 * "-e expression #1, char N" positions.
 */
import type { CommandModule, ProcContext, Wait } from '../process.ts';
import { posixToJs } from './regex.ts';
import { fsOf, pathOf, readInput } from './util.ts';
import { strerror } from '../../fs/errors.ts';
import { SED_USAGE } from './sed-usage.ts';

type Addr = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp };

interface Cmd {
  a1?: Addr;
  a2?: Addr;
  negate: boolean;
  name: 's' | 'd' | 'p' | 'q' | '=' | 'y';
  re?: RegExp;
  rep?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  from?: string;
  to?: string;
  /** For ranges: inside one since this line. */
  active?: boolean;
}

class SedError extends Error {}

/** Parses a whole script (all -e pieces joined by newlines). */
function parseScript(script: string, ere: boolean): Cmd[] {
  const cmds: Cmd[] = [];
  let i = 0;
  const fail = (msg: string, at = i): never => {
    throw new SedError(`sed: -e expression #1, char ${at}: ${msg}\n`);
  };
  const regex = (src: string, flags: string): RegExp => {
    const t = posixToJs(src, ere);
    if ('error' in t) return fail(t.error);
    return new RegExp(t.src, flags);
  };
  /** Text up to an unescaped `delim`; `\delim` stands for the delimiter itself. */
  const until = (delim: string, what: string): string => {
    let out = '';
    for (; i < script.length; i++) {
      const c = script[i]!;
      if (c === '\\' && i + 1 < script.length) {
        const n = script[++i]!;
        out += n === delim ? n : '\\' + n;
        continue;
      }
      if (c === delim) {
        i++;
        return out;
      }
      if (c === '\n') break;
      out += c;
    }
    return fail(`unterminated ${what}`, script.length);
  };
  const addr = (): Addr | undefined => {
    const c = script[i];
    if (c === '$') {
      i++;
      return { kind: 'last' };
    }
    if (c !== undefined && /\d/.test(c)) {
      let n = '';
      while (i < script.length && /\d/.test(script[i]!)) n += script[i++];
      return { kind: 'line', n: Number(n) };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        delim = script[i + 1] ?? '';
        i++;
      }
      i++;
      return { kind: 're', re: regex(until(delim, 'address regex'), '') };
    }
    return undefined;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
    if (i >= script.length) break;
    const cmd: Partial<Cmd> = { negate: false };
    cmd.a1 = addr();
    if (cmd.a1 && script[i] === ',') {
      i++;
      cmd.a2 = addr();
      if (!cmd.a2) fail('unexpected `,\'');
    }
    while (script[i] === ' ') i++;
    if (script[i] === '!') {
      cmd.negate = true;
      i++;
      while (script[i] === ' ') i++;
    }
    const name = script[i++];
    if (name === undefined) fail('missing command');
    if (name === 's') {
      const delim = script[i++];
      if (delim === undefined || delim === '\n' || delim === '\\') fail("unterminated `s' command", script.length);
      const src = until(delim!, "`s' command");
      const rep = until(delim!, "`s' command");
      let flags = '';
      cmd.global = false;
      for (; i < script.length && !/[;\n}]/.test(script[i]!); i++) {
        const f = script[i]!;
        if (f === 'g') cmd.global = true;
        else if (f === 'p') cmd.print = true;
        else if (f === 'i' || f === 'I') flags += 'i';
        else if (/\d/.test(f)) {
          let n = '';
          while (i < script.length && /\d/.test(script[i]!)) n += script[i++];
          i--;
          cmd.nth = Number(n);
        } else if (f === ' ') continue;
        else fail("unknown option to `s'", i + 1);
      }
      cmd.re = regex(src, flags + 'g');
      cmd.rep = rep;
    } else if (name === 'y') {
      const delim = script[i++]!;
      cmd.from = until(delim, "`y' command").replace(/\\n/g, '\n');
      cmd.to = until(delim, "`y' command").replace(/\\n/g, '\n');
      if ([...cmd.from].length !== [...cmd.to].length) fail("strings for `y' command are different lengths");
    } else if (!'dpq='.includes(name!)) fail(`unknown command: \`${name}'`);
    cmd.name = name as Cmd['name'];
    cmds.push(cmd as Cmd);
  }
  return cmds;
}

/** The replacement text for one match: & and \1..\9, \n, escaped characters. */
function expand(rep: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '&') out += m[0];
    else if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i]!;
      if (/\d/.test(n)) out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else out += c;
  }
  return out;
}

/** s///: replaces the nth match (or every match from the nth with g); true if any. */
function substitute(line: string, c: Cmd): { text: string; done: boolean } {
  const re = c.re!;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let count = 0;
  let done = false;
  let prevEnd = -1;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[0] === '' && m.index === prevEnd) {
      re.lastIndex = m.index + 1;
      if (re.lastIndex > line.length) break;
      continue;
    }
    count++;
    const want = c.nth ?? 1;
    if (count >= want && (c.global || count === want)) {
      out += line.slice(last, m.index) + expand(c.rep!, m);
      last = m.index + m[0].length;
      done = true;
    }
    prevEnd = m.index + m[0].length;
    if (m[0] === '') re.lastIndex = m.index + 1;
    if (re.lastIndex > line.length || (!c.global && count >= want)) break;
  }
  return { text: out + line.slice(last), done };
}

function matchAddr(a: Addr, line: string, n: number, isLast: boolean): boolean {
  if (a.kind === 'line') return n === a.n;
  if (a.kind === 'last') return isLast;
  a.re.lastIndex = 0;
  return a.re.test(line);
}

function selected(c: Cmd, line: string, n: number, isLast: boolean): boolean {
  let hit: boolean;
  if (!c.a1) hit = true;
  else if (!c.a2) hit = matchAddr(c.a1, line, n, isLast);
  else if (c.active) {
    hit = true;
    const end = c.a2.kind === 'line' ? n >= c.a2.n : matchAddr(c.a2, line, n, isLast);
    if (end) c.active = false;
  } else if (matchAddr(c.a1, line, n, isLast)) {
    hit = true;
    // A line-number end at or before the start closes the range at once.
    c.active = !(c.a2.kind === 'line' && c.a2.n <= n) && !(c.a2.kind === 'last' && isLast);
  } else hit = false;
  return c.negate ? !hit : hit;
}

/** Runs the script over `text`; returns the output and whether `q` stopped it. */
function run(cmds: Cmd[], text: string, quiet: boolean): string {
  const ls = text.split('\n');
  const endsNl = text.endsWith('\n');
  if (endsNl) ls.pop();
  let out = '';
  for (let n = 1; n <= ls.length; n++) {
    let line = ls[n - 1]!;
    const isLast = n === ls.length;
    const nl = isLast && !endsNl ? '' : '\n';
    let deleted = false;
    let quit = false;
    for (const c of cmds) {
      if (!selected(c, line, n, isLast)) continue;
      if (c.name === 's') {
        const r = substitute(line, c);
        line = r.text;
        if (r.done && c.print) out += line + nl;
      } else if (c.name === 'y') {
        const from = [...c.from!];
        const to = [...c.to!];
        line = [...line].map((ch) => (from.includes(ch) ? to[from.indexOf(ch)]! : ch)).join('');
      } else if (c.name === 'p') out += line + '\n';
      else if (c.name === '=') out += `${n}\n`;
      else if (c.name === 'd') {
        deleted = true;
        break;
      } else if (c.name === 'q') {
        quit = true;
        break;
      }
    }
    if (!deleted && !quiet) out += line + nl;
    if (quit) break;
  }
  return out;
}

function* sed(ctx: ProcContext): Generator<Wait, number, void> {
  const args = ctx.argv.slice(1);
  const scripts: string[] = [];
  const rest: string[] = [];
  let quiet = false;
  let ere = false;
  let inPlace = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-e' || a === '--expression') scripts.push(args[++i] ?? '');
    else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
    else if (a === '--version') {
      ctx.out('sed (GNU sed) 4.9\n');
      return 0;
    } else if (a === '--help') {
      ctx.out(SED_USAGE);
      return 0;
    } else if (a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '--regexp-extended') ere = true;
    else if (a === '--in-place') inPlace = true;
    else if (a.startsWith('-') && a.length > 1 && !a.startsWith('--')) {
      // A cluster of short options; -e takes the rest of the cluster or the next word.
      for (let j = 1; j < a.length; j++) {
        const l = a[j]!;
        if (l === 'n') quiet = true;
        else if (l === 'E' || l === 'r') ere = true;
        else if (l === 'i') inPlace = true;
        else if (l === 's' || l === 'u' || l === 'z') continue;
        else if (l === 'e') {
          scripts.push(j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? ''));
          break;
        } else {
          ctx.err(`sed: invalid option -- '${l}'\n` + SED_USAGE);
          return 1;
        }
      }
    } else if (a.startsWith('--')) {
      ctx.err(`sed: unrecognized option '${a}'\n` + SED_USAGE);
      return 1;
    } else rest.push(a);
  }
  if (!scripts.length) {
    if (!rest.length) {
      ctx.err(SED_USAGE);
      return 1;
    }
    scripts.push(rest.shift()!);
  }
  let cmds: Cmd[];
  try {
    cmds = parseScript(scripts.join('\n'), ere);
  } catch (e) {
    if (e instanceof SedError) {
      ctx.err(e.message);
      return 1;
    }
    throw e;
  }
  const files = rest.length ? rest : ['-'];
  let status = 0;
  let input = '';
  for (const f of files) {
    const r = readInput(ctx, f);
    if (!r.ok) {
      ctx.err(`sed: can't read ${f}: ${strerror(r.errno)}\n`);
      status = 2;
      continue;
    }
    if (inPlace && f !== '-') {
      const w = fsOf(ctx).writeFile(pathOf(ctx, f), run(cmds, r.text, quiet), { netnsId: ctx.netnsId });
      if (!w.ok) {
        ctx.err(`sed: couldn't open temporary file ${f}: ${strerror(w.errno)}\n`);
        status = 4;
      }
      continue;
    }
    input += r.text;
  }
  if (!inPlace) ctx.out(run(cmds, input, quiet));
  return status;
}

export const sedCommand: CommandModule = { name: 'sed', run: sed };
