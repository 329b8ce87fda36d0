/**
 * What iptables asks the kernel to do, on one table: append, insert, replace, delete, check,
 * flush, zero, new/delete/rename chain, policy. Results carry the error the nf_tables backend
 * reports, as data: `kernel` errors print as `iptables: <text>` (exit 1), `nft` errors as
 * `iptables v1.8.9 (nf_tables): <text>` (exit 4). Operations work on a Table value so that
 * iptables-restore can apply a whole section to a copy and commit it at once.
 */
import { getTarget } from './ext.ts';
import { ruleSpecText } from './print.ts';
import { BUILTIN_CHAINS, newChain, newTable, nfState } from './tables.ts';
import type { Chain, Rule, Table, TableName } from './types.ts';
import type { Netns } from '../types.ts';

export type OpResult = { ok: true } | { ok: false; kind: 'kernel' | 'nft'; text: string };

const OK: OpResult = { ok: true };
const kernelErr = (text: string): OpResult => ({ ok: false, kind: 'kernel', text });
const nftErr = (text: string): OpResult => ({ ok: false, kind: 'nft', text });

export const ENOENT_TEXT = 'No chain/target/match by that name.';

type Verb = 'RULE_APPEND' | 'RULE_INSERT' | 'RULE_REPLACE';

/** Number of rules in the table that jump or go to `name` (the "(N references)" of -L). */
export function references(t: Table, name: string): number {
  let n = 0;
  for (const c of t.chains.values()) for (const r of c.rules) if (r.target?.name === name) n++;
  return n;
}

/** User chains sorted by name, as the nf_tables backend lists them. */
export function userChains(t: Table): Chain[] {
  return [...t.chains.values()].filter((c) => !c.builtin).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Built-in chains in listing order, then user chains by name. */
export function chainsInOrder(t: Table): Chain[] {
  return [...BUILTIN_CHAINS[t.name].map((n) => t.chains.get(n)!).filter(Boolean), ...userChains(t)];
}

/** Is a jump loop reachable from a built-in chain (the kernel refuses it with ELOOP)? */
function loopFromBase(t: Table): boolean {
  const state = new Map<string, 1 | 2>();
  const visit = (c: Chain): boolean => {
    state.set(c.name, 1);
    for (const r of c.rules) {
      const d = r.target && t.chains.get(r.target.name);
      if (!d || d.builtin) continue;
      const s = state.get(d.name);
      if (s === 1) return true;
      if (s === undefined && visit(d)) return true;
    }
    state.set(c.name, 2);
    return false;
  };
  for (const c of t.chains.values()) if (c.builtin && !state.has(c.name) && visit(c)) return true;
  return false;
}

/** The kernel's checks when a rule enters a chain: the target's table/hook constraints and loops. */
function admit(t: Table, chain: Chain, rule: Rule, verb: Verb, apply: () => void, undo: () => void): OpResult {
  const ext = rule.target && getTarget(rule.target.name);
  if (ext?.valid && !ext.valid(rule.target!.data, rule, t.name, chain.name)) {
    return nftErr(` ${verb} failed (Invalid argument): rule in chain ${chain.name}`);
  }
  apply();
  const dest = rule.target && t.chains.get(rule.target.name);
  if (dest && !dest.builtin && loopFromBase(t)) {
    undo();
    return nftErr(` ${verb} failed (Too many links): rule in chain ${chain.name}`);
  }
  return OK;
}

export function append(t: Table, chainName: string, rule: Rule): OpResult {
  const c = t.chains.get(chainName);
  if (!c) return kernelErr(ENOENT_TEXT);
  return created(c, admit(t, c, rule, 'RULE_APPEND', () => c.rules.push(rule), () => c.rules.pop()));
}

/** -I CHAIN [NUM]: NUM is 1-based; NUM = length + 1 appends. */
export function insert(t: Table, chainName: string, num: number, rule: Rule): OpResult {
  const c = t.chains.get(chainName);
  if (!c) return kernelErr(ENOENT_TEXT);
  if (num > c.rules.length + 1 || (num > 1 && c.rules.length === 0)) return kernelErr('Index of insertion too big.');
  return created(c, admit(t, c, rule, 'RULE_INSERT', () => c.rules.splice(num - 1, 0, rule), () => c.rules.splice(num - 1, 1)));
}

/** Marks a chain as existing in nf_tables once a rule went into it. */
function created(c: Chain, r: OpResult): OpResult {
  if (r.ok) c.inKernel = true;
  return r;
}

export function replace(t: Table, chainName: string, num: number, rule: Rule): OpResult {
  const c = t.chains.get(chainName);
  if (!c || c.rules.length === 0) return kernelErr(ENOENT_TEXT);
  if (num > c.rules.length) return kernelErr('Index of replacement too big.');
  const old = c.rules[num - 1];
  return admit(t, c, rule, 'RULE_REPLACE', () => (c.rules[num - 1] = rule), () => (c.rules[num - 1] = old));
}

export function deleteNum(t: Table, chainName: string, num: number): OpResult {
  const c = t.chains.get(chainName);
  if (!c || num > c.rules.length) return kernelErr(ENOENT_TEXT);
  c.rules.splice(num - 1, 1);
  return OK;
}

/** Index of the first rule with the same specification (what -D and -C look for), or -1. */
export function findRule(c: Chain, rule: Rule): number {
  const want = ruleSpecText(rule);
  return c.rules.findIndex((r) => ruleSpecText(r) === want);
}

export function deleteRule(t: Table, chainName: string, rule: Rule): OpResult {
  const c = t.chains.get(chainName);
  if (!c) return kernelErr(ENOENT_TEXT);
  const i = findRule(c, rule);
  if (i < 0) return kernelErr('Bad rule (does a matching rule exist in that chain?).');
  c.rules.splice(i, 1);
  return OK;
}

export function check(t: Table, chainName: string, rule: Rule): OpResult {
  const c = t.chains.get(chainName);
  // A missing chain is just "no such rule" for -C (recorded on 1.8.9).
  return !c || findRule(c, rule) < 0 ? kernelErr('Bad rule (does a matching rule exist in that chain?).') : OK;
}

/** -F [CHAIN]. */
export function flush(t: Table, chainName?: string): OpResult {
  if (chainName === undefined) {
    for (const c of t.chains.values()) c.rules = [];
    return OK;
  }
  const c = t.chains.get(chainName);
  if (!c) return kernelErr(ENOENT_TEXT);
  c.rules = [];
  return OK;
}

/**
 * -Z [CHAIN [NUM]]: zeroes rule counters and the policy counters. iptables-nft zeroes a base
 * chain by re-creating it with counters, so its policy counts from then on (see
 * Chain.inKernel); a named base chain nf_tables does not have yet is ENOENT.
 */
export function zero(t: Table, chainName?: string, num?: number): OpResult {
  const chains = chainName === undefined ? [...t.chains.values()] : [t.chains.get(chainName)];
  if (chains.some((c) => !c)) return kernelErr(ENOENT_TEXT);
  if (chainName !== undefined && num === undefined && chains[0]!.builtin && !chains[0]!.inKernel) return kernelErr(ENOENT_TEXT);
  for (const c of chains as Chain[]) {
    if (num !== undefined) {
      // A rule number past the end zeroes nothing and is not an error.
      const r = c.rules[num - 1];
      if (r) r.counters = { pkts: 0, bytes: 0 };
      continue;
    }
    c.policyCounters = { pkts: 0, bytes: 0 };
    if (c.builtin && c.inKernel) c.policyCounted = true;
    for (const r of c.rules) r.counters = { pkts: 0, bytes: 0 };
  }
  return OK;
}

export function createChain(t: Table, name: string): OpResult {
  if (t.chains.has(name)) return kernelErr('Chain already exists.');
  t.chains.set(name, newChain(name, false));
  return OK;
}

/**
 * -X [CHAIN]: user chains only. One named chain must be empty and unreferenced. Without a
 * name, the nf_tables backend deletes every user chain in one batch, in creation order, each
 * with its rules: a chain still referenced by a rule not yet deleted is busy, and then the
 * whole batch fails with that chain's name.
 */
export function deleteChain(t: Table, name?: string): OpResult {
  const busy = (c: Chain) => nftErr(` CHAIN_DEL failed (Device or resource busy): chain ${c.name}`);
  if (name !== undefined) {
    const c = t.chains.get(name);
    if (!c) return kernelErr(ENOENT_TEXT);
    if (c.builtin) return OK;
    if (c.rules.length > 0 || references(t, c.name) > 0) return busy(c);
    t.chains.delete(name);
    return OK;
  }
  const users = [...t.chains.values()].filter((c) => !c.builtin);
  const gone = new Set<Chain>();
  for (const c of users) {
    for (const other of t.chains.values()) {
      if (other === c || gone.has(other)) continue;
      if (other.rules.some((r) => r.target?.name === c.name)) return busy(c);
    }
    gone.add(c);
  }
  for (const c of users) t.chains.delete(c.name);
  return OK;
}

/** -E OLD NEW: renames a user chain and the rules that jump to it. */
export function renameChain(t: Table, from: string, to: string): OpResult {
  const c = t.chains.get(from);
  if (!c || c.builtin) return kernelErr(ENOENT_TEXT);
  if (t.chains.has(to)) return kernelErr('File exists.');
  const chains = [...t.chains.values()];
  t.chains.clear();
  for (const x of chains) t.chains.set(x === c ? to : x.name, x);
  c.name = to;
  for (const x of t.chains.values()) for (const r of x.rules) if (r.target?.name === from) r.target = { ...r.target, name: to };
  return OK;
}

/** -P CHAIN POLICY: a built-in chain's policy (ACCEPT or DROP). */
export function setPolicy(t: Table, chainName: string, policy: string): OpResult {
  const c = t.chains.get(chainName);
  if (!c || !c.builtin) return kernelErr('Bad built-in chain name.');
  if (policy !== 'ACCEPT' && policy !== 'DROP') return kernelErr("Bad policy name. Run `dmesg' for more information.");
  c.policy = policy;
  // iptables-nft sets a policy by re-sending the base chain without counters: they restart at 0.
  c.policyCounters = { pkts: 0, bytes: 0 };
  c.policyCounted = true;
  c.inKernel = true;
  return OK;
}

/** A deep-enough copy of a table for restore: chains and rule arrays are new, rules are shared. */
export function cloneTable(t: Table): Table {
  const chains = new Map<string, Chain>();
  for (const [k, c] of t.chains) chains.set(k, { ...c, policyCounters: { ...c.policyCounters }, rules: [...c.rules] });
  return { name: t.name, chains };
}

/**
 * Runs `op` on the namespace's table. A table that does not exist yet is created only when
 * the operation succeeded and `creates` is set (nf_tables makes tables on first write).
 */
export function withTable(netns: Netns, name: TableName, creates: boolean, op: (t: Table) => OpResult): OpResult {
  const s = nfState(netns);
  const existing = s.tables.get(name);
  const t = existing ?? newTable(name);
  const r = op(t);
  if (r.ok && !existing && creates) s.tables.set(name, t);
  s.generation++;
  return r;
}

/** Replaces (or installs) a whole table, as iptables-restore's COMMIT does. */
export function commitTable(netns: Netns, t: Table): void {
  const s = nfState(netns);
  s.tables.set(t.name, t);
  s.generation++;
}
