/**
 * Recursive-descent parser for the shell grammar learners use: lists (`;`, `&`, newlines),
 * `&&`/`||`, pipelines with `!`, simple commands with assignments and redirections,
 * subshells, brace groups, and if/for/while/until. Errors are structured so each shell
 * (bash, dash) can word them its own way.
 */
import type { AndOr, Assign, Command, List, Pipeline, Redir, Word } from './ast.ts';
import { lex, type Token } from './lexer.ts';

/** A syntax error: an unexpected token (`newline` for a line end) or end of input. */
export type SyntaxError =
  | { kind: 'unexpected'; token: string; line: number; expecting?: string }
  | { kind: 'eof'; line: number; expecting?: string }
  | { kind: 'eof-in-quote'; quote: string; line: number };

export type ParseResult = { ok: true; list: List } | { ok: false; error: SyntaxError };

const RESERVED_END = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', '}']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Fail {
  constructor(readonly error: SyntaxError) {}
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i];
  }
  private next(): Token {
    return this.toks[this.i++];
  }
  private text(t: Token): string {
    if (t.k === 'word') return t.word.raw;
    if (t.k === 'op' || t.k === 'redir') return (t.k === 'redir' && t.fd !== undefined ? '' : '') + t.v;
    return 'newline';
  }
  private fail(t: Token): never {
    if (t.k === 'eof') throw new Fail({ kind: 'eof', line: t.line });
    throw new Fail({ kind: 'unexpected', token: this.text(t), line: t.line });
  }
  private isWord(t: Token, v?: string): boolean {
    return t.k === 'word' && (v === undefined || t.word.raw === v);
  }
  private skipNl(): void {
    while (this.peek().k === 'nl') this.i++;
  }
  private expectWord(v: string): void {
    this.skipNl();
    const t = this.next();
    if (!this.isWord(t, v)) this.fail(t);
  }

  /** list until EOF or one of the closing words/ops. */
  parseList(closers: string[], allowEmpty = false): List {
    const items: List['items'] = [];
    this.skipNl();
    for (;;) {
      const t = this.peek();
      if (t.k === 'eof') break;
      if (t.k === 'op' && closers.includes(t.v)) break;
      if (t.k === 'word' && closers.includes(t.word.raw)) break;
      const andOr = this.parseAndOr();
      const sep = this.peek();
      if (sep.k === 'op' && (sep.v === ';' || sep.v === '&')) {
        this.i++;
        items.push({ andOr, background: sep.v === '&' });
        this.skipNl();
      } else if (sep.k === 'nl') {
        items.push({ andOr, background: false });
        this.skipNl();
      } else {
        items.push({ andOr, background: false });
        const n = this.peek();
        if (n.k === 'eof' || (n.k === 'op' && closers.includes(n.v)) || (n.k === 'word' && closers.includes(n.word.raw))) break;
        this.fail(n);
      }
    }
    if (!items.length && !allowEmpty) this.fail(this.peek());
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.k !== 'op' || (t.v !== '&&' && t.v !== '||')) break;
      this.i++;
      this.skipNl();
      rest.push({ op: t.v, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    let negate = false;
    if (this.isWord(this.peek(), '!')) {
      negate = true;
      this.i++;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      const t = this.peek();
      if (t.k !== 'op' || (t.v !== '|' && t.v !== '|&')) break;
      this.i++;
      this.skipNl();
      commands.push(this.parseCommand());
    }
    return { negate, commands };
  }

  private parseRedirs(into: Redir[]): void {
    while (this.peek().k === 'redir') into.push(this.parseRedir());
  }

  private parseRedir(): Redir {
    const t = this.next() as Extract<Token, { k: 'redir' }>;
    const target = this.next();
    if (target.k !== 'word') {
      if (target.k === 'eof') throw new Fail({ kind: 'unexpected', token: 'newline', line: target.line });
      this.fail(target);
    }
    let op = t.v as Redir['op'];
    if (t.v === '>|') op = '>';
    if (t.v === '<>') op = '<';
    if (t.v === '<<') op = '<<';
    const fd = t.fd ?? (op.startsWith('<') ? 0 : 1);
    return { fd, op, target: target.word };
  }

  private parseCommand(): Command {
    const t = this.peek();
    const line = t.line;
    if (t.k === 'op' && t.v === '(') {
      this.i++;
      const body = this.parseList([')']);
      const close = this.next();
      if (!(close.k === 'op' && close.v === ')')) this.fail(close);
      const redirs: Redir[] = [];
      this.parseRedirs(redirs);
      return { type: 'subshell', body, redirs, line };
    }
    if (t.k === 'word') {
      switch (t.word.raw) {
        case '{': {
          this.i++;
          const body = this.parseList(['}']);
          this.expectWord('}');
          return this.withRedirs({ type: 'group', body, redirs: [], line });
        }
        case 'function':
          return this.parseFunctionKeyword(line);
        case 'if':
          return this.parseIf(line);
        case 'for':
          return this.parseFor(line);
        case 'while':
        case 'until': {
          this.i++;
          const cond = this.parseList(['do']);
          this.expectWord('do');
          const body = this.parseList(['done']);
          this.expectWord('done');
          return this.withRedirs({ type: 'while', until: t.word.raw === 'until', cond, body, redirs: [], line });
        }
      }
      if (RESERVED_END.has(t.word.raw)) this.fail(t);
    }
    return this.parseSimple(line);
  }

  /** `function name [()] compound`: the name is the next word, whatever it is (`{` too). */
  private parseFunctionKeyword(line: number): Command {
    this.i++;
    const n = this.next();
    if (n.k === 'eof') throw new Fail({ kind: 'unexpected', token: 'newline', line: n.line });
    if (n.k !== 'word') this.fail(n);
    const a = this.peek();
    if (a.k === 'op' && a.v === '(') {
      this.i++;
      const b = this.next();
      if (!(b.k === 'op' && b.v === ')')) this.fail(b);
    }
    return this.parseFuncBody(n.word.raw, line);
  }

  /** A function's body: newlines, then a compound command (a simple command is an error). */
  private parseFuncBody(name: string, line: number): Command {
    this.skipNl();
    const t = this.peek();
    const compound = (t.k === 'op' && t.v === '(') || (t.k === 'word' && ['{', 'if', 'for', 'while', 'until'].includes(t.word.raw));
    if (!compound) this.fail(t);
    return { type: 'funcdef', name, body: this.parseCommand(), redirs: [], line };
  }

  private withRedirs<C extends Command>(c: C): C {
    this.parseRedirs(c.redirs);
    return c;
  }

  private parseIf(line: number): Command {
    this.i++;
    const clauses: { cond: List; body: List }[] = [];
    let otherwise: List | undefined;
    for (;;) {
      const cond = this.parseList(['then']);
      this.expectWord('then');
      const body = this.parseList(['elif', 'else', 'fi']);
      clauses.push({ cond, body });
      const k = this.next();
      if (this.isWord(k, 'elif')) continue;
      if (this.isWord(k, 'else')) {
        otherwise = this.parseList(['fi']);
        this.expectWord('fi');
      } else if (!this.isWord(k, 'fi')) this.fail(k);
      break;
    }
    return this.withRedirs({ type: 'if', clauses, otherwise, redirs: [], line });
  }

  private parseFor(line: number): Command {
    this.i++;
    const n = this.next();
    if (n.k !== 'word' || !NAME_RE.test(n.word.raw)) this.fail(n);
    let items: Word[] | undefined;
    this.skipNl();
    if (this.isWord(this.peek(), 'in')) {
      this.i++;
      items = [];
      while (this.peek().k === 'word') items.push((this.next() as Extract<Token, { k: 'word' }>).word);
      const sep = this.next();
      if (!(sep.k === 'nl' || (sep.k === 'op' && sep.v === ';'))) this.fail(sep);
    } else if (this.peek().k === 'op' && (this.peek() as { v: string }).v === ';') this.i++;
    this.expectWord('do');
    const body = this.parseList(['done']);
    this.expectWord('done');
    return this.withRedirs({ type: 'for', name: (n as Extract<Token, { k: 'word' }>).word.raw, items, body, redirs: [], line });
  }

  private parseSimple(line: number): Command {
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const t = this.peek();
      if (t.k === 'redir') {
        redirs.push(this.parseRedir());
      } else if (t.k === 'word') {
        this.i++;
        const a = words.length === 0 ? asAssign(t.word) : undefined;
        if (a) assigns.push(a);
        else words.push(t.word);
      } else if (t.k === 'op' && t.v === '(') {
        // `name (` starts a function definition, which needs `)` next; anything else is an error.
        const after = this.toks[this.i + 1];
        if (words.length !== 1 || assigns.length || redirs.length) this.fail(t);
        if (after.k === 'eof') throw new Fail({ kind: 'unexpected', token: 'newline', line: after.line, expecting: ')' });
        if (!(after.k === 'op' && after.v === ')')) this.fail(after);
        this.i += 2;
        return this.parseFuncBody(words[0].raw, line);
      } else break;
    }
    if (!assigns.length && !words.length && !redirs.length) this.fail(this.peek());
    return { type: 'simple', assigns, words, redirs, line };
  }
}

/** `NAME=value` as an assignment, if the word is one (the name part must be unquoted). */
function asAssign(w: Word): Assign | undefined {
  const first = w.parts[0];
  if (!first || first.t !== 'lit' || first.q) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v);
  if (!m) return undefined;
  const rest = first.v.slice(m[0].length);
  const parts = [...(rest ? [{ ...first, v: rest }] : []), ...w.parts.slice(1)];
  return { name: m[1], value: { parts, raw: w.raw.slice(m[0].length) } };
}

/** Parses a whole input (a command line or a script). */
export function parse(src: string): ParseResult {
  const lx = lex(src);
  if ('error' in lx) return { ok: false, error: lx.error };
  const p = new Parser(lx.tokens);
  try {
    const list = p.parseList([], true);
    return { ok: true, list };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
}
