/** test and [: file tests, string and integer comparisons, !, -a, -o. */
import type { CommandModule, ProcContext } from '../process.ts';
import { builtinShell } from '../context.ts';
import { errPrefix } from '../state.ts';
import { fsOf, pathOf } from './util.ts';

function* test(ctx: ProcContext) {
  const sh = builtinShell(ctx);
  const name = ctx.argv[0];
  const pre = sh ? errPrefix(sh) : '';
  let args = ctx.argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      ctx.err(`${pre}[: missing \`]'\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  const kind = (p: string) => {
    const st = fsOf(ctx).stat(pathOf(ctx, p), { netnsId: ctx.netnsId });
    return st.ok ? st.value : undefined;
  };
  let error: string | undefined;
  const int = (s: string): number => {
    if (!/^\s*[+-]?[0-9]+\s*$/.test(s)) {
      error ??= `${pre}${name}: ${s}: integer expression expected\n`;
      return 0;
    }
    return Number(s);
  };
  const unary = (op: string, a: string): boolean | undefined => {
    switch (op) {
      case '-z': return a === '';
      case '-n': return a !== '';
      case '-e': return kind(a) !== undefined;
      case '-f': return kind(a) === 'file';
      case '-d': return kind(a) === 'dir';
      case '-c': return kind(a) === 'chardev';
      case '-r': case '-w': case '-s': return kind(a) !== undefined;
      case '-x': return kind(a) === 'dir';
    }
    return undefined;
  };
  const binary = (a: string, op: string, b: string): boolean | undefined => {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '-eq': return int(a) === int(b);
      case '-ne': return int(a) !== int(b);
      case '-lt': return int(a) < int(b);
      case '-le': return int(a) <= int(b);
      case '-gt': return int(a) > int(b);
      case '-ge': return int(a) >= int(b);
      case '<': return a < b;
      case '>': return a > b;
    }
    return undefined;
  };
  const evalExpr = (xs: string[]): boolean => {
    const orAt = xs.indexOf('-o');
    if (orAt > 0) return evalExpr(xs.slice(0, orAt)) || evalExpr(xs.slice(orAt + 1));
    const andAt = xs.indexOf('-a');
    if (andAt > 0) return evalExpr(xs.slice(0, andAt)) && evalExpr(xs.slice(andAt + 1));
    if (xs[0] === '!' && xs.length > 1) return !evalExpr(xs.slice(1));
    if (xs.length === 0) return false;
    if (xs.length === 1) return xs[0] !== '';
    if (xs.length === 2) {
      const u = unary(xs[0], xs[1]);
      if (u === undefined) error ??= `${pre}${name}: ${xs[0]}: unary operator expected\n`;
      return !!u;
    }
    if (xs.length === 3) {
      const r = binary(xs[0], xs[1], xs[2]);
      if (r === undefined) error ??= `${pre}${name}: ${xs[1]}: binary operator expected\n`;
      return !!r;
    }
    error ??= `${pre}${name}: too many arguments\n`;
    return false;
  };
  const r = evalExpr(args);
  if (error) {
    ctx.err(error);
    return 2;
  }
  return r ? 0 : 1;
}

export const testCommands: CommandModule[] = [
  { name: 'test', run: test },
  { name: '[', run: test },
];
