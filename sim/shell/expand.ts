/**
 * Word expansion as POSIX describes it, in the order that matters here: tilde, parameters,
 * command substitution and arithmetic, then field splitting of unquoted results on IFS
 * whitespace, then pathname expansion of the unquoted `*`, `?` and `[...]` (see glob.ts).
 */
import type { Word } from './parse/ast.ts';
import type { Wait } from './process.ts';
import type { ShellState } from './state.ts';
import { evalArith } from './arith.ts';
import { escapeGlob, globPaths, hasGlob } from './glob.ts';

/** Runs a command substitution's source; yields its captured stdout. */
export type SubstRunner = (src: string) => Generator<Wait, string, void>;

/** Value of a parameter ($X, $?, $$, $1 ...), or undefined when unset. */
export function param(sh: ShellState, name: string, random: () => number): string | undefined {
  switch (name) {
    case '?':
      return String(sh.status);
    case '$':
      return String(sh.pid);
    case '!':
      return sh.lastBgPid === undefined ? '' : String(sh.lastBgPid);
    case '#':
      return String(sh.args.length);
    case '0':
      return sh.name;
    case '@':
    case '*':
      return sh.args.join(' ');
    case '-':
      return sh.mode.kind === 'interactive' ? 'himBHs' : 'hBc';
    case 'RANDOM':
      return String(random());
    case 'PWD':
      return sh.vars.get('PWD') ?? sh.cwd;
    case 'FUNCNAME':
      return sh.funcStack?.length ? sh.funcStack[sh.funcStack.length - 1] : sh.vars.get(name);
  }
  if (/^[0-9]+$/.test(name)) return sh.args[Number(name) - 1];
  return sh.vars.get(name);
}

/** Expands a word to fields. `split` false keeps one field (assignments, redirection targets). */
export function* expandWord(
  sh: ShellState,
  w: Word,
  run: SubstRunner,
  random: () => number,
  split = true,
): Generator<Wait, string[], void> {
  const fields: string[] = [];
  let cur = '';
  // The same field as a glob pattern: unquoted text as is, quoted text escaped.
  let pat = '';
  let has = false;
  const emit = () => {
    const matches = split && hasGlob(pat) ? globPaths(sh.fs, sh.cwd, sh.netnsId, pat) : undefined;
    if (matches) fields.push(...matches);
    else fields.push(cur);
    cur = '';
    pat = '';
    has = false;
  };
  const add = (v: string, quoted: boolean) => {
    cur += v;
    pat += quoted ? escapeGlob(v) : v;
    has = true;
  };
  const pushSplit = (v: string) => {
    if (!split) {
      add(v, false);
      return;
    }
    const pieces = v.split(/[ \t\n]+/);
    pieces.forEach((p, idx) => {
      if (idx > 0 && (has || cur)) emit();
      if (p) add(p, false);
    });
  };
  for (let k = 0; k < w.parts.length; k++) {
    const p = w.parts[k];
    if (p.t === 'lit') {
      add(p.v, p.q);
    } else if (p.t === 'tilde') {
      const next = w.parts[k + 1];
      const home = next === undefined || (next.t === 'lit' && !next.q && next.v.startsWith('/'));
      add(home ? (sh.vars.get('HOME') ?? '/root') : '~', true);
    } else if (p.t === 'var' && p.name === '@' && p.q && split) {
      // "$@": each positional parameter is its own field; none at all gives no field.
      sh.args.forEach((a, idx) => {
        if (idx > 0) emit();
        add(a, true);
      });
      if (!sh.args.length && !cur && !has) continue;
    } else {
      let v: string;
      if (p.t === 'var') v = param(sh, p.name, random) ?? '';
      else if (p.t === 'cmd') v = (yield* run(p.src)).replace(/\n+$/, '');
      else {
        // Parameters ($1, $#, ${x}) are expanded in the text before it is evaluated.
        const src = p.src.replace(/\$\{([^}]+)\}|\$([A-Za-z_][A-Za-z0-9_]*|[0-9#?$!@*-])/g, (_m, a, b) => param(sh, a ?? b, random) ?? '');
        const r = evalArith(src, (n) => param(sh, n, random));
        v = typeof r === 'number' ? String(r) : '0';
      }
      if (p.q) add(v, true);
      else pushSplit(v);
    }
  }
  if (has || cur) emit();
  return fields;
}
