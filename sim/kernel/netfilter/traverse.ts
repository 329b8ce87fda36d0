/**
 * The one traversal: walks a table's chain for a packet and owns jumps (-j CHAIN), goto
 * (-g CHAIN), RETURN, the built-in chain's policy, the jump-depth limit and the counters.
 * A matching rule counts the packet (1 packet, ipLength bytes) before its target runs, so a
 * jump rule counts too. A policy counts only on a chain whose policy was set (see Chain.policyCounted).
 * Targets only return verdicts (see ext.ts); everything else happens here.
 */
import { ipLength } from '../packet.ts';
import { getTarget } from './ext.ts';
import type { TargetCtx } from './ext.ts';
import { chainPredicates } from './compile.ts';
import type { Chain, Rule, Table } from './types.ts';

/** The kernel gives up on rulesets that nest deeper than this (nft's jump stack). */
export const MAX_JUMP_DEPTH = 16;

/** Observer of traversal steps, for trace events; absent when tracing is off. */
export interface TraverseObserver {
  rule(chain: Chain, index: number, rule: Rule, verdict: string): void;
  policy(chain: Chain, verdict: string): void;
}

export type FinalVerdict = 'ACCEPT' | 'DROP';

interface Frame {
  chain: Chain;
  next: number;
}

/** Runs `chainName` (a built-in chain) of `table` for the packet in `ctx`. */
export function traverse(table: Table, chainName: string, ctx: TargetCtx, obs?: TraverseObserver, gen = -1): FinalVerdict {
  const base = table.chains.get(chainName);
  if (!base) return 'ACCEPT';
  const len = ipLength(ctx.pkt);
  const stack: Frame[] = [];
  let chain = base;
  let i = 0;
  let hops = 0;
  for (;;) {
    const rules = chain.rules;
    const preds = chainPredicates(chain, gen);
    let jumped = false;
    for (; i < rules.length; i++) {
      const r = rules[i];
      if (!preds[i](ctx)) continue;
      r.counters.pkts++;
      r.counters.bytes += len;
      const t = r.target;
      if (!t) {
        obs?.rule(chain, i, r, 'CONTINUE');
        continue;
      }
      if (t.name === 'ACCEPT' || t.name === 'DROP') {
        obs?.rule(chain, i, r, t.name);
        return t.name;
      }
      if (t.name === 'RETURN') {
        obs?.rule(chain, i, r, 'RETURN');
        break;
      }
      const ext = getTarget(t.name);
      if (ext) {
        const v = ext.run(t.data, ctx);
        obs?.rule(chain, i, r, v);
        if (v === 'ACCEPT' || v === 'DROP') return v;
        if (v === 'RETURN') break;
        continue;
      }
      const dest = table.chains.get(t.name);
      if (!dest) continue;
      obs?.rule(chain, i, r, t.goto ? `GOTO ${t.name}` : `JUMP ${t.name}`);
      if (!t.goto) stack.push({ chain, next: i + 1 });
      // A loop of gotos never grows the stack; the hop budget stops it like the depth limit.
      if (stack.length >= MAX_JUMP_DEPTH || ++hops > 4096) return 'DROP';
      chain = dest;
      i = 0;
      jumped = true;
      break;
    }
    if (jumped) continue;
    // End of chain or RETURN: back to the caller, or the built-in chain's policy.
    const f = stack.pop();
    if (f) {
      chain = f.chain;
      i = f.next;
      continue;
    }
    // nf_tables base chains count their policy only when iptables gave them counters (-P).
    const policy = base.policy ?? 'ACCEPT';
    if (base.policyCounted) {
      base.policyCounters.pkts++;
      base.policyCounters.bytes += len;
    }
    obs?.policy(base, policy);
    return policy;
  }
}
