/**
 * echo: bash's builtin (-n, -e, -E), dash's builtin (only -n, escapes always interpreted)
 * and coreutils' /bin/echo. A failed write is reported as each of them does.
 */
import type { CommandModule, ProcContext } from '../process.ts';
import { builtinShell, stdoutError } from '../context.ts';
import { errPrefix } from '../state.ts';
import { strerror } from '../../fs/errors.ts';

/** Interprets backslash escapes; returns the text and whether \c cut the output short. */
export function unescape(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    const map: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (n in map) out += map[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m || '0', 8));
      i += m.length;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\x';
    } else out += '\\' + n;
  }
  return { text: out, stop: false };
}

function* echo(ctx: ProcContext) {
  const sh = builtinShell(ctx);
  const dash = sh?.dialect === 'dash';
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = dash;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a) || (dash && a !== '-n' && !/^-n+$/.test(a))) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const u = unescape(text);
    text = u.text;
    if (u.stop) newline = false;
  }
  ctx.out(text + (newline ? '\n' : ''));
  const e = stdoutError(ctx);
  if (e) {
    if (sh?.dialect === 'dash') ctx.err(`${errPrefix(sh)}echo: echo: I/O error\n`);
    else if (sh) ctx.err(`${errPrefix(sh)}echo: write error: ${strerror(e)}\n`);
    else ctx.err(`${ctx.argv[0]}: write error: ${strerror(e)}\n`);
    return 1;
  }
  return 0;
}

export const echoCommand: CommandModule = { name: 'echo', run: echo };
