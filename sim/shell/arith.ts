/**
 * Shell arithmetic `$(( ))`: integers, + - * / %, comparisons, && ||, parentheses, unary
 * minus and !, and variable names (unset or non-numeric counts as 0).
 */
export function evalArith(src: string, vars: (name: string) => string | undefined): number | { error: string } {
  const toks = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<=|>=|==|!=|&&|\|\||<<|>>|[-+*/%()<>!]|\S/g) ?? [];
  let i = 0;
  const peek = () => toks[i];
  const num = (t: string): number => {
    const v = vars(t);
    const n = v === undefined ? 0 : parseInt(v, 10);
    return Number.isNaN(n) ? 0 : n;
  };
  const primary = (): number => {
    const t = toks[i++];
    if (t === undefined) throw new Error('operand expected');
    if (t === '(') {
      const v = orExpr();
      if (toks[i++] !== ')') throw new Error('missing )');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (/^\d+$/.test(t)) return parseInt(t, 10);
    if (/^[A-Za-z_]/.test(t)) return num(t);
    throw new Error('syntax error');
  };
  const level = (ops: string[], sub: () => number, f: (a: number, op: string, b: number) => number) => (): number => {
    let v = sub();
    while (ops.includes(peek())) {
      const op = toks[i++];
      v = f(v, op, sub());
    }
    return v;
  };
  const mul = level(['*', '/', '%'], primary, (a, op, b) => {
    if ((op === '/' || op === '%') && b === 0) throw new Error('division by 0');
    return op === '*' ? Math.imul(a, b) : op === '/' ? Math.trunc(a / b) : a % b;
  });
  const add = level(['+', '-'], mul, (a, op, b) => (op === '+' ? a + b : a - b));
  const cmp = level(['<', '>', '<=', '>='], add, (a, op, b) => Number(op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b));
  const eq = level(['==', '!='], cmp, (a, op, b) => Number(op === '==' ? a === b : a !== b));
  const andExpr = level(['&&'], eq, (a, _op, b) => Number(!!a && !!b));
  const orExpr = level(['||'], andExpr, (a, _op, b) => Number(!!a || !!b));
  try {
    if (!toks.length) return 0;
    const v = orExpr();
    if (i < toks.length) return { error: `syntax error in expression (error token is "${toks.slice(i).join(' ')}")` };
    return v;
  } catch (e) {
    return { error: (e as Error).message };
  }
}
