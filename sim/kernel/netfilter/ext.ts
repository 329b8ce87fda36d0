/**
 * Matches and targets are small registered modules, as in xtables: each declares the long
 * options it accepts, parses them into its own data, prints that data for `iptables -S`
 * (save) and `iptables -L` (list), and compiles it into a predicate (match) or a verdict
 * function (target). The iptables parser, the printers and the traversal only talk to
 * extensions through this interface.
 */
import type { Ipv4Packet, SkbMeta } from '../packet.ts';
import type { Link, Netns } from '../types.ts';
import type { Conn, CtState } from './conntrack.ts';
import type { NfHookName, Rule, TableName } from './types.ts';

/** What the parser knows when an extension option is seen. */
export interface ParseState {
  /** The rule's -p protocol so far (0 = any) and whether it is inverted. */
  proto: number;
  protoInv: boolean;
  table: TableName;
  chain: string;
}

/** The packet as matches see it; addresses pre-parsed once per hook. */
export interface MatchCtx {
  netns: Netns;
  hook: NfHookName;
  pkt: Ipv4Packet;
  skb: SkbMeta;
  src: number;
  dst: number;
  inDev?: Link;
  outDev?: Link;
  ct?: Conn;
  ctState: CtState;
}

/** Result of a target: a final verdict, continue with the next rule, or return from the chain. */
export type Verdict = 'ACCEPT' | 'DROP' | 'CONTINUE' | 'RETURN';

/** What a target may do besides returning a verdict. */
export interface TargetCtx extends MatchCtx {
  table: TableName;
  /** Send a locally generated packet (REJECT's ICMP error or TCP reset). */
  sendLocal(reply: Ipv4Packet): void;
  /** Set up NAT for the packet's new connection (nat table targets). */
  nat(kind: 'src' | 'dst', range: NatRange): Verdict;
  /** Append a line to the kernel log (LOG). */
  log(level: number, line: string): void;
}

/** A NAT mapping: address range and optional port range; undefined fields keep the packet's. */
export interface NatRange {
  minAddr?: number;
  maxAddr?: number;
  minPort?: number;
  maxPort?: number;
  /** MASQUERADE: take the address from the output device. */
  masquerade?: boolean;
  /** REDIRECT: take the address from the input device (or 127.0.0.1 locally). */
  redirect?: boolean;
}

/**
 * Declared options: whether each takes an argument, and how many extra words it consumes
 * after it (`--tcp-flags MASK COMP`); extra words are joined to the argument with spaces.
 */
export type OptionSpec = Record<string, { arg: boolean; extra?: number }>;

/** Parse result: undefined when fine, else an error for the parameter-problem path (exit 2). */
export type ParseError = string | undefined;

export interface MatchExt {
  name: string;
  options: OptionSpec;
  /** Extension data before any option was seen. */
  init(): Record<string, unknown>;
  parse(data: Record<string, unknown>, opt: string, arg: string | undefined, inv: boolean, st: ParseState): ParseError;
  /** Checks once the whole command line was read (required options, protocol). */
  final?(data: Record<string, unknown>, st: ParseState): ParseError;
  /** Text after `-m NAME` in -S output, with a leading space. */
  save(data: Record<string, unknown>): string;
  /** Text in the -L options column, with a leading space. */
  list(data: Record<string, unknown>, numeric: boolean): string;
  compile(data: Record<string, unknown>): (c: MatchCtx) => boolean;
  /** Rules with this match need connection tracking in their namespace. */
  conntrack?: boolean;
}

export interface TargetExt {
  name: string;
  options: OptionSpec;
  init(): Record<string, unknown>;
  parse(data: Record<string, unknown>, opt: string, arg: string | undefined, inv: boolean, st: ParseState): ParseError;
  final?(data: Record<string, unknown>, st: ParseState): ParseError;
  /** The kernel's check when the rule is added: table/hook/protocol constraints (EINVAL otherwise). */
  valid?(data: Record<string, unknown>, rule: Rule, table: TableName, chain: string): boolean;
  save(data: Record<string, unknown>): string;
  list(data: Record<string, unknown>, numeric: boolean): string;
  run(data: Record<string, unknown>, ctx: TargetCtx): Verdict;
  conntrack?: boolean;
}

const matches = new Map<string, MatchExt>();
const targets = new Map<string, TargetExt>();

/** Registers a match module (called by matches/index.ts). */
export function registerMatch(m: MatchExt): void {
  matches.set(m.name, m);
}

/** Registers a target module (called by targets/index.ts). */
export function registerTarget(t: TargetExt): void {
  targets.set(t.name, t);
}

export function getMatch(name: string): MatchExt | undefined {
  return matches.get(name);
}

export function getTarget(name: string): TargetExt | undefined {
  return targets.get(name);
}
