/**
 * Netfilter's representation: tables of named chains holding rules. A rule is a header
 * filter (addresses, interfaces, protocol), a list of match instances and one target, as in
 * the kernel's ipt_entry (gVisor's Rule{Filter, Matchers, Target}). Everything here is plain
 * data; compiled matchers are cached beside it (see compile.ts) so listings stay cheap.
 */
import type { NfHookName } from '../../observe/trace.ts';

export type TableName = 'raw' | 'mangle' | 'nat' | 'filter';

/** Packet and byte counters, as `-v` and `iptables-save -c` show them. */
export interface Counters {
  pkts: number;
  bytes: number;
}

/** An IPv4 prefix filter from -s/-d: address and mask as unsigned 32-bit numbers. */
export interface AddrFilter {
  addr: number;
  mask: number;
  inv: boolean;
}

/** An interface filter from -i/-o; `name` may end with `+` (prefix match). */
export interface IfaceFilter {
  name: string;
  inv: boolean;
}

/** One `-m NAME ...` (or implicit protocol match) with the extension's own data. */
export interface MatchInstance {
  name: string;
  data: Record<string, unknown>;
}

/** The rule's target: a built-in verdict, a user chain, or a target extension. */
export interface TargetInstance {
  name: string;
  /** Jump (-j) or goto (-g) when the target is a user chain. */
  goto?: boolean;
  data: Record<string, unknown>;
}

/** A rule: header filter + matches + target (all optional but the counters). */
export interface Rule {
  src?: AddrFilter;
  dst?: AddrFilter;
  inIface?: IfaceFilter;
  outIface?: IfaceFilter;
  /** Protocol number; 0 (or absent) means all. */
  proto?: { num: number; inv: boolean };
  matches: MatchInstance[];
  target?: TargetInstance;
  counters: Counters;
}

export interface Chain {
  name: string;
  /** Built-in chains have a policy and policy counters; user chains have neither. */
  builtin: boolean;
  policy?: 'ACCEPT' | 'DROP';
  policyCounters: Counters;
  /**
   * The policy counts packets only once it was set (-P or a restore line): iptables-nft then
   * gives the base chain counters; a chain made implicitly with its table has none.
   */
  policyCounted?: boolean;
  /**
   * A built-in chain exists in nf_tables only once iptables-nft needed it: a rule added to it,
   * its policy set, a restore line. Zeroing an existing one re-creates it with counters, so its
   * policy counts from then on; zeroing a named one that does not exist yet is ENOENT.
   */
  inKernel?: boolean;
  rules: Rule[];
}

export interface Table {
  name: TableName;
  /** Chains in creation order: built-ins first in the kernel's order, then user chains. */
  chains: Map<string, Chain>;
}

/** A namespace's netfilter state, stored in `netns.ext.netfilter`. */
export interface NetfilterState {
  /** Only tables that have been used exist (the nf_tables backend creates them on demand). */
  tables: Map<TableName, Table>;
  /** Bumped on every change, so compiled chains and the conntrack need are recomputed. */
  generation: number;
}

export type { NfHookName };
