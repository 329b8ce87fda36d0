/**
 * Mistakes in an exercise that show without running anything: a rule iptables would refuse
 * (the check could then never pass), a TCP/UDP probe with no port, a field a check kind
 * ignores, a custom check nobody registered, and placeholder text left from `netlab new`.
 */
import '../kernel/netfilter/matches/index.ts';
import '../kernel/netfilter/targets/index.ts';
import { parseIptables } from '../commands/iptables/parse.ts';
import { splitWords } from '../check/rules.ts';
import { customCheck } from '../check/custom.ts';
import type { Check, Exercise, Hint } from '../check/schema.ts';
import type { SchemaProblem } from './zod-messages.ts';

/** Why iptables would refuse `rule` in `table`/`chain`, or undefined if it takes it. */
export function ruleProblem(table: string, chain: string, rule: string): string | undefined {
  const words = splitWords(rule);
  if (words[0] === '-A' || words[0] === '-I') return `write the rule without \`${words[0]} ${words[1] ?? 'CHAIN'}\`: the chain goes in \`chain:\``;
  const r = parseIptables(['-t', table, '-A', chain, ...words], { chainExists: () => true });
  if (!r.ok) return `iptables would refuse this rule: ${r.error.message}`;
  if (r.value.rules.length !== 1) return 'this is not exactly one rule (one source and one destination address each)';
  return undefined;
}

/** `TODO` left in a text an instructor must write. */
export const PLACEHOLDER = /\bTODO\b/;

/** Static problems of a valid exercise, with the path of the field at fault. */
export function exerciseProblems(ex: Exercise): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const todo = (path: PropertyKey[], text: string) => {
    if (PLACEHOLDER.test(text)) out.push({ path, message: `still placeholder text from netlab new: ${JSON.stringify(text.trim())}` });
  };
  todo(['title'], ex.title);
  todo(['goal'], ex.goal);
  const lists = (base: PropertyKey[], checks: Check[], hints: Hint[]) => {
    hints.forEach((h, i) => todo([...base, 'hints', i, 'text'], h.text));
    checks.forEach((c, i) => checkProblems(c, [...base, 'checks', i], todo, out));
  };
  lists([], ex.checks, ex.hints);
  // Variants (when the exercise has them) add checks and hints of their own.
  const variants = (ex as { variants?: { checks?: Check[]; hints?: Hint[] }[] }).variants ?? [];
  variants.forEach((v, i) => lists(['variants', i], v.checks ?? [], v.hints ?? []));
  return out;
}

/** Static problems of one check at `at`. */
function checkProblems(c: Check, base: PropertyKey[], todo: (path: PropertyKey[], text: string) => void, out: SchemaProblem[]): void {
  const at = (...p: PropertyKey[]) => [...base, ...p];
  todo(at('label'), c.label);
  if (c.feedback) todo(at('feedback'), c.feedback);
  switch (c.kind) {
    case 'rule':
      [c.rule, ...(c.anyOf ?? [])].forEach((text, j) => {
        const why = ruleProblem(c.table, c.chain, text);
        if (why) out.push({ path: j === 0 ? at('rule') : at('anyOf', j - 1), message: why });
      });
      break;
    case 'reach':
      if (c.proto !== 'icmp' && c.port === undefined) out.push({ path: at('port'), message: `a ${c.proto} probe needs a port (add \`port: N\`)` });
      if (c.proto === 'icmp' && c.port !== undefined)
        out.push({ path: at('port'), message: 'an icmp probe has no port: set `proto: tcp` or `proto: udp`, or drop `port`' });
      if (!c.expect && c.seesSrc !== undefined)
        out.push({ path: at('seesSrc'), message: 'seesSrc is only compared when the probe must succeed (expect: true)' });
      break;
    case 'custom':
      if (!customCheck(c.fn)) out.push({ path: at('fn'), message: `no custom check named "${c.fn}" is registered (registerCustomCheck in sim/check/custom.ts)` });
      break;
  }
}
