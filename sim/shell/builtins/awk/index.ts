/**
 * `awk`, which is mawk 1.3.4 on the reference system: -F, -v, -f, -W version, program text,
 * input files and var=value operands. Messages start with "awk:" (mawk names itself after
 * argv[0]); syntax errors and unreadable files exit 2.
 */
import type { CommandModule, ProcContext, Wait } from '../../process.ts';
import { fsOf, pathOf, readInput } from '../util.ts';
import { strerror } from '../../../fs/errors.ts';
import { AwkSyntaxError } from './lex.ts';
import { parse } from './parse.ts';
import { AwkRuntimeError, Interp } from './run.ts';
import { AWK_USAGE } from './usage.ts';

/** Escapes in -v and command-line assignments, as in string constants. */
const unescape = (s: string) => s.replace(/\\(n|t|\\|")/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', '"': '"' })[c]!);

function* awk(ctx: ProcContext): Generator<Wait, number, void> {
  const args = ctx.argv.slice(1);
  const name = (ctx.argv[0] ?? 'awk').split('/').pop()!;
  const assigns: [string, string][] = [];
  let program: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const opt = a.slice(1, 2);
    const val = () => (a.length > 2 ? a.slice(2) : args[++i]);
    if (opt === 'F' || opt === 'v' || opt === 'f' || opt === 'W') {
      const v = val();
      if (v === undefined) {
        ctx.err(`${name}: option -${opt} lacks argument\n`);
        return 2;
      }
      if (opt === 'F') assigns.push(['FS', v === 't' ? '\t' : unescape(v)]);
      else if (opt === 'v') {
        const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(v);
        if (!m) {
          ctx.err(`${name}: improper assignment: -v ${v}\n`);
          return 2;
        }
        assigns.push([m[1]!, unescape(m[2]!)]);
      } else if (opt === 'f') {
        const r = readInput(ctx, v);
        if (!r.ok) {
          ctx.err(`${name}: couldn't open file ${v}.\n`);
          return 2;
        }
        program = (program ?? '') + r.text;
      } else if (v.startsWith('v')) {
        ctx.out('mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\nrandom-funcs:       srandom/random\nregex-funcs:        internal\ncompiled limits:\nsprintf buffer      8192\nmaximum-integer     2147483647\n');
        return 0;
      } else if (v.startsWith('u') || v.startsWith('h')) {
        ctx.out(AWK_USAGE);
        return 0;
      } else ctx.err(`${name}: vacuous option: -W ${v}\n`);
      continue;
    }
    if (a === '--version') {
      ctx.out('mawk 1.3.4 20200120\n');
      return 0;
    }
    ctx.err(`${name}: not an option: ${a}\n`);
    return 2;
  }
  if (program === undefined) {
    if (i >= args.length) {
      ctx.out(AWK_USAGE);
      return 0;
    }
    program = args[i++]!;
  }
  let prog;
  try {
    prog = parse(program);
  } catch (e) {
    if (e instanceof AwkSyntaxError) {
      ctx.err(`${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  // Operands: files, or var=value assignments taking effect before the next file.
  let input = '';
  for (const op of args.slice(i)) {
    const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(op);
    if (m) {
      assigns.push([m[1]!, unescape(m[2]!)]);
      continue;
    }
    const r = readInput(ctx, op);
    if (!r.ok) {
      ctx.err(`${name}: cannot open ${op} (${strerror(r.errno)})\n`);
      return 2;
    }
    input += r.text;
  }
  if (!args.slice(i).some((op) => !/^[A-Za-z_]\w*=/.test(op))) input = ctx.stdin;
  const fs = fsOf(ctx);
  const files = new Map<string, string>();
  const interp = new Interp(prog, {
    out: (s) => ctx.out(s),
    file: (f, text, append) => {
      if (f === '/dev/stderr' || f === '/dev/fd/2') return ctx.err(text);
      if (f === '/dev/stdout' || f === '/dev/fd/1' || f === '-') return ctx.out(text);
      const prev = append ? (files.get(f) ?? '') : '';
      files.set(f, prev + text);
      fs.writeFile(pathOf(ctx, f), prev + text, { netnsId: ctx.netnsId });
    },
  }, assigns);
  try {
    return interp.run(input);
  } catch (e) {
    if (e instanceof AwkRuntimeError) {
      ctx.err(`${name}: run time error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

export const awkCommand: CommandModule = { name: 'awk', aliases: ['mawk'], run: awk };
