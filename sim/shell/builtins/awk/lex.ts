/**
 * awk's tokens (mawk 1.3.4). A `/` starts a regular expression where an operand may start,
 * and divides elsewhere; newlines are tokens (they end statements) except after a `{`, `,`,
 * `&&`, `||`, `do`, `else` or an opening parenthesis... as the grammar allows.
 */

export type Tok =
  | { t: 'num'; v: number; line: number }
  | { t: 'str'; v: string; line: number }
  | { t: 're'; v: string; line: number }
  | { t: 'name'; v: string; line: number }
  | { t: 'func'; v: string; line: number }
  | { t: 'kw'; v: string; line: number }
  | { t: 'op'; v: string; line: number }
  | { t: 'nl'; line: number }
  | { t: 'eof'; line: number };

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf', 'nextfile']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

/** Thrown for a lexical error, with mawk's message. */
export class AwkSyntaxError extends Error {}

/** Tokens that may end an operand: after them `/` divides. */
function endsOperand(t: Tok | undefined): boolean {
  if (!t) return false;
  if (t.t === 'num' || t.t === 'str' || t.t === 're' || t.t === 'name') return true;
  if (t.t === 'func') return t.v === 'length';
  if (t.t === 'op') return t.v === ')' || t.v === ']' || t.v === '$' || t.v === '++' || t.v === '--';
  return false;
}

function unescape(s: string): string {
  return s.replace(/\\(?:([0-7]{1,3})|(.))/gs, (_, oct: string | undefined, c: string | undefined) => {
    if (oct) return String.fromCharCode(parseInt(oct, 8));
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
    return map[c!] ?? '\\' + c;
  });
}

/** Splits a program into tokens. */
export function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      out.push({ t: 'nl', line });
      line++;
      i++;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(0[xX][0-9a-fA-F]+|[0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?)/.exec(src.slice(i))!;
      out.push({ t: 'num', v: Number(m[1]), line });
      i += m[1]!.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const w = m[0];
      i += w.length;
      if (KEYWORDS.has(w)) out.push({ t: 'kw', v: w === 'func' ? 'function' : w, line });
      else if (BUILTINS.has(w)) out.push({ t: 'func', v: w, line });
      else out.push({ t: 'name', v: w, line });
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\n') throw new AwkSyntaxError(`line ${line}: runaway string constant "${s.slice(0, 10)} ...`);
        if (src[j] === '\\' && j + 1 < src.length) {
          s += src[j]! + src[j + 1]!;
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(`line ${line}: runaway string constant "${s.slice(0, 10)} ...`);
      out.push({ t: 'str', v: unescape(s), line });
      i = j + 1;
      continue;
    }
    if (c === '/' && !endsOperand(out[out.length - 1])) {
      let j = i + 1;
      let s = '';
      let inClass = false;
      while (j < src.length && (src[j] !== '/' || inClass)) {
        if (src[j] === '\n') throw new AwkSyntaxError(`line ${line}: runaway regular expression /${s.slice(0, 10)} ...`);
        if (src[j] === '\\' && j + 1 < src.length) {
          s += src[j + 1] === '/' ? '/' : src[j]! + src[j + 1]!;
          j += 2;
          continue;
        }
        if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        s += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(`line ${line}: runaway regular expression /${s.slice(0, 10)} ...`);
      out.push({ t: 're', v: s, line });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`line ${line}: syntax error at or near ${c}`);
    out.push({ t: 'op', v: op === '**' ? '^' : op, line });
    i += op.length;
  }
  out.push({ t: 'eof', line });
  return out;
}
