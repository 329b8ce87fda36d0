/**
 * The packet journey: from the trace events of one packet (one journey id) to an ordered list
 * of steps a learner can read, step through and see drawn: where the packet was (namespace,
 * device), which netfilter hook, table, chain and rule it met (with the rule's number as
 * `iptables -L --line-numbers` shows it), the verdict, NAT rewrites with the packet before and
 * after, the conntrack state, the ARP and bridge forwarding decisions, and how it ended
 * (delivered, dropped and why, or left the machine). Pure data, no DOM.
 */
import type { TraceEvent, TraceKind } from './trace.ts';

/** What a step is about: a trace event kind, or a stretch outside the host collapsed into one. */
export type StepKind = TraceKind | 'outside';

/** One step of a journey. Every string comes from the machine and must be shown as text. */
export interface JourneyStep
  extends Pick<TraceEvent, 'netnsId' | 'dev' | 'hook' | 'table' | 'chain' | 'rule' | 'ruleText' | 'verdict' | 'packet' | 'after' | 'detail' | 'reason'> {
  /** 1-based position in the journey. */
  n: number;
  kind: StepKind;
  /** Namespace as the learner knows it: "host", a netns name, "container web", "netns5". */
  netns: string;
  /** Conntrack state (NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED) and direction. */
  ctState?: string;
  ctDir?: string;
  /** In a namespace the learner cannot see (the LAN, the gateway, the remote server). */
  outside?: boolean;
  /** For an "outside" step: how and where its stretch ended (kind of its last step, namespace). */
  endKind?: StepKind;
  endNetns?: string;
  /** One line saying what happened, without the place. */
  text: string;
}

/** How a journey ended. */
export interface JourneyOutcome {
  kind: 'delivered' | 'dropped' | 'left' | 'unfinished';
  /** Step number where it ended. */
  step?: number;
  /** One line: "dropped in host by filter FORWARD rule 1: -A FORWARD -j DROP". */
  text: string;
}

/** One packet's journey. */
export interface Journey {
  id: number;
  /** The journey this one answers (echo reply, ICMP error), when the kernel knows it. */
  causedBy?: number;
  proto: 'icmp' | 'tcp' | 'udp' | 'arp' | 'other';
  /** The packet as it first appeared. */
  summary: string;
  /** request: starts a conversation or continues it in the same direction; reply: goes back; arp: neighbour resolution. */
  role: 'request' | 'reply' | 'arp';
  steps: JourneyStep[];
  outcome: JourneyOutcome;
}

/** What the builder needs to know about namespaces beyond the events. */
export interface JourneyEnv {
  /** Display name of a namespace (default: the event's `netns`). */
  label?(netnsId: number, fallback: string): string;
  /** True for the world's hidden machines (LAN, gateway, remote): their steps count as outside. */
  hidden?(netnsId: number): boolean;
}

/** Options of buildJourney. */
export interface BuildOptions {
  /** Keep every step in hidden namespaces instead of one "outside" step per stretch. */
  keepOutside?: boolean;
  /** Events of the other journeys nearby, to show how a waiting packet's ARP query was answered. */
  context?: readonly TraceEvent[];
}

/** ctstate and direction out of a conntrack event's detail ("ctstate NEW original"). */
function ctOf(e: TraceEvent): { state?: string; dir?: string } {
  const m = /^ctstate (\S+)(?: (\S+))?/.exec(e.detail ?? '');
  return m ? { state: m[1], ...(m[2] ? { dir: m[2] } : {}) } : {};
}

function protoOf(summary: string): Journey['proto'] {
  const w = summary.split(' ', 1)[0];
  return w === 'ICMP' ? 'icmp' : w === 'TCP' ? 'tcp' : w === 'UDP' ? 'udp' : w === 'ARP' ? 'arp' : 'other';
}

/** What one event says, without the place. */
export function eventText(e: TraceEvent): string {
  switch (e.kind) {
    case 'tx':
      return `${e.dev ?? 'device'} transmits${e.detail ? ` (${e.detail})` : ''}`;
    case 'rx':
      return `${e.dev ?? 'device'} receives`;
    case 'arp':
      return `ARP: ${e.detail ?? e.packet}`;
    case 'bridge':
      return `bridge ${e.dev ?? ''}: ${e.detail ?? ''}`.replace('  ', ' ');
    case 'route':
      return `routing ${e.detail ?? ''}${e.reason ? ` (${e.reason})` : ''}`.trimEnd();
    case 'hook':
      return `${e.hook} hook${e.detail ? ` (${e.detail})` : ''}`;
    case 'rule':
      return `${e.table} ${e.chain} rule ${e.rule} matched: ${e.ruleText ?? ''} -> ${e.verdict ?? ''}`;
    case 'policy':
      return `${e.table} ${e.chain}: no rule decided, policy ${e.verdict}`;
    case 'nat':
      return `NAT in ${e.hook}, ${e.detail ?? 'rewritten'}: ${e.packet} -> ${e.after ?? ''}`;
    case 'conntrack': {
      const ct = ctOf(e);
      return `conntrack: ${ct.state ?? e.detail ?? ''}${ct.dir ? ` (${ct.dir} direction)` : ''}`;
    }
    case 'deliver':
      return `delivered ${e.detail ?? ''}`.trimEnd();
    case 'drop':
      return `DROPPED${e.hook ? ` in ${e.hook}` : ''}: ${e.reason ?? 'no reason given'}`;
    case 'icmp':
      return `generated: ${e.detail ?? ''} ${e.packet}`;
  }
}

/** Events that say nothing a learner needs: entering a table (its rules and policy follow). */
function skip(e: TraceEvent, prev: TraceEvent | undefined): boolean {
  if (e.kind === 'hook' && e.table) return true;
  // The datapath repeats netfilter's drop in its own words: keep the first.
  if (e.kind === 'drop' && prev?.kind === 'drop' && prev.netnsId === e.netnsId) return true;
  return false;
}

/** The ARP answer that let a waiting packet go on, found among nearby events. */
function arpAnswer(wait: TraceEvent, context: readonly TraceEvent[]): TraceEvent | undefined {
  const m = /^waiting for (\S+) to resolve/.exec(wait.detail ?? '');
  if (!m) return undefined;
  const from = context.indexOf(wait);
  for (let i = from + 1; i < context.length; i++) {
    const c = context[i];
    if (c.kind === 'arp' && c.netnsId === wait.netnsId && (c.detail ?? '').startsWith(`learned ${m[1]} at `)) return c;
  }
  return undefined;
}

function stepOf(e: TraceEvent, n: number, env: JourneyEnv): JourneyStep {
  const s: JourneyStep = { n, kind: e.kind, netnsId: e.netnsId, netns: env.label?.(e.netnsId, e.netns) ?? e.netns, packet: e.packet, text: eventText(e) };
  if (e.dev !== undefined) s.dev = e.dev;
  if (e.hook) s.hook = e.hook;
  if (e.table) s.table = e.table;
  if (e.chain) s.chain = e.chain;
  if (e.rule !== undefined) s.rule = e.rule;
  if (e.ruleText) s.ruleText = e.ruleText;
  if (e.verdict) s.verdict = e.verdict;
  if (e.after) s.after = e.after;
  if (e.detail) s.detail = e.detail;
  if (e.reason) s.reason = e.reason;
  if (e.kind === 'conntrack') {
    const ct = ctOf(e);
    if (ct.state) s.ctState = ct.state;
    if (ct.dir) s.ctDir = ct.dir;
  }
  if (env.hidden?.(e.netnsId)) s.outside = true;
  return s;
}

/** Folds each stretch of steps in hidden namespaces into one "outside" step. */
function collapseOutside(steps: JourneyStep[]): JourneyStep[] {
  const out: JourneyStep[] = [];
  for (let i = 0; i < steps.length; ) {
    if (!steps[i].outside) {
      out.push(steps[i++]);
      continue;
    }
    let j = i;
    while (j < steps.length && steps[j].outside) j++;
    const run = steps.slice(i, j);
    const places = [...new Set(run.map((s) => s.netns))];
    const last = run[run.length - 1];
    const end = last.kind === 'drop' || last.kind === 'deliver' ? `; in ${last.netns}: ${last.text}` : '';
    const step: JourneyStep = { n: 0, kind: 'outside', netnsId: last.netnsId, netns: 'outside world', packet: last.packet, endKind: last.kind, endNetns: last.netns, text: `through ${places.join(', ')}${end}` };
    if (last.detail) step.detail = last.detail;
    if (last.reason) step.reason = last.reason;
    out.push(step);
    i = j;
  }
  return out.map((s, k) => ({ ...s, n: k + 1 }));
}

/** The step (and rule) that decided a drop: the last rule or policy with verdict DROP before it. */
function dropCause(steps: JourneyStep[], at: number): JourneyStep | undefined {
  for (let i = at - 1; i >= 0; i--) {
    const s = steps[i];
    if ((s.kind === 'rule' || s.kind === 'policy') && s.verdict === 'DROP') return s;
    if (s.kind === 'hook' && !s.table) break;
  }
  return undefined;
}

const isDrop = (s: JourneyStep) => s.kind === 'drop' || s.endKind === 'drop';
const isDeliver = (s: JourneyStep) => s.kind === 'deliver' || s.endKind === 'deliver';
/** Copies of a flooded frame that other hosts ignore: not where the packet ended. */
const isStrayCopy = (s: JourneyStep) => s.kind === 'drop' && s.reason === 'frame for another host';

function outcomeOf(steps: JourneyStep[]): JourneyOutcome {
  const ends = steps.filter((s) => isDrop(s) || isDeliver(s));
  const real = ends.filter((s) => !isStrayCopy(s));
  const end = (real.length ? real : ends).at(-1);
  if (end && isDrop(end)) {
    const cause = dropCause(steps, end.n - 1);
    const where = `${end.endNetns ?? end.netns}${end.dev ? ` on ${end.dev}` : ''}`;
    const why = cause
      ? cause.kind === 'rule'
        ? `by ${cause.table} ${cause.chain} rule ${cause.rule}: ${cause.ruleText}`
        : `by the policy DROP of ${cause.table} ${cause.chain}`
      : `: ${end.reason ?? end.text}`;
    return { kind: 'dropped', step: end.n, text: `dropped in ${where}${end.hook ? ` at ${end.hook}` : ''} ${why}`.replace(' :', ':') };
  }
  if (end) return { kind: 'delivered', step: end.n, text: `delivered in ${end.endNetns ?? end.netns}: ${end.detail ?? end.text}` };
  // An ARP frame ends where a host answers it or learns from it.
  const answered = [...steps].reverse().find((s) => s.kind === 'arp' && /^(reply|learned) /.test(s.detail ?? ''));
  if (answered) return { kind: 'delivered', step: answered.n, text: `answered in ${answered.netns}: ${answered.detail}` };
  const last = steps.at(-1);
  if (!last) return { kind: 'unfinished', text: 'no steps recorded' };
  if (last.kind === 'tx' && last.detail === 'left the machine') return { kind: 'left', step: last.n, text: `left the machine through ${last.dev}` };
  return { kind: 'unfinished', step: last.n, text: `last seen in ${last.netns}${last.dev ? ` on ${last.dev}` : ''}: ${last.text}` };
}

/**
 * Builds the journey of the events of one id (in emission order). `role` is refined by
 * groupJourneys(); alone, a journey with `causedBy` is a reply.
 */
export function buildJourney(events: readonly TraceEvent[], env: JourneyEnv = {}, opts: BuildOptions = {}): Journey {
  const first = events[0];
  let steps: JourneyStep[] = [];
  let prev: TraceEvent | undefined;
  // The address an ARP answer step was just added for: the queued packet's send then reports
  // the fresh cache entry again, which says nothing new.
  let answered: string | undefined;
  for (const e of events) {
    if (skip(e, prev)) continue;
    if (answered && e.kind === 'arp' && (e.detail ?? '').startsWith(`neighbour ${answered} is at `)) {
      answered = undefined;
      continue;
    }
    answered = undefined;
    prev = e;
    steps.push(stepOf(e, steps.length + 1, env));
    if (e.kind === 'arp' && opts.context) {
      const a = arpAnswer(e, opts.context);
      if (a) {
        const mac = (a.detail ?? '').split(' at ')[1];
        const ip = (a.detail ?? '').split(' ')[1];
        steps.push({ ...stepOf(a, steps.length + 1, env), packet: e.packet, text: `ARP: ${ip} is at ${mac}, the packet goes on` });
        answered = ip;
      }
    }
  }
  if (!opts.keepOutside) steps = collapseOutside(steps);
  const summary = first?.packet ?? '';
  const proto = protoOf(summary);
  const causedBy = events.find((e) => e.causedBy !== undefined)?.causedBy;
  return {
    id: first?.id ?? 0,
    ...(causedBy !== undefined ? { causedBy } : {}),
    proto,
    summary,
    role: proto === 'arp' ? 'arp' : causedBy !== undefined ? 'reply' : 'request',
    steps,
    outcome: outcomeOf(steps),
  };
}
