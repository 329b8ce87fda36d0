/**
 * Runs a parsed awk program over input records: fields split by FS (a blank FS splits on
 * runs of blanks), $0 rebuilt with OFS when a field is assigned, values that look numeric
 * compare as numbers (strnums), uninitialized values are "" and 0, associative arrays,
 * user functions with local parameters, and the built-in functions.
 */
import type { Expr, Program, Stmt } from './parse.ts';
import { numToStr, sprintf } from './format.ts';
import { posixToJs } from '../regex.ts';

/** A value: a number, a string, or a string from input that looks like a number. */
type Val = number | string | { s: string; n: number };

class Next {}
class Exit {
  constructor(readonly code: number) {}
}
class Return {
  constructor(readonly v: Val) {}
}
class Break {}
class Continue {}

/** A runtime error, with mawk's wording. */
export class AwkRuntimeError extends Error {}

const looksNumeric = (s: string) => /^[ \t\n]*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)[ \t\n]*$/.test(s);
const strnum = (s: string): Val => (looksNumeric(s) ? { s, n: Number(s.trim()) } : s);

/** Where output goes: stdout, or a file by name. */
export interface AwkIo {
  out(s: string): void;
  file(name: string, text: string, append: boolean): void;
}

export class Interp {
  private vars = new Map<string, Val>();
  private arrays = new Map<string, Map<string, Val>>();
  private fields: string[] = [''];
  private nf = 0;
  private locals: Map<string, Val | Map<string, Val>>[] = [];
  private ranges = new Map<number, boolean>();
  private reCache = new Map<string, RegExp>();
  private opened = new Set<string>();
  private seed = 0;

  constructor(
    private readonly prog: Program,
    private readonly io: AwkIo,
    assigns: [string, string][],
  ) {
    for (const [k, v] of [['FS', ' '], ['OFS', ' '], ['ORS', '\n'], ['RS', '\n'], ['SUBSEP', '\x1c'], ['CONVFMT', '%.6g'], ['OFMT', '%.6g']] as const) this.vars.set(k, v);
    this.vars.set('NR', 0);
    this.vars.set('FNR', 0);
    this.vars.set('RSTART', 0);
    this.vars.set('RLENGTH', -1);
    for (const [k, v] of assigns) this.vars.set(k, strnum(v));
  }

  // ---- values ----
  num(v: Val): number {
    if (typeof v === 'number') return v;
    if (typeof v === 'object') return v.n;
    const m = /^[ \t\n]*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/.exec(v);
    return m ? Number(m[0].trim()) : 0;
  }
  str(v: Val, conv = 'CONVFMT'): string {
    if (typeof v === 'string') return v;
    if (typeof v === 'object') return v.s;
    return numToStr(v, this.str(this.vars.get(conv) ?? '%.6g'));
  }
  private bool(v: Val): boolean {
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'object') return v.n !== 0;
    return v !== '';
  }
  private regex(src: string): RegExp {
    let re = this.reCache.get(src);
    if (!re) {
      const t = posixToJs(src, true);
      if ('error' in t) throw new AwkRuntimeError(`regular expression compile failed (${t.error})\n${src}`);
      re = new RegExp(t.src);
      this.reCache.set(src, re);
    }
    return re;
  }
  private reOf(e: Expr): RegExp {
    return e.k === 're' ? this.regex(e.v) : this.regex(this.str(this.eval(e)));
  }

  // ---- records and fields ----
  setRecord(line: string): void {
    this.fields = [line];
    const fs = this.str(this.vars.get('FS')!);
    let parts: string[];
    if (line === '') parts = [];
    else if (fs === ' ') parts = line.split(/[ \t\n]+/).filter((x, i, a) => x !== '' || (i > 0 && i < a.length - 1));
    else if (fs.length === 1 && fs !== '\\') parts = line.split(fs);
    else parts = line.split(this.regex(fs));
    if (fs === ' ') parts = line.trim() === '' ? [] : line.trim().split(/[ \t\n]+/);
    this.fields.push(...parts);
    this.nf = parts.length;
  }
  private getField(i: number): Val {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) return strnum(this.fields[0]!);
    return i <= this.nf ? strnum(this.fields[i]!) : '';
  }
  private setField(i: number, v: string): void {
    if (i === 0) return this.setRecord(v);
    while (this.nf < i) this.fields[++this.nf] = '';
    this.fields[i] = v;
    this.rebuild();
  }
  private rebuild(): void {
    const ofs = this.str(this.vars.get('OFS')!);
    this.fields[0] = this.fields.slice(1, this.nf + 1).join(ofs);
  }

  // ---- variables ----
  private getVar(name: string): Val {
    const l = this.locals[this.locals.length - 1];
    if (l?.has(name)) {
      const v = l.get(name)!;
      return v instanceof Map ? '' : v;
    }
    if (name === 'NF') return this.nf;
    return this.vars.get(name) ?? '';
  }
  private setVar(name: string, v: Val): void {
    const l = this.locals[this.locals.length - 1];
    if (l?.has(name)) {
      l.set(name, v);
      return;
    }
    if (name === 'NF') {
      const n = Math.max(0, Math.trunc(this.num(v)));
      while (this.nf < n) this.fields[++this.nf] = '';
      this.nf = n;
      this.fields.length = n + 1;
      this.rebuild();
      return;
    }
    this.vars.set(name, v);
  }
  private array(name: string): Map<string, Val> {
    const l = this.locals[this.locals.length - 1];
    if (l?.has(name)) {
      let v = l.get(name);
      if (!(v instanceof Map)) {
        v = new Map();
        l.set(name, v);
      }
      return v;
    }
    let a = this.arrays.get(name);
    if (!a) this.arrays.set(name, (a = new Map()));
    return a;
  }
  private key(subs: Expr[]): string {
    return subs.map((s) => this.str(this.eval(s))).join(this.str(this.vars.get('SUBSEP')!));
  }
  private assignTo(target: Expr, v: Val): void {
    if (target.k === 'var') this.setVar(target.name, v);
    else if (target.k === 'index') this.array(target.name).set(this.key(target.subs), v);
    else if (target.k === 'field') this.setField(Math.trunc(this.num(this.eval(target.e))), this.str(v));
    else if (target.k === 'group') this.assignTo(target.e, v);
  }

  // ---- expressions ----
  eval(e: Expr): Val {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're':
        return this.regex(e.v).test(this.fields[0]!) ? 1 : 0;
      case 'var':
        return this.getVar(e.name);
      case 'field':
        return this.getField(Math.trunc(this.num(this.eval(e.e))));
      case 'index':
        return this.array(e.name).get(this.key(e.subs)) ?? (this.array(e.name).set(this.key(e.subs), ''), '');
      case 'group':
        return this.eval(e.e);
      case 'assign': {
        let v = this.eval(e.e);
        if (e.op !== '=') v = this.arith(e.op.slice(0, -1), this.num(this.eval(e.target)), this.num(v));
        if (typeof v === 'object') v = { ...v };
        this.assignTo(e.target, v);
        return v;
      }
      case 'cond':
        return this.bool(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'un': {
        const v = this.eval(e.e);
        return e.op === '!' ? (this.bool(v) ? 0 : 1) : e.op === '-' ? -this.num(v) : this.num(v);
      }
      case 'incdec': {
        const old = this.num(this.eval(e.target));
        const nv = e.op === '++' ? old + 1 : old - 1;
        this.assignTo(e.target, nv);
        return e.prefix ? nv : old;
      }
      case 'in':
        return this.array(e.name).has(this.key(e.subs)) ? 1 : 0;
      case 'match': {
        const s = this.str(this.eval(e.e));
        const hit = this.reOf(e.re).test(s);
        return hit !== e.neg ? 1 : 0;
      }
      case 'bin':
        return this.binary(e.op, e.a, e.b);
      case 'call':
        return this.builtin(e.name, e.args);
      case 'ucall':
        return this.callUser(e.name, e.args);
      case 'getline':
        throw new AwkRuntimeError('getline is not available in this lab');
    }
  }
  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      // mawk does IEEE arithmetic: 1/0 is inf, not an error.
      case '/':
        return a / b;
      case '%':
        return a % b;
      default: return a ** b;
    }
  }
  private binary(op: string, ea: Expr, eb: Expr): Val {
    if (op === '&&') return this.bool(this.eval(ea)) && this.bool(this.eval(eb)) ? 1 : 0;
    if (op === '||') return this.bool(this.eval(ea)) || this.bool(this.eval(eb)) ? 1 : 0;
    const a = this.eval(ea);
    const b = this.eval(eb);
    if (op === 'concat') return this.str(a) + this.str(b);
    if (['<', '<=', '>', '>=', '==', '!='].includes(op)) {
      const numeric = typeof a !== 'string' && typeof b !== 'string';
      const c = numeric ? this.num(a) - this.num(b) : this.str(a) < this.str(b) ? -1 : this.str(a) > this.str(b) ? 1 : 0;
      const r = op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '==' ? c === 0 : c !== 0;
      return r ? 1 : 0;
    }
    return this.arith(op, this.num(a), this.num(b));
  }
  private builtin(name: string, args: Expr[]): Val {
    const s = (i: number) => (args[i] ? this.str(this.eval(args[i]!)) : '');
    const n = (i: number) => (args[i] ? this.num(this.eval(args[i]!)) : 0);
    switch (name) {
      case 'length': {
        if (!args.length) return this.fields[0]!.length;
        const a = args[0]!;
        if (a.k === 'var' && this.arrays.has(a.name)) return this.arrays.get(a.name)!.size;
        return s(0).length;
      }
      case 'substr': {
        const str = s(0);
        const m = n(1);
        const start = Math.round(m);
        const end = args.length > 2 ? Math.round(m + n(2)) : Infinity;
        const from = Math.max(start, 1);
        const to = Math.min(end, str.length + 1);
        return to > from ? str.slice(from - 1, to - 1) : '';
      }
      case 'index':
        return s(0).indexOf(s(1)) + 1;
      case 'split': {
        const str = s(0);
        const arr = args[1];
        if (!arr || arr.k !== 'var') throw new AwkRuntimeError('split: second argument must be an array');
        const a = this.array(arr.name);
        a.clear();
        const fs = args[2] ? (args[2].k === 're' ? args[2].v : this.str(this.eval(args[2]))) : this.str(this.vars.get('FS')!);
        let parts: string[];
        if (str === '') parts = [];
        else if (fs === ' ') parts = str.trim() === '' ? [] : str.trim().split(/[ \t\n]+/);
        else if (fs.length === 1 && args[2]?.k !== 're') parts = str.split(fs);
        else parts = str.split(this.regex(fs));
        parts.forEach((x, i) => a.set(String(i + 1), strnum(x)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.reOf(args[0]!);
        const target = args[2] ?? { k: 'field', e: { k: 'num', v: 0 } };
        const str = this.str(this.eval(target));
        const rep = s(1);
        let count = 0;
        const g = new RegExp(re.source, 'g');
        let out = '';
        let last = 0;
        let prevEnd = -1;
        for (let m = g.exec(str); m; m = g.exec(str)) {
          if (m[0] === '' && m.index === prevEnd) {
            g.lastIndex++;
            if (g.lastIndex > str.length) break;
            continue;
          }
          out += str.slice(last, m.index) + rep.replace(/\\\\|\\&|&/g, (t) => (t === '&' ? m![0] : t === '\\&' ? '&' : '\\'));
          last = m.index + m[0].length;
          prevEnd = last;
          count++;
          if (m[0] === '') g.lastIndex++;
          if (name === 'sub' || g.lastIndex > str.length) break;
        }
        if (count) this.assignTo(target, out + str.slice(last));
        return count;
      }
      case 'match': {
        const m = this.reOf(args[1]!).exec(s(0));
        this.vars.set('RSTART', m ? m.index + 1 : 0);
        this.vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        const vals = args.slice(1).map((a) => this.eval(a));
        return sprintf(s(0), vals, (v) => this.num(v), (v) => this.str(v));
      }
      case 'tolower':
        return s(0).toLowerCase();
      case 'toupper':
        return s(0).toUpperCase();
      case 'int':
        return Math.trunc(n(0));
      case 'sqrt':
        return Math.sqrt(n(0));
      case 'exp':
        return Math.exp(n(0));
      case 'log':
        return Math.log(n(0));
      case 'sin':
        return Math.sin(n(0));
      case 'cos':
        return Math.cos(n(0));
      case 'atan2':
        return Math.atan2(n(0), n(1));
      case 'rand':
        // A fixed, seeded sequence: the lab is deterministic.
        this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
        return this.seed / 2147483648;
      case 'srand': {
        const old = this.seed;
        this.seed = Math.trunc(n(0));
        return old;
      }
      case 'close':
      case 'fflush':
        return 0;
      default:
        throw new AwkRuntimeError(`${name}() is not available in this lab`);
    }
  }
  private callUser(name: string, args: Expr[]): Val {
    const f = this.prog.funcs.get(name);
    if (!f) throw new AwkRuntimeError(`function ${name} never defined`);
    const frame = new Map<string, Val | Map<string, Val>>();
    f.params.forEach((p, i) => {
      const a = args[i];
      if (a && a.k === 'var' && (this.arrays.has(a.name) || this.locals[this.locals.length - 1]?.get(a.name) instanceof Map)) frame.set(p, this.array(a.name));
      else frame.set(p, a ? this.eval(a) : '');
    });
    if (this.locals.length > 200) throw new AwkRuntimeError('function call nesting too deep');
    this.locals.push(frame);
    try {
      this.exec(f.body);
      return '';
    } catch (e) {
      if (e instanceof Return) return e.v;
      throw e;
    } finally {
      this.locals.pop();
    }
  }

  // ---- statements ----
  exec(body: Stmt[]): void {
    for (const s of body) this.stmt(s);
  }
  private stmt(s: Stmt): void {
    switch (s.k) {
      case 'expr':
        this.eval(s.e);
        return;
      case 'print': {
        let text: string;
        if (s.fmt) {
          const vals = s.args.map((a) => this.eval(a));
          if (!vals.length) throw new AwkRuntimeError('printf: no format');
          text = sprintf(this.str(vals[0]!), vals.slice(1), (v) => this.num(v), (v) => this.str(v));
        } else {
          const ofs = this.str(this.vars.get('OFS')!);
          const parts = s.args.length ? s.args.map((a) => this.str(this.eval(a), 'OFMT')) : [this.fields[0]!];
          text = parts.join(ofs) + this.str(this.vars.get('ORS')!);
        }
        if (!s.redir) this.io.out(text);
        else if (s.redir.op === '|') throw new AwkRuntimeError('output to a pipe is not available in this lab');
        else {
          const name = this.str(this.eval(s.redir.e));
          this.io.file(name, text, s.redir.op === '>>' || this.opened.has(name));
          this.opened.add(name);
        }
        return;
      }
      case 'if':
        if (this.bool(this.eval(s.c))) this.stmt(s.a);
        else if (s.b) this.stmt(s.b);
        return;
      case 'while':
        for (let guard = 0; this.bool(this.eval(s.c)); guard++) {
          if (guard > 1e6) throw new AwkRuntimeError('loop ran too long');
          if (this.loopBody(s.body)) break;
        }
        return;
      case 'do':
        for (let guard = 0; ; guard++) {
          if (guard > 1e6) throw new AwkRuntimeError('loop ran too long');
          if (this.loopBody(s.body)) break;
          if (!this.bool(this.eval(s.c))) break;
        }
        return;
      case 'for':
        if (s.init) this.stmt(s.init);
        for (let guard = 0; !s.c || this.bool(this.eval(s.c)); guard++) {
          if (guard > 1e6) throw new AwkRuntimeError('loop ran too long');
          if (this.loopBody(s.body)) break;
          if (s.step) this.stmt(s.step);
        }
        return;
      case 'forin':
        for (const k of [...this.array(s.arr).keys()]) {
          this.setVar(s.v, strnum(k));
          if (this.loopBody(s.body)) break;
        }
        return;
      case 'block':
        this.exec(s.body);
        return;
      case 'next':
        throw new Next();
      case 'exit':
        throw new Exit(s.e ? Math.trunc(this.num(this.eval(s.e))) : 0);
      case 'return':
        throw new Return(s.e ? this.eval(s.e) : '');
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'delete':
        if (s.subs) this.array(s.name).delete(this.key(s.subs));
        else this.array(s.name).clear();
    }
  }
  /** Runs a loop body; true when it broke out. */
  private loopBody(body: Stmt): boolean {
    try {
      this.stmt(body);
    } catch (e) {
      if (e instanceof Break) return true;
      if (e instanceof Continue) return false;
      throw e;
    }
    return false;
  }

  /** Runs BEGIN, every record, END; returns the exit status. */
  run(input: string): number {
    let code = 0;
    let exiting = false;
    const rules = this.prog.rules;
    try {
      for (const r of rules) if (r.kind === 'begin') this.exec(r.action!);
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      code = e.code;
      exiting = true;
    }
    const hasMain = rules.some((r) => r.kind !== 'begin');
    if (!exiting && hasMain) {
      const recs = input.split('\n');
      if (recs[recs.length - 1] === '') recs.pop();
      try {
        for (const rec of recs) {
          this.vars.set('NR', this.num(this.vars.get('NR')!) + 1);
          this.vars.set('FNR', this.num(this.vars.get('FNR')!) + 1);
          this.setRecord(rec);
          try {
            rules.forEach((r, i) => {
              if (r.kind !== 'main') return;
              if (!this.matches(r, i)) return;
              if (r.action) this.exec(r.action);
              else this.io.out(this.fields[0]! + this.str(this.vars.get('ORS')!));
            });
          } catch (e) {
            if (!(e instanceof Next)) throw e;
          }
        }
      } catch (e) {
        if (!(e instanceof Exit)) throw e;
        code = e.code;
      }
    }
    try {
      for (const r of rules) if (r.kind === 'end') this.exec(r.action!);
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      code = e.code;
    }
    return code;
  }
  private matches(r: { pattern?: Expr; range?: Expr }, i: number): boolean {
    if (!r.pattern) return true;
    if (!r.range) return this.bool(this.eval(r.pattern));
    if (this.ranges.get(i)) {
      if (this.bool(this.eval(r.range))) this.ranges.set(i, false);
      return true;
    }
    if (this.bool(this.eval(r.pattern))) {
      this.ranges.set(i, !this.bool(this.eval(r.range)));
      return true;
    }
    return false;
  }
}
