/**
 * `iptables` (1.8.9, nf_tables backend): parse the command line (parse.ts), run the
 * operation on the namespace's table (kernel/netfilter/ops.ts), print listings (list.ts) and
 * rules (kernel/netfilter/print.ts), with the real tool's messages and exit statuses.
 */
import type { CommandModule, ProcContext } from '../../shell/process.ts';
import * as ops from '../../kernel/netfilter/ops.ts';
import { ruleText } from '../../kernel/netfilter/print.ts';
import { BUILTIN_CHAINS, newTable, peekTable } from '../../kernel/netfilter/tables.ts';
import type { Chain, Table } from '../../kernel/netfilter/types.ts';
import { chainLookup, failureText, netnsOf, opFailure, VERSION } from './env.ts';
import { IPTABLES_HELP } from './help.ts';
import { listChain, ruleLine, type ListFormat } from './list.ts';
import { parseIptables, type ParsedCommand } from './parse.ts';
import { completeIptables } from '../complete-words.ts';

const PROG = 'iptables';

function incompatible(chain: string, table: string): string {
  return `${PROG} ${VERSION}: chain \`${chain}' in table \`${table}' is incompatible, use 'nft' tool.\n`;
}

/** `-S` lines for one chain: its -P or -N line, then its rules. */
function saveChain(c: Chain, counters: boolean): string[] {
  const head = c.builtin ? `-P ${c.name} ${c.policy}${counters ? ` -c ${c.policyCounters.pkts} ${c.policyCounters.bytes}` : ''}` : `-N ${c.name}`;
  return [head, ...c.rules.map((r) => ruleText(c.name, r, counters))];
}

/** `iptables -S [CHAIN [NUM]]` output. */
export function listRules(t: Table, p: Pick<ParsedCommand, 'chain' | 'num' | 'verbose'>): string | undefined {
  if (p.chain !== undefined) {
    const c = t.chains.get(p.chain);
    if (!c) return undefined;
    if (p.num !== undefined) {
      const r = c.rules[p.num - 1];
      return r ? `${ruleText(c.name, r, p.verbose)}\n` : '';
    }
    return saveChain(c, p.verbose).join('\n') + '\n';
  }
  const chains = ops.chainsInOrder(t);
  const lines: string[] = [];
  for (const c of chains) if (c.builtin) lines.push(saveChain(c, p.verbose)[0]);
  for (const c of chains) if (!c.builtin) lines.push(`-N ${c.name}`);
  for (const c of chains) for (const r of c.rules) lines.push(ruleText(c.name, r, p.verbose));
  return lines.join('\n') + '\n';
}

/** `iptables -L [CHAIN [NUM]]` output. */
export function listTable(t: Table, p: ParsedCommand): string | undefined {
  const f: ListFormat = { numeric: p.numeric, verbose: p.verbose, exact: p.exact, lineNumbers: p.lineNumbers };
  if (p.chain !== undefined) {
    const c = t.chains.get(p.chain);
    if (!c) return undefined;
    if (p.num !== undefined) {
      const r = c.rules[p.num - 1];
      return r ? ruleLine(r, p.num, f) : '';
    }
    return listChain(t, c, f);
  }
  return ops.chainsInOrder(t).map((c) => listChain(t, c, f)).join('\n');
}

function* run(ctx: ProcContext): Generator<never, number, void> {
  const ns = netnsOf(ctx);
  const parsed = parseIptables(ctx.argv.slice(1), chainLookup(ns));
  if (!parsed.ok) {
    ctx.err(failureText(PROG, parsed.error));
    return parsed.error.exit;
  }
  const p = parsed.value;
  if (p.cmd === 'h') {
    ctx.out(IPTABLES_HELP);
    return 0;
  }
  if (p.cmd === 'V') {
    ctx.out(`${PROG} ${VERSION}\n`);
    return 0;
  }
  const existing = peekTable(ns, p.table);
  const view = existing ?? newTable(p.table);

  if (p.cmd === 'L' || p.cmd === 'S') {
    if (p.cmd === 'L' && p.zero && !existing) {
      ctx.err(`${PROG} ${VERSION}:  CHAIN_ZERO failed (No such file or directory): chain ${BUILTIN_CHAINS[p.table][0]}\n`);
    }
    const text = p.cmd === 'L' ? listTable(view, p) : listRules(view, p);
    if (text === undefined) {
      ctx.err(incompatible(p.chain!, p.table));
      return 1;
    }
    ctx.out(text);
    if (p.cmd === 'L' && p.zero) {
      if (!existing) return 4;
      ops.zero(existing, p.chain);
    }
    return 0;
  }

  const chain = p.chain!;
  let result: ops.OpResult = { ok: true };
  const apply = (creates: boolean, op: (t: Table) => ops.OpResult) => {
    result = ops.withTable(ns, p.table, creates, op);
  };
  switch (p.cmd) {
    case 'A':
      apply(true, (t) => each(p, (r) => ops.append(t, chain, r)));
      break;
    case 'I':
      apply(true, (t) => each(p, (r) => ops.insert(t, chain, p.num ?? 1, r)));
      break;
    case 'R':
      apply(true, (t) => each(p, (r) => ops.replace(t, chain, p.num!, r)));
      break;
    case 'D':
      apply(false, (t) => (p.num !== undefined ? ops.deleteNum(t, chain, p.num) : each(p, (r) => ops.deleteRule(t, chain, r))));
      break;
    case 'C':
      apply(false, (t) => each(p, (r) => ops.check(t, chain, r)));
      break;
    case 'F':
      apply(false, (t) => ops.flush(t, p.chain));
      break;
    case 'Z':
      apply(false, (t) => ops.zero(t, p.chain, p.num));
      break;
    case 'N':
      apply(true, (t) => ops.createChain(t, chain));
      break;
    case 'X':
      // Naming a chain (even a built-in one) of a table that was never made finds nothing.
      apply(false, (t) => (!existing && p.chain !== undefined ? { ok: false, kind: 'kernel', text: ops.ENOENT_TEXT } : ops.deleteChain(t, p.chain)));
      break;
    case 'E':
      apply(false, (t) => ops.renameChain(t, chain, p.arg2!));
      break;
    case 'P':
      apply(true, (t) => ops.setPolicy(t, chain, p.arg2!));
      break;
  }
  const r = result as ops.OpResult;
  if (!r.ok) {
    const f = opFailure(PROG, r);
    ctx.err(f.text);
    return f.exit;
  }
  return 0;
}

/** Applies `op` to each parsed rule, stopping at the first failure. */
function each(p: ParsedCommand, op: (r: ParsedCommand['rules'][number]) => ops.OpResult): ops.OpResult {
  for (const r of p.rules) {
    const res = op(r);
    if (!res.ok) return res;
  }
  return { ok: true };
}

export const iptablesCommand: CommandModule = { name: 'iptables', aliases: ['iptables-nft'], run, complete: completeIptables };
