/**
 * ss's filter expressions, the part the lab needs: `sport`/`dport` compared with a port
 * (`= :80`, `!= :http`, `> :1024`, ...), `src`/`dst` with an address and optional port,
 * `and`/`or`/`not` (also `&&`, `||`, `!`), parentheses; juxtaposed terms are and-ed.
 */
import type { SocketView } from '../../kernel/transport/view.ts';
import { SERVICES } from './services.ts';

/** A compiled filter. */
export type Filter = (s: SocketView) => boolean;

/** A filter ss refuses: its message (stderr) and exit status. */
export interface FilterError {
  msg: string;
  code: number;
}

/** The grammar's own failure: ss prints its usage after this line and exits 255. */
export const SYNTAX = 'ss: bison bellows (while parsing filter): "syntax error!" Sorry.\n';
const portError = (v: string): FilterError => ({ msg: `Error: "${v}" does not look like a port.\nCannot parse dst/src address.\n`, code: 1 });
const addrError = (v: string): FilterError => ({ msg: `Error: an inet prefix is expected rather than "${v}".\nCannot parse dst/src address.\n`, code: 1 });

const OPS: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b, '==': (a, b) => a === b, eq: (a, b) => a === b,
  '!=': (a, b) => a !== b, ne: (a, b) => a !== b, neq: (a, b) => a !== b,
  '>': (a, b) => a > b, gt: (a, b) => a > b, '<': (a, b) => a < b, lt: (a, b) => a < b,
  '>=': (a, b) => a >= b, ge: (a, b) => a >= b, geq: (a, b) => a >= b,
  '<=': (a, b) => a <= b, le: (a, b) => a <= b, leq: (a, b) => a <= b,
};

function portNumber(s: string): number | undefined {
  const p = s.startsWith(':') ? s.slice(1) : s;
  if (p === '') return 0;
  if (/^\d+$/.test(p)) return Number(p);
  for (const [k, v] of SERVICES) if (v === p) return Number(k.split('/')[0]);
  return undefined;
}

/** Parses `text`; undefined for an empty filter. */
export function parseFilter(text: string): Filter | undefined | FilterError {
  const toks = text.replace(/([()])/g, ' $1 ').split(/\s+/).filter(Boolean);
  if (!toks.length) return undefined;
  let i = 0;
  const bad = (): FilterError => ({ msg: SYNTAX, code: 255 });
  const isErr = (x: Filter | FilterError): x is FilterError => typeof x !== 'function';
  const term = (): Filter | FilterError => {
    const t = toks[i++];
    if (t === undefined) return bad();
    if (t === '!' || t === 'not') {
      const inner = term();
      return isErr(inner) ? inner : (s) => !inner(s);
    }
    if (t === '(') {
      const e = expr();
      if (isErr(e)) return e;
      if (toks[i++] !== ')') return bad();
      return e;
    }
    if (t === 'sport' || t === 'dport') {
      let op = '=';
      if (toks[i] !== undefined && OPS[toks[i]!]) op = toks[i++]!;
      const v = toks[i++];
      if (v === undefined) return bad();
      const p = portNumber(v);
      if (p === undefined) return portError(v.replace(/^:/, ''));
      const cmp = OPS[op]!;
      return t === 'sport' ? (s) => cmp(s.localPort, p) : (s) => s.peerPort !== '*' && cmp(s.peerPort, p);
    }
    if (t === 'src' || t === 'dst') {
      if (toks[i] === '=' || toks[i] === '==') i++;
      const v = toks[i++];
      if (v === undefined) return bad();
      const m = /^(\[?[0-9a-fA-F.:*]*?\]?)(?::([\w*-]+))?$/.exec(v);
      if (!m) return addrError(v);
      const addr = m[1] === '' || m[1] === '*' ? undefined : m[1]!.replace(/^\[|\]$/g, '');
      const port = m[2] === undefined || m[2] === '*' ? undefined : portNumber(m[2]);
      if (m[2] !== undefined && m[2] !== '*' && port === undefined) return portError(m[2]);
      return (s) => {
        const a = t === 'src' ? s.local : s.peer;
        const pp = t === 'src' ? s.localPort : s.peerPort;
        return (addr === undefined || a === addr) && (port === undefined || pp === port);
      };
    }
    if (t === ')' || OPS[t] || ['and', 'or', '&&', '||'].includes(t)) return bad();
    // A bare word is an address to match at either end.
    if (!/^[0-9.]+$/.test(t)) return addrError(t);
    return (s) => s.local === t || s.peer === t;
  };
  const expr = (): Filter | FilterError => {
    let left = term();
    if (isErr(left)) return left;
    while (i < toks.length && toks[i] !== ')') {
      let op = 'and';
      if (['and', '&&', '&', 'or', '||', '|'].includes(toks[i]!)) op = ['or', '||', '|'].includes(toks[i++]!) ? 'or' : 'and';
      const right = term();
      if (isErr(right)) return right;
      const l: Filter = left;
      const r: Filter = right;
      left = op === 'or' ? (s: SocketView): boolean => l(s) || r(s) : (s: SocketView): boolean => l(s) && r(s);
    }
    return left;
  };
  const e = expr();
  if (isErr(e)) return e;
  if (i < toks.length) return bad();
  return e;
}
