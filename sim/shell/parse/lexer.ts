/**
 * Turns a command line into tokens: words (with their quoting kept as parts), operators,
 * redirections and newlines. Quotes and escapes follow POSIX sh and bash; `$(...)` and
 * backquotes are kept as source text and parsed again when expanded.
 */
import type { Word, WordPart } from './ast.ts';

export type Token =
  | { k: 'word'; word: Word; line: number }
  | { k: 'op'; v: string; line: number }
  | { k: 'redir'; v: string; fd?: number; line: number }
  | { k: 'nl'; line: number }
  | { k: 'eof'; line: number };

/** Why the input ended early: a quote or a substitution left open. */
export interface LexError {
  kind: 'eof-in-quote';
  /** The character bash names in "looking for matching `X'". */
  quote: string;
  line: number;
}

const OPS = ['&&', '||', ';;', '|&', '&>>', '&>', '>>', '<<<', '<<', '>&', '<&', '>|', '<>', '|', '&', ';', '(', ')', '<', '>'];
const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** Finds the end of a `$(`...`)` body starting at `i` (just after `$(`), honouring quotes and nesting. */
function scanParens(s: string, i: number): number {
  let depth = 1;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') i += 2;
    else if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) return -1;
      i = j + 1;
    } else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      if (i >= s.length) return -1;
      i++;
    } else if (c === '(') {
      depth++;
      i++;
    } else if (c === ')') {
      if (--depth === 0) return i;
      i++;
    } else i++;
  }
  return -1;
}

/** Reads a `$...` expansion at s[i] === '$'; returns the part and the next index, or undefined for a literal `$`. */
function dollar(s: string, i: number, q: boolean): { part: WordPart; next: number } | 'eof' | undefined {
  const c = s[i + 1];
  if (c === '(' && s[i + 2] === '(') {
    const end = scanParens(s, i + 3);
    if (end < 0 || s[end + 1] !== ')') return 'eof';
    return { part: { t: 'arith', src: s.slice(i + 3, end), q }, next: end + 2 };
  }
  if (c === '(') {
    const end = scanParens(s, i + 2);
    if (end < 0) return 'eof';
    return { part: { t: 'cmd', src: s.slice(i + 2, end), q }, next: end + 1 };
  }
  if (c === '{') {
    const end = s.indexOf('}', i + 2);
    if (end < 0) return 'eof';
    return { part: { t: 'var', name: s.slice(i + 2, end), q }, next: end + 1 };
  }
  if (c !== undefined && /[?$#!@*0-9-]/.test(c)) return { part: { t: 'var', name: c, q }, next: i + 2 };
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1));
  if (m) return { part: { t: 'var', name: m[0], q }, next: i + 1 + m[0].length };
  return undefined;
}

const SIMPLE_ESC: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/**
 * Reads a `$'...'` body from `i` (just after the opening quote): backslash escapes as in
 * ANSI C (\n, \t, \xHH, \NNN octal, \uHHHH, \cX); an unknown escape stays as typed.
 * Undefined when the closing quote is missing.
 */
function ansiC(s: string, i: number): { text: string; next: number } | undefined {
  let text = '';
  while (i < s.length && s[i] !== "'") {
    if (s[i] !== '\\' || i + 1 >= s.length) { text += s[i++]; continue; }
    const c = s[i + 1];
    i += 2;
    let m: RegExpExecArray | null;
    if (c in SIMPLE_ESC) text += SIMPLE_ESC[c];
    else if (c >= '0' && c <= '7') {
      const more = /^[0-7]{0,2}/.exec(s.slice(i, i + 2))![0];
      text += String.fromCharCode(parseInt(c + more, 8) & 0xff);
      i += more.length;
    } else if ((c === 'x' || c === 'u' || c === 'U') && (m = new RegExp(`^[0-9a-fA-F]{1,${c === 'x' ? 2 : c === 'u' ? 4 : 8}}`).exec(s.slice(i)))) {
      text += String.fromCodePoint(parseInt(m[0], 16));
      i += m[0].length;
    } else if (c === 'c' && i < s.length) {
      text += String.fromCharCode(s[i].toUpperCase().charCodeAt(0) & 0x1f);
      i++;
    } else text += '\\' + c;
  }
  return i < s.length ? { text, next: i + 1 } : undefined;
}

/** Tokenizes the whole input. */
export function lex(s: string): { tokens: Token[] } | { error: LexError } {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  /** Here-documents whose body starts after the current line: the delimiter word is replaced by the body. */
  const pendingDocs: { tok: Extract<Token, { k: 'word' }>; delim: Word; strip: boolean }[] = [];
  let docNext: boolean | undefined;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && s[i + 1] === '\n') { i += 2; line++; continue; }
    if (c === '\n') {
      tokens.push({ k: 'nl', line });
      line++;
      i++;
      for (const d of pendingDocs.splice(0)) {
        const r = readHereDoc(s, i, d.delim, d.strip);
        d.tok.word = r.word;
        line += r.lines;
        i = r.next;
      }
      continue;
    }
    if (c === '#') { while (i < s.length && s[i] !== '\n') i++; continue; }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (op) {
      if (op === '<<') {
        docNext = s[i + 2] === '-';
        if (docNext) i++;
      }
      if (['>', '>>', '<', '>&', '<&', '&>', '&>>', '<<<', '<<', '>|', '<>'].includes(op)) tokens.push({ k: 'redir', v: op, line });
      else tokens.push({ k: 'op', v: op, line });
      i += op.length;
      continue;
    }
    // A word. An all-digit word directly followed by < or > is a redirection's fd.
    const start = i;
    const parts: WordPart[] = [];
    const lit = (v: string, q: boolean) => {
      const last = parts[parts.length - 1];
      if (last && last.t === 'lit' && last.q === q) last.v += v;
      else parts.push({ t: 'lit', v, q });
    };
    if (c === '~') { parts.push({ t: 'tilde' }); i++; }
    while (i < s.length && !META.has(s[i])) {
      const ch = s[i];
      if (ch === '\\') {
        if (i + 1 >= s.length) { lit('\\', false); i++; }
        else if (s[i + 1] === '\n') { i += 2; line++; }
        else { lit(s[i + 1], true); i += 2; }
      } else if (ch === "'") {
        const j = s.indexOf("'", i + 1);
        if (j < 0) return { error: { kind: 'eof-in-quote', quote: "'", line } };
        lit(s.slice(i + 1, j), true);
        line += s.slice(i + 1, j).split('\n').length - 1;
        i = j + 1;
      } else if (ch === '"') {
        i++;
        if (s[i] === '"') lit('', true);
        while (i < s.length && s[i] !== '"') {
          const d = s[i];
          if (d === '\\' && i + 1 < s.length && '$`"\\\n'.includes(s[i + 1])) {
            if (s[i + 1] !== '\n') lit(s[i + 1], true);
            i += 2;
          } else if (d === '$') {
            const r = dollar(s, i, true);
            if (r === 'eof') return { error: { kind: 'eof-in-quote', quote: '"', line } };
            if (r) { parts.push(r.part); i = r.next; } else { lit('$', true); i++; }
          } else if (d === '`') {
            const j = s.indexOf('`', i + 1);
            if (j < 0) return { error: { kind: 'eof-in-quote', quote: '`', line } };
            parts.push({ t: 'cmd', src: s.slice(i + 1, j), q: true });
            i = j + 1;
          } else {
            if (d === '\n') line++;
            lit(d, true);
            i++;
          }
        }
        if (i >= s.length) return { error: { kind: 'eof-in-quote', quote: '"', line } };
        i++;
      } else if (ch === '$' && s[i + 1] === "'") {
        const r = ansiC(s, i + 2);
        if (!r) return { error: { kind: 'eof-in-quote', quote: "'", line } };
        lit(r.text, true);
        line += s.slice(i, r.next).split('\n').length - 1;
        i = r.next;
      } else if (ch === '$') {
        const r = dollar(s, i, false);
        if (r === 'eof') return { error: { kind: 'eof-in-quote', quote: ')', line } };
        if (r) { parts.push(r.part); i = r.next; } else { lit('$', false); i++; }
      } else if (ch === '`') {
        const j = s.indexOf('`', i + 1);
        if (j < 0) return { error: { kind: 'eof-in-quote', quote: '`', line } };
        parts.push({ t: 'cmd', src: s.slice(i + 1, j), q: false });
        i = j + 1;
      } else { lit(ch, false); i++; }
    }
    const raw = s.slice(start, i);
    if (/^[0-9]+$/.test(raw) && (s[i] === '<' || s[i] === '>')) {
      const op = OPS.find((o) => s.startsWith(o, i))!;
      tokens.push({ k: 'redir', v: op, fd: Number(raw), line });
      i += op.length;
      continue;
    }
    const tok: Extract<Token, { k: 'word' }> = { k: 'word', word: { parts, raw }, line };
    tokens.push(tok);
    if (docNext !== undefined) {
      // Until its body is read (or input ends), a here-document is empty.
      pendingDocs.push({ tok, delim: tok.word, strip: docNext });
      tok.word = { parts: [{ t: 'lit', v: '', q: true }], raw };
      docNext = undefined;
    }
  }
  tokens.push({ k: 'eof', line });
  return { tokens };
}

/**
 * Reads a here-document body starting at `i`, up to a line equal to the delimiter (with
 * `<<-`, leading tabs stripped). A quoted delimiter keeps the body literal; otherwise `$`
 * expansions in it are kept as parts, like inside double quotes.
 */
function readHereDoc(s: string, i: number, delimWord: Word, strip: boolean): { word: Word; next: number; lines: number } {
  const delim = delimWord.parts.map((p) => (p.t === 'lit' ? p.v : '')).join('');
  const quoted = delimWord.parts.some((p) => p.t === 'lit' && p.q);
  let body = '';
  let lines = 0;
  while (i < s.length) {
    const end = s.indexOf('\n', i);
    let ln = s.slice(i, end < 0 ? s.length : end);
    i = end < 0 ? s.length : end + 1;
    lines++;
    if (strip) ln = ln.replace(/^\t+/, '');
    if (ln === delim) break;
    body += ln + '\n';
  }
  const parts: WordPart[] = [];
  if (quoted) parts.push({ t: 'lit', v: body, q: true });
  else {
    let k = 0;
    let lit = '';
    while (k < body.length) {
      if (body[k] === '\\' && '$`\\'.includes(body[k + 1] ?? '')) {
        lit += body[k + 1];
        k += 2;
      } else if (body[k] === '$') {
        const r = dollar(body, k, true);
        if (r && r !== 'eof') {
          if (lit) parts.push({ t: 'lit', v: lit, q: true });
          lit = '';
          parts.push(r.part);
          k = r.next;
        } else {
          lit += '$';
          k++;
        }
      } else lit += body[k++];
    }
    parts.push({ t: 'lit', v: lit, q: true });
  }
  return { word: { parts, raw: delimWord.raw }, next: i, lines };
}
