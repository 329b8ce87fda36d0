/**
 * Evaluating an exercise: every check in order, each a verdict with a reason, plus the score
 * (weighted share of passing checks) and which hint fits the learner's situation best.
 * State checks read the learner's machine; probes and the reference comparison run on copies
 * made by `fork()` (the machine is deterministic: replaying its log rebuilds it).
 */
import type { Check, Exercise, Hint } from './schema.ts';
import { evaluateState, type Verdict } from './state.ts';
import { evaluateReach, runProbe, type ProbeMachine } from './probe.ts';
import { customCheck } from './custom.ts';
import { resolveNetns } from './resolve.ts';

export interface CheckResult {
  id: string;
  label: string;
  kind: Check['kind'];
  pass: boolean;
  /** Why it fails (the check's own feedback if it has one); empty when it passes. */
  message: string;
  weight: number;
}

export interface Evaluation {
  results: CheckResult[];
  /** Weighted share of passing checks, 0..1. */
  score: number;
  complete: boolean;
}

export interface EvaluateOptions {
  /** A fresh copy of the learner's machine, for probes (each probe gets its own). */
  fork: () => ProbeMachine;
  /** The reference solution's machine, for `same-as-reference`. */
  reference?: () => ProbeMachine;
  /** Skip probes (fast re-evaluation while typing); their previous results are kept by the caller. */
  statesOnly?: boolean;
}

const PROBES = new Set<Check['kind']>(['reach', 'same-as-reference']);

/** True for checks that send traffic (and so need a fork). */
export function isProbe(c: Check): boolean {
  return PROBES.has(c.kind);
}

/** Evaluates every check of `ex` against `machine`. */
export function evaluate(ex: Exercise, machine: ProbeMachine, opts: EvaluateOptions): Evaluation {
  const results: CheckResult[] = [];
  for (const c of ex.checks) {
    if (opts.statesOnly && isProbe(c)) continue;
    const v = verdictOf(c, machine, opts);
    results.push({
      id: c.id,
      label: c.label,
      kind: c.kind,
      pass: v.pass,
      message: v.pass ? '' : (c.feedback ?? v.why),
      weight: c.weight,
    });
  }
  const total = results.reduce((s, r) => s + r.weight, 0);
  const got = results.filter((r) => r.pass).reduce((s, r) => s + r.weight, 0);
  return { results, score: total ? got / total : 0, complete: results.length === ex.checks.length && got === total };
}

function verdictOf(c: Check, machine: ProbeMachine, opts: EvaluateOptions): Verdict {
  switch (c.kind) {
    case 'reach':
      return evaluateReach(opts.fork(), c);
    case 'same-as-reference':
      return sameAsReference(c, opts);
    case 'custom': {
      const fn = customCheck(c.fn);
      return fn ? fn(machine.kernel, c.args) : { pass: false, why: `unknown custom check ${c.fn}` };
    }
    default:
      return evaluateState(machine.kernel, c);
  }
}

/** Every (from, to) pair the reference comparison looks at: all places × all their IPv4 addresses. */
export function matrixPairs(m: ProbeMachine): { from: string; to: string }[] {
  const places: string[] = [];
  const addrs: string[] = [];
  for (const ns of m.kernel.state.netns.values()) {
    const name = ns.id === 0 ? 'host' : ns.name;
    if (!name) continue;
    places.push(name);
    for (const a of ns.addrs4) if (!a.address.startsWith('127.')) addrs.push(a.address);
  }
  return places.flatMap((from) => addrs.map((to) => ({ from, to })));
}

function reachable(m: ProbeMachine, from: string, to: string): boolean {
  const ns = resolveNetns(m.kernel, from);
  return ns ? runProbe(m, ns.id, { to, proto: 'icmp' }).answered : false;
}

function sameAsReference(c: Extract<Check, { kind: 'same-as-reference' }>, opts: EvaluateOptions): Verdict {
  if (!opts.reference) return { pass: false, why: 'no reference solution to compare with' };
  const ref = opts.reference();
  const pairs = c.endpoints ?? matrixPairs(ref);
  const mine = opts.fork();
  const refAnswers = pairs.map((p) => reachable(ref, p.from, p.to));
  for (let i = 0; i < pairs.length; i++) {
    const got = reachable(mine, pairs[i].from, pairs[i].to);
    if (got !== refAnswers[i]) {
      const { from, to } = pairs[i];
      return {
        pass: false,
        why: got
          ? `${from} reaches ${to}, which the reference solution does not allow`
          : `${from} cannot reach ${to}, which works in the reference solution`,
      };
    }
  }
  return { pass: true, why: '' };
}

/** The hint to offer next: the first unseen hint tied to a failing check, else the first unseen one. */
export function nextHint(hints: Hint[], shown: number[], ev: Evaluation): number | undefined {
  const failing = new Set(ev.results.filter((r) => !r.pass).map((r) => r.id));
  const unseen = hints.map((_, i) => i).filter((i) => !shown.includes(i));
  return unseen.find((i) => hints[i].check && failing.has(hints[i].check!)) ?? unseen[0];
}
