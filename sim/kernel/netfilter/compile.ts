/**
 * Compiles a rule into one predicate over the packet (header filter, then each match in
 * order), cached per Rule object: rules are replaced, never mutated, so the cache stays valid
 * and traversal does no parsing or string work.
 */
import { getMatch } from './ext.ts';
import type { MatchCtx } from './ext.ts';
import { ifaceMatches } from './matches/simple.ts';
import type { Rule } from './types.ts';

export type Predicate = (c: MatchCtx) => boolean;

const cache = new WeakMap<Rule, Predicate>();

const PROTO_NUM = { icmp: 1, tcp: 6, udp: 17 } as const;

function build(r: Rule): Predicate {
  const tests: Predicate[] = [];
  if (r.src) {
    const { addr, mask, inv } = r.src;
    tests.push((c) => (((c.src & mask) >>> 0) === addr) !== inv);
  }
  if (r.dst) {
    const { addr, mask, inv } = r.dst;
    tests.push((c) => (((c.dst & mask) >>> 0) === addr) !== inv);
  }
  if (r.inIface) {
    const { name, inv } = r.inIface;
    tests.push((c) => ifaceMatches(name, c.inDev?.name) !== inv);
  }
  if (r.outIface) {
    const { name, inv } = r.outIface;
    tests.push((c) => ifaceMatches(name, c.outDev?.name) !== inv);
  }
  if (r.proto && r.proto.num !== 0) {
    const { num, inv } = r.proto;
    tests.push((c) => (PROTO_NUM[c.pkt.l4.proto] === num) !== inv);
  }
  for (const m of r.matches) tests.push(getMatch(m.name)!.compile(m.data));
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  // Most rules fail on their first test: keep that call direct.
  if (tests.length === 2) {
    const [a, b] = tests;
    return (c) => a(c) && b(c);
  }
  if (tests.length === 3) {
    const [a, b, d] = tests;
    return (c) => a(c) && b(c) && d(c);
  }
  return (c) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](c)) return false;
    return true;
  };
}

/** The rule's compiled predicate. */
export function predicate(r: Rule): Predicate {
  let p = cache.get(r);
  if (!p) {
    p = build(r);
    cache.set(r, p);
  }
  return p;
}

const chainCache = new WeakMap<object, { gen: number; preds: Predicate[] }>();

/**
 * The compiled predicates of a chain's rules, rebuilt only when the namespace's rules changed
 * (`gen` is NetfilterState.generation), so traversal indexes an array instead of a map.
 */
export function chainPredicates(chain: { rules: Rule[] }, gen: number): Predicate[] {
  if (gen < 0) return chain.rules.map(predicate);
  const c = chainCache.get(chain);
  if (c && c.gen === gen && c.preds.length === chain.rules.length) return c.preds;
  const preds = chain.rules.map(predicate);
  chainCache.set(chain, { gen, preds });
  return preds;
}
