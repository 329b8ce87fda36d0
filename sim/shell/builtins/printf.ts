/**
 * printf: bash's builtin, dash's builtin and coreutils' program share the format engine;
 * they differ in their messages. The format is reused while arguments remain.
 */
import type { CommandModule, ProcContext } from '../process.ts';
import { builtinShell } from '../context.ts';
import { errPrefix } from '../state.ts';
import { unescape } from './echo.ts';

function numArg(a: string | undefined, bad: (a: string) => void): number {
  if (a === undefined || a === '') return 0;
  if (/^['"]./.test(a)) return a.charCodeAt(1);
  const m = /^\s*[+-]?(0x[0-9a-fA-F]+|0[0-7]*|[0-9]+)/.exec(a);
  if (!m) {
    bad(a);
    return 0;
  }
  if (m[0].length !== a.length) bad(a);
  return Number(m[0].trim().replace(/^([+-]?)0([0-7]+)$/, (_x, s, o) => `${s}${parseInt(o, 8)}`));
}

function pad(s: string, flags: string, width: number, numeric: boolean): string {
  if (s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (flags.includes('0') && numeric) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}

function* printf(ctx: ProcContext) {
  const sh = builtinShell(ctx);
  let args = ctx.argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (!args.length) {
    if (sh) ctx.err(`${sh.dialect === 'dash' ? errPrefix(sh) : ''}printf: usage: printf ${sh.dialect === 'dash' ? 'format [arg ...]' : '[-v var] format [arguments]'}\n`);
    else ctx.err("printf: missing operand\nTry 'printf --help' for more information.\n");
    return sh?.dialect === 'dash' ? 2 : sh ? 2 : 1;
  }
  const fmt = args[0];
  const rest = args.slice(1);
  let status = 0;
  const bad = (a: string) => {
    status = 1;
    if (!sh) ctx.err(`printf: ‘${a}’: expected a numeric value\n`);
    else if (sh.dialect === 'dash') ctx.err(`${errPrefix(sh)}printf: ${a}: expected numeric value\n`);
    else ctx.err(`${errPrefix(sh)}printf: ${a}: invalid number\n`);
  };
  let out = '';
  let k = 0;
  const re = /%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?([sdiuxXocfeEgGb%])|\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)|[^%\\]+|[%\\]/gs;
  for (;;) {
    let consumed = false;
    for (const m of fmt.matchAll(re)) {
      const tok = m[0];
      if (tok.startsWith('\\')) {
        const u = unescape(tok);
        out += u.text;
        if (u.stop) {
          ctx.out(out);
          return status;
        }
        continue;
      }
      if (!m[4]) {
        out += tok;
        continue;
      }
      const conv = m[4];
      if (conv === '%') {
        out += '%';
        continue;
      }
      const flags = m[1] ?? '';
      const next = () => {
        consumed = true;
        return rest[k++];
      };
      const width = m[2] === '*' ? numArg(next(), bad) : m[2] ? Number(m[2]) : 0;
      const prec = m[3] === '*' ? numArg(next(), bad) : m[3] !== undefined ? Number(m[3]) : undefined;
      const a = next();
      let s: string;
      switch (conv) {
        case 's':
          s = (a ?? '').slice(0, prec ?? undefined);
          out += pad(s, flags, width, false);
          break;
        case 'b':
          s = unescape(a ?? '').text;
          out += pad(s, flags, width, false);
          break;
        case 'c':
          out += pad((a ?? '').slice(0, 1), flags, width, false);
          break;
        case 'd':
        case 'i':
        case 'u': {
          const n = Math.trunc(numArg(a, bad));
          s = (n >= 0 && flags.includes('+') ? '+' : n >= 0 && flags.includes(' ') ? ' ' : '') + String(n);
          out += pad(s, flags, width, true);
          break;
        }
        case 'x':
        case 'X':
        case 'o': {
          const n = numArg(a, bad);
          s = (n >>> 0).toString(conv === 'o' ? 8 : 16);
          if (conv === 'X') s = s.toUpperCase();
          if (flags.includes('#') && n) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
          out += pad(s, flags, width, true);
          break;
        }
        default: {
          const f = a === undefined || a === '' ? 0 : Number(a);
          if (Number.isNaN(f)) bad(a!);
          const v = Number.isNaN(f) ? 0 : f;
          const p = prec ?? 6;
          s = conv === 'f' ? v.toFixed(p) : conv === 'e' || conv === 'E' ? expo(v, p) : String(Number(v.toPrecision(p || 1)));
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
          out += pad(s, flags, width, true);
        }
      }
    }
    if (!consumed || k >= rest.length) break;
  }
  ctx.out(out);
  return status;
}

/** C's %e: mantissa with `p` digits and a two-digit signed exponent. */
function expo(v: number, p: number): string {
  const [mant, e] = v.toExponential(p).split('e');
  const n = Number(e);
  return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

export const printfCommand: CommandModule = { name: 'printf', run: printf };
