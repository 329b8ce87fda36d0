/**
 * Rules compared by meaning: both the expected rule and the learner's are put in the form
 * `iptables -S` prints (`-p tcp --dport 80` becomes `-p tcp -m tcp --dport 80`), by the same
 * parser and printer the iptables command uses.
 */
import '../kernel/netfilter/matches/index.ts';
import '../kernel/netfilter/targets/index.ts';
import { parseIptables } from '../commands/iptables/parse.ts';
import { ruleSpecText } from '../kernel/netfilter/print.ts';

const cache = new Map<string, string | undefined>();

/** Splits a rule the way a shell would for the simple quoting rules use (`--comment "a b"`). */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of s.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** The rule's canonical `-S` text (without `-A CHAIN`), or undefined if iptables would reject it. */
export function canonicalRule(table: string, chain: string, rule: string): string | undefined {
  const key = `${table}\0${chain}\0${rule}`;
  if (cache.has(key)) return cache.get(key);
  const parsed = parseIptables(['-t', table, '-A', chain, ...splitWords(rule)], { chainExists: () => true });
  const text = parsed.ok && parsed.value.rules.length === 1 ? ruleSpecText(parsed.value.rules[0]).trim() : undefined;
  cache.set(key, text);
  return text;
}
