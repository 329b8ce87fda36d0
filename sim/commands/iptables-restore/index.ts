/**
 * `iptables-restore` (1.8.9, nf_tables): reads a ruleset (a file or standard input) table by
 * table. Each `*table` section is built on a copy (the table flushed, or kept with
 * --noflush) and replaces the live table at its COMMIT, so a section with an error changes
 * nothing; as in the real tool, sections committed before the error stay applied.
 */
import type { CommandModule, ProcContext } from '../../shell/process.ts';
import { resolvePath } from '../../fs/index.ts';
import { cloneTable, commitTable, type OpResult } from '../../kernel/netfilter/ops.ts';
import * as ops from '../../kernel/netfilter/ops.ts';
import { isTableName, newTable, peekTable } from '../../kernel/netfilter/tables.ts';
import type { Table } from '../../kernel/netfilter/types.ts';
import { failureText, netnsOf } from '../iptables/env.ts';
import { parseIptables, type ParsedCommand } from '../iptables/parse.ts';
import { strerror } from '../../fs/index.ts';

const PROG = 'iptables-restore';

/** Splits a rule line into words, honouring quotes and backslash escapes. */
export function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length && quote) {
      cur += line[++i];
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (cur || has) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += c;
  }
  if (cur || has) out.push(cur);
  return out;
}

interface Options {
  counters: boolean;
  noflush: boolean;
  test: boolean;
  file?: string;
}

function readInput(ctx: ProcContext, o: Options): string | { error: string } {
  if (o.file === undefined || o.file === '-') return ctx.stdin;
  const fs = ctx.fs ?? (ctx.machine as unknown as { fs: NonNullable<ProcContext['fs']> }).fs;
  const r = fs.readFile(resolvePath(ctx.cwd ?? '/', o.file), { netnsId: ctx.netnsId });
  if (!r.ok) return { error: `Can't open ${o.file}: ${strerror(r.errno)}\n` };
  return r.value;
}

function* run(ctx: ProcContext): Generator<never, number, void> {
  const o: Options = { counters: false, noflush: false, test: false };
  for (const a of ctx.argv.slice(1)) {
    if (a === '-c' || a === '--counters') o.counters = true;
    else if (a === '-n' || a === '--noflush') o.noflush = true;
    else if (a === '-t' || a === '--test') o.test = true;
    else if (a === '-v' || a === '--verbose' || a === '-w' || a === '--wait') continue;
    else if (a.startsWith('-') && a !== '-') {
      const bad = a.startsWith('--') ? a : a.slice(1);
      ctx.err(a.startsWith('--') ? `${PROG}: unrecognized option '${bad}'\n` : `${PROG}: invalid option -- '${bad[0]}'\n`);
      return 1;
    } else o.file = a;
  }
  const input = readInput(ctx, o);
  if (typeof input !== 'string') {
    ctx.err(input.error);
    return 1;
  }
  const ns = netnsOf(ctx);
  const lines = input.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let work: Table | undefined;
  const pending: string[] = [];
  for (let n = 1; n <= lines.length; n++) {
    const line = lines[n - 1].trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line === 'COMMIT') {
      if (!work) {
        ctx.err(`${PROG}: line ${n} failed\n`);
        return 1;
      }
      // Jump targets are resolved when the section is committed, so errors name this line.
      const missing = pending.find((c) => !work!.chains.has(c));
      if (missing !== undefined) {
        ctx.err(failureText(PROG, { message: `Chain '${missing}' does not exist`, exit: 2, prefixed: true, usage: true }, n));
        return 2;
      }
      pending.length = 0;
      if (!o.test) commitTable(ns, work);
      work = undefined;
      continue;
    }
    if (line.startsWith('*')) {
      const name = line.slice(1).trim();
      if (!isTableName(name)) {
        ctx.err(failureText(PROG, { message: `${PROG}: line ${n} table name '${name}' invalid`, exit: 2, prefixed: true, usage: true }, n));
        return 2;
      }
      const live = peekTable(ns, name);
      work = o.noflush && live ? cloneTable(live) : newTable(name);
      continue;
    }
    if (!work) {
      ctx.err(`${PROG}: line ${n} failed\n`);
      return 1;
    }
    if (line.startsWith(':')) {
      const [chain, policy, cnt] = line.slice(1).split(/\s+/);
      const m = /^\[(\d+):(\d+)\]$/.exec(cnt ?? '');
      const c = work.chains.get(chain);
      if (policy === '-' || policy === undefined) {
        if (!c) ops.createChain(work, chain);
        else if (!o.noflush) c.rules = [];
        continue;
      }
      const r = ops.setPolicy(work, chain, policy);
      if (!r.ok) {
        ctx.err(`${PROG}: line ${n} failed: ${r.text.replace(/ Run `dmesg'.*$/, '')}\n`);
        return 1;
      }
      if (o.counters && m) work.chains.get(chain)!.policyCounters = { pkts: Number(m[1]), bytes: Number(m[2]) };
      continue;
    }
    let words = splitLine(line);
    let counters: { pkts: number; bytes: number } | undefined;
    const cm = /^\[(\d+):(\d+)\]$/.exec(words[0] ?? '');
    if (cm) {
      counters = { pkts: Number(cm[1]), bytes: Number(cm[2]) };
      words = words.slice(1);
    }
    const w = work;
    const parsed = parseIptables([...words, '-t', w.name], {
      chainExists: (_t, c) => {
        if (!w.chains.has(c)) pending.push(c);
        return true;
      },
    });
    if (!parsed.ok) {
      ctx.err(failureText(PROG, parsed.error, n));
      return parsed.error.exit;
    }
    const p = parsed.value;
    if (o.counters && counters) for (const r of p.rules) r.counters = { ...counters };
    const res = applyLine(w, p);
    if (!res.ok) {
      ctx.err(`${PROG}: line ${n} failed: ${res.text}\n`);
      return 1;
    }
  }
  if (work) {
    ctx.err(`${PROG}: COMMIT expected at line ${lines.length + 1}\n`);
    return 1;
  }
  return 0;
}

/** Applies one parsed rule line to the section's working table. */
function applyLine(t: Table, p: ParsedCommand): OpResult {
  const chain = p.chain!;
  const each = (f: (r: (typeof p.rules)[number]) => OpResult): OpResult => {
    for (const r of p.rules) {
      const x = f(r);
      if (!x.ok) return x;
    }
    return { ok: true };
  };
  switch (p.cmd) {
    case 'A': return each((r) => ops.append(t, chain, r));
    case 'I': return each((r) => ops.insert(t, chain, p.num ?? 1, r));
    case 'R': return each((r) => ops.replace(t, chain, p.num!, r));
    case 'D': return p.num !== undefined ? ops.deleteNum(t, chain, p.num) : each((r) => ops.deleteRule(t, chain, r));
    case 'C': return each((r) => ops.check(t, chain, r));
    case 'F': return ops.flush(t, p.chain);
    case 'Z': return ops.zero(t, p.chain, p.num);
    case 'N': return ops.createChain(t, chain);
    case 'X': return p.chain !== undefined && t.chains.get(p.chain)?.builtin ? { ok: false, kind: 'kernel', text: ops.ENOENT_TEXT } : ops.deleteChain(t, p.chain);
    case 'E': return ops.renameChain(t, chain, p.arg2!);
    case 'P': return ops.setPolicy(t, chain, p.arg2!);
    default: return { ok: true };
  }
}

export const iptablesRestoreCommand: CommandModule = { name: 'iptables-restore', aliases: ['iptables-nft-restore'], run };
