/**
 * A subset of Go's text/template, enough for `docker ... --format/-f`: text and actions with
 * `{{-`/`-}}` trimming, comments, field chains (`.A.B`, `$x.A`), variables (`$x := ...`),
 * pipelines with `|`, parenthesised calls, if/else if/else, range (with `$i, $v :=`), with,
 * and the docker CLI's functions (json, join, split, lower, upper, title, pad, truncate) plus
 * Go's builtins (index, len, eq, ne, lt, le, gt, ge, and, or, not, print, printf, println).
 * Values are plain JS data: objects are structs/maps, arrays are slices, null is nil.
 * Errors come back with Go's wording, e.g.
 *   template: :1:18: executing "" at <.NetworkSettings.IPAddress>: map has no entry for key "IPAddress"
 */

type Tok = { t: 'text'; v: string; pos: number } | { t: 'act'; v: string; pos: number };

type Node =
  | { k: 'text'; v: string }
  | { k: 'pipe'; p: Pipe }
  | { k: 'if' | 'with'; p: Pipe; then: Node[]; else: Node[] }
  | { k: 'range'; p: Pipe; body: Node[]; else: Node[] };

interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Expr[][];
}

type Expr =
  | { k: 'field'; base: Expr | null; names: string[]; pos: number; src: string }
  | { k: 'var'; name: string; names: string[]; pos: number; src: string }
  | { k: 'ident'; name: string; pos: number }
  | { k: 'lit'; v: unknown }
  | { k: 'sub'; p: Pipe }
  | { k: 'dot' };

/** Raised while executing; `message` is Go's full error text. */
export class TemplateError extends Error {}

export interface TemplateOptions {
  /** When set, a missing struct field reports `can't evaluate field X in type <typeName>`; otherwise map semantics with missingkey=error. */
  typeName?: string;
}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      toks.push({ t: 'text', v: src.slice(i), pos: i });
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src.startsWith('- ', start) || (src[start] === '-' && /\s/.test(src[start + 1] ?? ''))) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    if (text) toks.push({ t: 'text', v: text, pos: i });
    const close = src.indexOf('}}', start);
    if (close < 0) throw new TemplateError(`template: :1: unclosed action`);
    let body = src.slice(start, close);
    let next = close + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      const m = /^\s*/.exec(src.slice(next))!;
      next += m[0].length;
    }
    toks.push({ t: 'act', v: body, pos: start });
    i = next;
  }
  return toks;
}

/** Splits an action body into words, keeping strings and parentheses. */
function words(body: string, base: number): { w: string; pos: number }[] {
  const out: { w: string; pos: number }[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (/\s/.test(c)) { i++; continue; }
    const start = i;
    if (c === '"') {
      i++;
      while (i < body.length && body[i] !== '"') i += body[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '`') {
      i = body.indexOf('`', i + 1) + 1 || body.length;
    } else if (c === '(' || c === ')' || c === '|') {
      i++;
    } else {
      while (i < body.length && !/[\s()|]/.test(body[i])) i++;
      // `(...).Field` chains after a parenthesis are not supported; keep it simple.
    }
    out.push({ w: body.slice(start, i), pos: base + start });
  }
  return out;
}

function parsePipe(ws: { w: string; pos: number }[], src: string): Pipe {
  const pipe: Pipe = { decl: [], assign: false, cmds: [] };
  let i = 0;
  // Declarations: `$x :=`, `$i, $v :=`, `$x =`.
  const declEnd = ws.findIndex((w) => w.w === ':=' || w.w === '=');
  if (declEnd > 0 && ws.slice(0, declEnd).every((w) => /^\$\w*,?$/.test(w.w) || w.w === ',')) {
    pipe.decl = ws.slice(0, declEnd).map((w) => w.w.replace(/,$/, '')).filter((w) => w !== ',');
    pipe.assign = ws[declEnd].w === '=';
    i = declEnd + 1;
  }
  let cmd: Expr[] = [];
  while (i < ws.length) {
    const { w, pos } = ws[i];
    if (w === '|') {
      pipe.cmds.push(cmd);
      cmd = [];
      i++;
      continue;
    }
    if (w === '(') {
      let depth = 1;
      let j = i + 1;
      while (j < ws.length && depth > 0) {
        if (ws[j].w === '(') depth++;
        if (ws[j].w === ')') depth--;
        j++;
      }
      const sub: Expr = { k: 'sub', p: parsePipe(ws.slice(i + 1, j - 1), src) };
      // `(expr).Field.Chain`: a field chain glued to the closing parenthesis.
      const next = ws[j];
      if (next && next.w.startsWith('.') && next.w.length > 1 && next.pos === ws[j - 1].pos + 1) {
        cmd.push({ k: 'field', base: sub, names: next.w.slice(1).split('.'), pos: next.pos, src: next.w });
        i = j + 1;
      } else {
        cmd.push(sub);
        i = j;
      }
      continue;
    }
    cmd.push(term(w, pos));
    i++;
  }
  if (cmd.length) pipe.cmds.push(cmd);
  return pipe;
}

function term(w: string, pos: number): Expr {
  if (w === '.') return { k: 'dot' };
  if (w.startsWith('.')) {
    const names = w.slice(1).split('.');
    // Go reports a chain at the position of its last-but-first field token.
    const lastDot = names.length > 1 ? pos + w.lastIndexOf('.') : pos;
    return { k: 'field', base: null, names, pos: names.length > 1 ? pos + 1 + names[0].length : lastDot, src: w };
  }
  if (w.startsWith('$')) {
    const [name, ...names] = w.split('.');
    return { k: 'var', name, names, pos, src: w };
  }
  if (w.startsWith('"')) return { k: 'lit', v: JSON.parse(w) };
  if (w.startsWith('`')) return { k: 'lit', v: w.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(w)) return { k: 'lit', v: Number(w) };
  if (w === 'true' || w === 'false') return { k: 'lit', v: w === 'true' };
  if (w === 'nil') return { k: 'lit', v: null };
  return { k: 'ident', name: w, pos };
}

function parse(src: string): Node[] {
  const toks = lex(src);
  let i = 0;
  const block = (): { nodes: Node[]; end: string } => {
    const nodes: Node[] = [];
    while (i < toks.length) {
      const tok = toks[i++];
      if (tok.t === 'text') { nodes.push({ k: 'text', v: tok.v }); continue; }
      const body = tok.v.trim();
      if (body.startsWith('/*')) continue;
      const ws = words(tok.v, tok.pos);
      const kw = ws[0]?.w;
      if (kw === 'end') return { nodes, end: 'end' };
      if (kw === 'else') {
        if (ws[1]?.w === 'if') {
          // `else if X` is sugar for `else {{if X}} ... {{end}}` sharing the outer end.
          const p = parsePipe(ws.slice(2), src);
          const inner = block();
          const els = inner.end === 'else' ? block().nodes : [];
          nodes.push({ k: 'if', p, then: inner.nodes, else: els });
          return { nodes, end: 'elseif' };
        }
        return { nodes, end: 'else' };
      }
      if (kw === 'if' || kw === 'with' || kw === 'range') {
        const p = parsePipe(ws.slice(1), src);
        const body1 = block();
        let els: Node[] = [];
        if (body1.end === 'else') els = block().nodes;
        else if (body1.end === 'elseif') els = body1.nodes.splice(body1.nodes.length - 1, 1);
        if (kw === 'range') nodes.push({ k: 'range', p, body: body1.nodes, else: els });
        else nodes.push({ k: kw, p, then: body1.nodes, else: els });
        continue;
      }
      nodes.push({ k: 'pipe', p: parsePipe(ws, src) });
    }
    return { nodes, end: 'eof' };
  };
  return block().nodes;
}

/** Go's fmt %v for template output. */
export function goString(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(goString).join(' ') + ']';
  if (typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return 'map[' + keys.map((k) => `${k}:${goString((v as Record<string, unknown>)[k])}`).join(' ') + ']';
  }
  return String(v);
}

function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

const FUNCS: Record<string, (...a: unknown[]) => unknown> = {
  json: (v) => JSON.stringify(v === undefined ? null : v),
  join: (a, sep) => (Array.isArray(a) ? a.map(goString).join(String(sep)) : ''),
  split: (s, sep) => String(s).split(String(sep)),
  lower: (s) => String(s).toLowerCase(),
  upper: (s) => String(s).toUpperCase(),
  title: (s) => String(s).replace(/\b[a-z]/g, (c) => c.toUpperCase()),
  pad: (s, l, r) => ' '.repeat(Number(l)) + goString(s) + ' '.repeat(Number(r)),
  truncate: (s, n) => String(s).slice(0, Number(n)),
  len: (v) => (Array.isArray(v) || typeof v === 'string' ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
  index: (v, ...keys) => keys.reduce<unknown>((acc, k) => (acc == null ? undefined : (acc as Record<string, unknown>)[String(k)]), v),
  eq: (a, ...b) => b.some((x) => x === a),
  ne: (a, b) => a !== b,
  lt: (a, b) => (a as number) < (b as number),
  le: (a, b) => (a as number) <= (b as number),
  gt: (a, b) => (a as number) > (b as number),
  ge: (a, b) => (a as number) >= (b as number),
  not: (a) => !truthy(a),
  and: (...a) => a.find((x) => !truthy(x)) ?? a[a.length - 1],
  or: (...a) => a.find((x) => truthy(x)) ?? a[a.length - 1],
  print: (...a) => a.map(goString).join(''),
  println: (...a) => a.map(goString).join(' ') + '\n',
  printf: (f, ...a) => {
    let n = 0;
    return String(f).replace(/%([sdvq%])/g, (_, c) => (c === '%' ? '%' : c === 'q' ? JSON.stringify(goString(a[n++])) : goString(a[n++])));
  },
};

/** Parses and runs `src` on `data`; returns the output or throws TemplateError with Go's text. */
export function execTemplate(src: string, data: unknown, opts: TemplateOptions = {}): string {
  const nodes = parse(src);
  let out = '';
  const vars: Map<string, unknown>[] = [new Map([['$', data]])];
  const lookupVar = (n: string) => {
    for (let i = vars.length - 1; i >= 0; i--) if (vars[i].has(n)) return vars[i].get(n);
    throw new TemplateError(`template: :1: undefined variable: ${n}`);
  };
  const fieldOf = (v: unknown, names: string[], e: { pos: number; src: string }, root: boolean): unknown => {
    let cur = v;
    for (const name of names) {
      if (cur === null || cur === undefined) {
        throw new TemplateError(`template: :1:${e.pos}: executing "" at <${e.src}>: nil pointer evaluating interface {}.${name}`);
      }
      if (typeof cur !== 'object' || Array.isArray(cur) || !(name in (cur as object))) {
        if (opts.typeName && root) {
          throw new TemplateError(`template: :1:${e.pos}: executing "" at <${e.src}>: can't evaluate field ${name} in type ${opts.typeName}`);
        }
        throw new TemplateError(`template: :1:${e.pos}: executing "" at <${e.src}>: map has no entry for key "${name}"`);
      }
      cur = (cur as Record<string, unknown>)[name];
      root = false;
    }
    return cur;
  };
  const evalExpr = (e: Expr, dot: unknown): unknown => {
    switch (e.k) {
      case 'dot': return dot;
      case 'lit': return e.v;
      case 'field': return e.base ? fieldOf(evalExpr(e.base, dot), e.names, e, false) : fieldOf(dot, e.names, e, dot === data);
      case 'var': return fieldOf(lookupVar(e.name), e.names, e, false);
      case 'sub': return evalPipe(e.p, dot);
      case 'ident': {
        if (!(e.name in FUNCS)) throw new TemplateError(`template: :1: function "${e.name}" not defined`);
        return FUNCS[e.name]();
      }
    }
  };
  const evalPipe = (p: Pipe, dot: unknown): unknown => {
    let val: unknown = undefined;
    let first = true;
    for (const cmd of p.cmds) {
      const [head, ...args] = cmd;
      const argv = args.map((a) => evalExpr(a, dot));
      if (!first) argv.push(val);
      if (head.k === 'ident') {
        const fn = FUNCS[head.name];
        if (!fn) throw new TemplateError(`template: :1: function "${head.name}" not defined`);
        val = fn(...argv);
      } else {
        val = evalExpr(head, dot);
      }
      first = false;
    }
    if (p.decl.length === 1) {
      if (p.assign) {
        for (let i = vars.length - 1; i >= 0; i--) if (vars[i].has(p.decl[0])) { vars[i].set(p.decl[0], val); break; }
      } else vars[vars.length - 1].set(p.decl[0], val);
    }
    return val;
  };
  const run = (ns: Node[], dot: unknown) => {
    for (const n of ns) {
      if (n.k === 'text') out += n.v;
      else if (n.k === 'pipe') {
        const v = evalPipe(n.p, dot);
        if (n.p.decl.length === 0) out += goString(v);
      } else if (n.k === 'if' || n.k === 'with') {
        vars.push(new Map());
        const v = evalPipe(n.p, dot);
        if (truthy(v)) run(n.then, n.k === 'with' ? v : dot);
        else run(n.else, dot);
        vars.pop();
      } else if (n.k === 'range') {
        const decl = n.p.decl;
        const v = evalPipe({ ...n.p, decl: [] }, dot);
        const entries: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v && typeof v === 'object' ? Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]) : [];
        if (entries.length === 0) { run(n.else, dot); continue; }
        for (const [k, x] of entries) {
          const scope = new Map<string, unknown>();
          if (decl.length === 1) scope.set(decl[0], x);
          if (decl.length === 2) { scope.set(decl[0], k); scope.set(decl[1], x); }
          vars.push(scope);
          run(n.body, x);
          vars.pop();
        }
      }
    }
  };
  run(nodes, data);
  return out;
}
