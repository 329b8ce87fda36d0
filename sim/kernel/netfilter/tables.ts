/**
 * The four tables the lab models, their built-in chains, and the order in which each hook
 * visits them (the kernel's priorities: raw -300, mangle -150, nat -100/100, filter 0).
 *
 *   PREROUTING : raw, mangle, nat (DNAT)       INPUT      : mangle, nat (SNAT), filter
 *   FORWARD    : mangle, filter                OUTPUT     : raw, mangle, nat (DNAT), filter
 *   POSTROUTING: mangle, nat (SNAT)
 */
import type { Chain, NetfilterState, NfHookName, Table, TableName } from './types.ts';
import type { Netns } from '../types.ts';

/** Built-in chains per table, in the order iptables lists them. */
export const BUILTIN_CHAINS: Record<TableName, NfHookName[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** Order in which iptables-save (nf_tables backend) prints the tables that exist. */
export const SAVE_ORDER: TableName[] = ['mangle', 'raw', 'filter', 'nat'];

/** Tables each hook visits, in the kernel's priority order. */
export const HOOK_TABLES: Record<NfHookName, TableName[]> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'nat', 'filter'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
};

export function isTableName(s: string): s is TableName {
  return s === 'raw' || s === 'mangle' || s === 'nat' || s === 'filter';
}

/** A fresh chain. */
export function newChain(name: string, builtin: boolean): Chain {
  return { name, builtin, policy: builtin ? 'ACCEPT' : undefined, policyCounters: { pkts: 0, bytes: 0 }, rules: [] };
}

/** A fresh table with its built-in chains (policy ACCEPT, no rules). */
export function newTable(name: TableName): Table {
  const chains = new Map<string, Chain>();
  for (const c of BUILTIN_CHAINS[name]) chains.set(c, newChain(c, true));
  return { name, chains };
}

/** The namespace's netfilter state, created empty on first use. */
export function nfState(netns: Netns): NetfilterState {
  let s = netns.ext.netfilter as NetfilterState | undefined;
  if (!s) {
    s = { tables: new Map(), generation: 0 };
    netns.ext.netfilter = s;
  }
  return s;
}

/** The table if it exists; listings of a missing table show a fresh one without creating it. */
export function peekTable(netns: Netns, name: TableName): Table | undefined {
  return (netns.ext.netfilter as NetfilterState | undefined)?.tables.get(name);
}

/** The table, creating it (and so making it appear in iptables-save) when missing. */
export function useTable(netns: Netns, name: TableName): Table {
  const s = nfState(netns);
  let t = s.tables.get(name);
  if (!t) {
    t = newTable(name);
    s.tables.set(name, t);
    s.generation++;
  }
  return t;
}

/** Marks the namespace's rules as changed. */
export function touch(netns: Netns): void {
  nfState(netns).generation++;
}
