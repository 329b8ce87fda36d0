/**
 * awk's grammar (POSIX, as mawk reads it) into a small AST: rules (BEGIN, END, pattern,
 * range) with actions, user functions, statements and expressions with awk's precedence
 * (?: || && in ~ relational concatenation additive multiplicative unary ^ ++/-- $). In
 * `print` and `printf` an unparenthesized `>` redirects output, as in every awk.
 */
import { AwkSyntaxError, lex, type Tok } from './lex.ts';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 're'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'incdec'; op: string; prefix: boolean; target: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; e: Expr; re: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'ucall'; name: string; args: Expr[] }
  | { k: 'group'; e: Expr }
  | { k: 'getline' };

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; args: Expr[]; fmt: boolean; redir?: { op: string; e: Expr } }
  | { k: 'if'; c: Expr; a: Stmt; b?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; c: Expr; body: Stmt }
  | { k: 'for'; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'exit'; e?: Expr }
  | { k: 'return'; e?: Expr }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; subs?: Expr[] };

export interface Rule {
  kind: 'begin' | 'end' | 'main';
  pattern?: Expr;
  range?: Expr;
  action?: Stmt[];
}

export interface Program {
  rules: Rule[];
  funcs: Map<string, { params: string[]; body: Stmt[] }>;
}

/** Parses an awk program; throws AwkSyntaxError with mawk's wording. */
export function parse(src: string): Program {
  const toks = lex(src);
  let p = 0;
  const peek = (o = 0): Tok => toks[Math.min(p + o, toks.length - 1)]!;
  const isOp = (v: string, o = 0) => peek(o).t === 'op' && (peek(o) as { v: string }).v === v;
  const isKw = (v: string) => peek().t === 'kw' && (peek() as { v: string }).v === v;
  const near = (t: Tok) =>
    t.t === 'eof' ? 'end of file' : t.t === 'nl' ? 'end of line' : t.t === 'str' ? `"${t.v}"` : t.t === 'num' ? String(t.v) : (t as { v: string }).v;
  const fail = (t = peek()): never => {
    if (t.t === 'eof') throw new AwkSyntaxError(`line ${t.line + 1}: missing } near end of file`);
    throw new AwkSyntaxError(`line ${t.line}: syntax error at or near ${near(t)}`);
  };
  const expectOp = (v: string) => {
    if (!isOp(v)) fail();
    p++;
  };
  const nls = () => {
    while (peek().t === 'nl') p++;
  };
  const terms = () => {
    while (peek().t === 'nl' || isOp(';')) p++;
  };

  /** `expr (, expr)*`, a newline allowed after each comma. */
  const exprList = (): Expr[] => {
    const list = [expr()];
    while (isOp(',')) {
      p++;
      nls();
      list.push(expr());
    }
    return list;
  };

  let noGt = 0; // > is a redirection inside print's argument list
  let noIn = 0; // `in` is for-in syntax inside for ( ... )

  /**
   * A call's arguments after its `(`, through the `)`. Inside the parentheses `>` compares
   * and `in` is membership again (mawk: `print f(2 > 1)` prints 1), for built-in and user
   * functions alike.
   */
  const callArgs = (): Expr[] => {
    const save = [noGt, noIn];
    noGt = 0;
    noIn = 0;
    const args = isOp(')') ? [] : exprList();
    expectOp(')');
    [noGt, noIn] = save;
    return args;
  };
  /**
   * An array's subscripts after its `[`, through the `]`. Unlike parentheses, brackets keep
   * print's redirection: mawk rejects `print a[2 > 1]` with a syntax error at `>`.
   */
  const subscripts = (): Expr[] => {
    const subs = exprList();
    expectOp(']');
    return subs;
  };

  const primary = (): Expr => {
    const t = peek();
    if (t.t === 'num') return p++, { k: 'num', v: t.v };
    if (t.t === 'str') return p++, { k: 'str', v: t.v };
    if (t.t === 're') return p++, { k: 're', v: t.v };
    if (t.t === 'op' && t.v === '(') {
      p++;
      const save = [noGt, noIn];
      noGt = 0;
      noIn = 0;
      const subs = exprList();
      const first = subs[0]!;
      if (subs.length > 1) {
        expectOp(')');
        [noGt, noIn] = save;
        if (!(peek().t === 'kw' && (peek() as { v: string }).v === 'in')) fail();
        p++;
        const n = peek();
        if (n.t !== 'name') fail();
        p++;
        return { k: 'in', subs, name: (n as { v: string }).v };
      }
      expectOp(')');
      [noGt, noIn] = save;
      return { k: 'group', e: first };
    }
    if (t.t === 'op' && t.v === '$') {
      p++;
      return { k: 'field', e: incdec() };
    }
    if (t.t === 'op' && (t.v === '-' || t.v === '+' || t.v === '!')) {
      p++;
      return { k: 'un', op: t.v, e: unaryOperand() };
    }
    if (t.t === 'func') {
      p++;
      if (!isOp('(')) {
        if (t.v === 'length') return { k: 'call', name: 'length', args: [] };
        fail();
      }
      p++;
      return { k: 'call', name: t.v, args: callArgs() };
    }
    if (t.t === 'name') {
      p++;
      if (isOp('[')) {
        p++;
        return { k: 'index', name: t.v, subs: subscripts() };
      }
      if (isOp('(')) {
        // A user function call: the name touches its parenthesis.
        p++;
        return { k: 'ucall', name: t.v, args: callArgs() };
      }
      return { k: 'var', name: t.v };
    }
    if (t.t === 'kw' && t.v === 'getline') {
      p++;
      return { k: 'getline' };
    }
    return fail();
  };
  const incdec = (): Expr => {
    if (isOp('++') || isOp('--')) {
      const op = (peek() as { v: string }).v;
      p++;
      return { k: 'incdec', op, prefix: true, target: incdec() };
    }
    const e = primary();
    if ((isOp('++') || isOp('--')) && (e.k === 'var' || e.k === 'index' || e.k === 'field')) {
      const op = (peek() as { v: string }).v;
      p++;
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  };
  const power = (): Expr => {
    const base = incdec();
    if (isOp('^')) {
      p++;
      return { k: 'bin', op: '^', a: base, b: unaryOperand() };
    }
    return base;
  };
  const unaryOperand = (): Expr => {
    if (isOp('-') || isOp('+') || isOp('!')) {
      const op = (peek() as { v: string }).v;
      p++;
      return { k: 'un', op, e: unaryOperand() };
    }
    return power();
  };
  /** A left-associative level whose operators are any of `ops` (no newline after them). */
  const level = (ops: string[], next: () => Expr) => (): Expr => {
    let a = next();
    for (let op = ops.find((o) => isOp(o)); op; op = ops.find((o) => isOp(o))) {
      p++;
      a = { k: 'bin', op, a, b: next() };
    }
    return a;
  };
  const mul = level(['*', '/', '%'], () => unaryOperand());
  const add = level(['+', '-'], mul);
  const startsOperand = (): boolean => {
    const t = peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 're' || t.t === 'name' || t.t === 'func') return true;
    if (t.t === 'op') return ['$', '(', '!', '-', '+', '++', '--'].includes(t.v) && !(t.v === '-' || t.v === '+');
    return false;
  };
  const concat = (): Expr => {
    let a = add();
    while (startsOperand() && !isOp('!')) {
      a = { k: 'bin', op: 'concat', a, b: add() };
    }
    return a;
  };
  const rel = (): Expr => {
    const a = concat();
    for (const op of ['<', '<=', '!=', '==', '>', '>=']) {
      if (isOp(op) && !(op === '>' && noGt)) {
        p++;
        return { k: 'bin', op, a, b: concat() };
      }
    }
    return a;
  };
  const match = (): Expr => {
    let a = rel();
    while (isOp('~') || isOp('!~')) {
      const neg = isOp('!~');
      p++;
      a = { k: 'match', neg, e: a, re: rel() };
    }
    return a;
  };
  const inExpr = (): Expr => {
    let a = match();
    while (!noIn && isKw('in')) {
      p++;
      const n = peek();
      if (n.t !== 'name') fail();
      p++;
      a = { k: 'in', subs: [a], name: (n as { v: string }).v };
    }
    return a;
  };
  /** A left-associative level: `next` operands joined by `op` (newlines allowed after it). */
  const chain = (op: string, next: () => Expr) => (): Expr => {
    let a = next();
    while (isOp(op)) {
      p++;
      nls();
      a = { k: 'bin', op, a, b: next() };
    }
    return a;
  };
  const and = chain('&&', () => inExpr());
  const or = chain('||', and);
  const ternary = (): Expr => {
    const c = or();
    if (isOp('?')) {
      p++;
      nls();
      const a = ternary();
      nls();
      expectOp(':');
      nls();
      return { k: 'cond', c, a, b: ternary() };
    }
    return c;
  };
  const expr = (): Expr => {
    const lhs = ternary();
    for (const op of ['=', '+=', '-=', '*=', '/=', '%=', '^=']) {
      if (isOp(op) && (lhs.k === 'var' || lhs.k === 'index' || lhs.k === 'field')) {
        p++;
        nls();
        return { k: 'assign', op, target: lhs, e: expr() };
      }
    }
    return lhs;
  };

  const simple = (): Stmt => {
    if (isKw('print') || isKw('printf')) {
      const fmt = isKw('printf');
      p++;
      const args: Expr[] = [];
      // print (a, b) > f: a parenthesized list is the argument list when a terminator or a
      // redirection follows it; otherwise the parenthesis starts an expression.
      if (isOp('(')) {
        const save = p;
        p++;
        const list: Expr[] = [];
        let ok = true;
        try {
          list.push(...exprList());
          ok = isOp(')');
          p++;
        } catch {
          ok = false;
        }
        const ends = peek().t === 'nl' || peek().t === 'eof' || isOp(';') || isOp('}') || isOp('>') || isOp('>>') || isOp('|');
        if (ok && ends && list.length > 1) args.push(...list);
        else p = save;
      }
      noGt++;
      if (!args.length && !(peek().t === 'nl' || isOp(';') || isOp('}') || isOp('>') || isOp('>>') || isOp('|') || peek().t === 'eof')) {
        args.push(...exprList());
      }
      noGt--;
      // print (a, b): the parenthesized list is the argument list.
      if (args.length === 1 && args[0]!.k === 'group') args[0] = args[0]!.e;
      let redir: { op: string; e: Expr } | undefined;
      if (isOp('>') || isOp('>>') || isOp('|')) {
        const op = (peek() as { v: string }).v;
        p++;
        redir = { op, e: concat() };
      }
      return { k: 'print', args, fmt, redir };
    }
    if (isKw('next')) return p++, { k: 'next' };
    if (isKw('break')) return p++, { k: 'break' };
    if (isKw('continue')) return p++, { k: 'continue' };
    if (isKw('exit') || isKw('return')) {
      const kw = (peek() as { v: string }).v;
      p++;
      const e = peek().t === 'nl' || isOp(';') || isOp('}') || peek().t === 'eof' ? undefined : expr();
      return kw === 'exit' ? { k: 'exit', e } : { k: 'return', e };
    }
    if (isKw('delete')) {
      p++;
      const n = peek();
      if (n.t !== 'name') fail();
      p++;
      if (!isOp('[')) return { k: 'delete', name: (n as { v: string }).v };
      p++;
      return { k: 'delete', name: (n as { v: string }).v, subs: subscripts() };
    }
    return { k: 'expr', e: expr() };
  };

  const stmt = (): Stmt => {
    nls();
    if (isOp('{')) {
      p++;
      const body = stmts();
      expectOp('}');
      return { k: 'block', body };
    }
    if (isKw('if')) {
      p++;
      expectOp('(');
      const c = expr();
      expectOp(')');
      const a = stmt();
      const save = p;
      terms();
      if (isKw('else')) {
        p++;
        return { k: 'if', c, a, b: stmt() };
      }
      p = save;
      return { k: 'if', c, a };
    }
    if (isKw('while')) {
      p++;
      expectOp('(');
      const c = expr();
      expectOp(')');
      if (isOp(';')) return p++, { k: 'while', c, body: { k: 'block', body: [] } };
      return { k: 'while', c, body: stmt() };
    }
    if (isKw('do')) {
      p++;
      const body = stmt();
      terms();
      if (!isKw('while')) fail();
      p++;
      expectOp('(');
      const c = expr();
      expectOp(')');
      return { k: 'do', c, body };
    }
    if (isKw('for')) {
      p++;
      expectOp('(');
      if (peek().t === 'name' && peek(1).t === 'kw' && (peek(1) as { v: string }).v === 'in' && peek(2).t === 'name' && peek(3).t === 'op' && (peek(3) as { v: string }).v === ')') {
        const v = (peek() as { v: string }).v;
        const arr = (peek(2) as { v: string }).v;
        p += 4;
        return { k: 'forin', v, arr, body: stmt() };
      }
      noIn++;
      const init = isOp(';') ? undefined : simple();
      noIn--;
      expectOp(';');
      nls();
      const c = isOp(';') ? undefined : expr();
      expectOp(';');
      nls();
      const step = isOp(')') ? undefined : simple();
      expectOp(')');
      if (isOp(';')) return p++, { k: 'for', init, c, step, body: { k: 'block', body: [] } };
      return { k: 'for', init, c, step, body: stmt() };
    }
    if (isOp(';')) return p++, { k: 'block', body: [] };
    const s = simple();
    if (!(peek().t === 'nl' || isOp(';') || isOp('}') || peek().t === 'eof')) fail();
    return s;
  };

  const stmts = (): Stmt[] => {
    const body: Stmt[] = [];
    terms();
    while (!isOp('}') && peek().t !== 'eof') {
      body.push(stmt());
      terms();
    }
    return body;
  };

  const action = (): Stmt[] => {
    expectOp('{');
    const body = stmts();
    if (!isOp('}')) fail();
    p++;
    return body;
  };

  const prog: Program = { rules: [], funcs: new Map() };
  terms();
  while (peek().t !== 'eof') {
    if (isKw('BEGIN') || isKw('END')) {
      const kind = (peek() as { v: string }).v === 'BEGIN' ? 'begin' : 'end';
      p++;
      nls();
      prog.rules.push({ kind, action: action() });
    } else if (isKw('function')) {
      p++;
      const n = peek();
      if (n.t !== 'name' && n.t !== 'func') fail();
      p++;
      expectOp('(');
      const params: string[] = [];
      while (peek().t === 'name') {
        params.push((peek() as { v: string }).v);
        p++;
        if (isOp(',')) {
          p++;
          nls();
        }
      }
      expectOp(')');
      nls();
      prog.funcs.set((n as { v: string }).v, { params, body: action() });
    } else if (isOp('{')) prog.rules.push({ kind: 'main', action: action() });
    else {
      const pattern = expr();
      let range: Expr | undefined;
      if (isOp(',')) {
        p++;
        nls();
        range = expr();
      }
      prog.rules.push({ kind: 'main', pattern, range, action: isOp('{') ? action() : undefined });
    }
    terms();
  }
  return prog;
}
