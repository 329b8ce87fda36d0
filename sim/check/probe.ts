/**
 * Behaviour probes: send real traffic through the simulated kernel, on a copy of the
 * learner's machine, and read what happened from the trace (what arrived where, with which
 * source address). The learner's own machine is never touched.
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { TraceEvent } from '../observe/trace.ts';
import type { Check } from './schema.ts';
import { placeName, resolveNetns } from './resolve.ts';
import type { Verdict } from './state.ts';

/** What a probe needs of a machine: its kernel, and a way to run a line in a namespace. */
export interface ProbeMachine {
  readonly kernel: Kernel;
  run(line: string, opts?: { mode?: 'interactive' | 'bash-c'; netnsId?: number }): { output: string; exitCode: number };
}

type ReachCheck = Extract<Check, { kind: 'reach' }>;

export interface ProbeOutcome {
  /** The sender got its answer. */
  answered: boolean;
  /** The request was delivered to a socket or the ICMP responder somewhere other than the sender. */
  arrived: boolean;
  /** Source address the receiving end saw, if it arrived. */
  seenSrc?: string;
  /** Namespace name where it arrived. */
  arrivedAt?: string;
  /** Where the request died, if the trace says. */
  droppedAt?: string;
}

const SRC = /^(?:ICMP|TCP|UDP) ([0-9.]+)/;

function isRequest(e: TraceEvent, proto: ReachCheck['proto'], port?: number): boolean {
  if (proto === 'icmp') return e.packet.startsWith('ICMP ') && e.packet.includes(' echo request');
  if (proto === 'tcp') return e.packet.startsWith('TCP ') && e.packet.includes(`:${port} [S]`);
  return e.packet.startsWith('UDP ') && new RegExp(`> [0-9.]+:${port} `).test(e.packet);
}

/** Runs one probe from `fromId` on `m` (a copy: it changes that machine's state). */
export function runProbe(m: ProbeMachine, fromId: number, c: Pick<ReachCheck, 'to' | 'proto' | 'port'>): ProbeOutcome {
  const mark = m.kernel.trace.length;
  const line =
    c.proto === 'icmp'
      ? `ping -c 1 -W 1 ${c.to}`
      : c.proto === 'tcp'
        ? `nc -z -w 2 ${c.to} ${c.port}`
        : `echo probe | nc -u -w 1 ${c.to} ${c.port}`;
  const r = m.run(line, { mode: 'bash-c', netnsId: fromId });
  const events = m.kernel.trace.since(mark);
  const arrival = events.find(
    (e) => e.kind === 'deliver' && e.netnsId !== fromId && isRequest(e, c.proto, c.port) && !e.detail?.includes('error'),
  );
  const selfArrival = events.find((e) => e.kind === 'deliver' && isRequest(e, c.proto, c.port));
  const hit = arrival ?? selfArrival;
  const drop = events.find((e) => e.kind === 'drop');
  const answered = c.proto === 'udp' ? hit !== undefined : r.exitCode === 0;
  return {
    answered,
    arrived: hit !== undefined,
    seenSrc: hit?.packet.match(SRC)?.[1],
    arrivedAt: hit?.netns,
    droppedAt: drop ? `${drop.netns}${drop.hook ? ` ${drop.hook}` : ''}${drop.reason ? `: ${drop.reason}` : ''}` : undefined,
  };
}

/** Evaluates a reach check on a copy of the learner's machine. */
export function evaluateReach(m: ProbeMachine, c: ReachCheck): Verdict {
  const from = resolveNetns(m.kernel, c.from);
  const what = `${placeName(c.from)} → ${c.to}${c.port ? `:${c.port}` : ''} (${c.proto})`;
  if (!from) return { pass: false, why: `${placeName(c.from)} does not exist yet` };
  const o = runProbe(m, from.id, c);
  const ok = c.mode === 'arrives' ? o.arrived : o.answered;
  if (!c.expect) {
    if (!ok) return { pass: true, why: '' };
    return { pass: false, why: `${what} still gets through${o.arrivedAt ? ` (it reaches ${o.arrivedAt})` : ''}, but must not` };
  }
  if (!ok) {
    if (o.arrived && c.mode === 'roundtrip')
      return {
        pass: false,
        why: `${what}: the request reaches ${o.arrivedAt} from ${o.seenSrc}, but the answer never makes it back${o.droppedAt ? ` (it dies in ${o.droppedAt})` : ''}`,
      };
    return { pass: false, why: `${what} fails${o.droppedAt ? `: the packet dies in ${o.droppedAt}` : ''}` };
  }
  if (c.seesSrc && o.seenSrc !== c.seesSrc)
    return { pass: false, why: `${what} works, but ${o.arrivedAt} sees it coming from ${o.seenSrc}, not ${c.seesSrc}` };
  return { pass: true, why: '' };
}
