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

/** The probe's request; `port` undefined matches any destination port (after DNAT rewrote it). */
function isRequest(e: TraceEvent, proto: ReachCheck['proto'], port?: number): boolean {
  const p = port === undefined ? '[0-9]+' : String(port);
  if (proto === 'icmp') return e.packet.startsWith('ICMP ') && e.packet.includes(' echo request');
  if (proto === 'tcp') return e.packet.startsWith('TCP ') && new RegExp(`:${p} \\[S\\]`).test(e.packet);
  return e.packet.startsWith('UDP ') && new RegExp(`> [0-9.]+:${p} `).test(e.packet);
}

/** Runs one probe from `fromId` on `m` (a copy: it changes that machine's state). */
export function runProbe(m: ProbeMachine, fromId: number, c: Pick<ReachCheck, 'to' | 'proto' | 'port'>): ProbeOutcome {
  const to = targetAddress(m.kernel, c.to);
  if (to === undefined) return { answered: false, arrived: false };
  c = { ...c, to };
  const mark = m.kernel.trace.length;
  const line =
    c.proto === 'icmp'
      ? `ping -c 1 -W 1 ${c.to}`
      : c.proto === 'tcp'
        ? `nc -z -w 2 ${c.to} ${c.port}`
        : `echo probe | nc -u -w 1 ${c.to} ${c.port}`;
  const r = m.run(line, { mode: 'bash-c', netnsId: fromId });
  const events = m.kernel.trace.since(mark);
  const elsewhere = (port?: number) =>
    events.find((e) => e.kind === 'deliver' && e.netnsId !== fromId && isRequest(e, c.proto, port) && !e.detail?.includes('error'));
  // A published port is DNATed on the way, so the request may arrive on another port.
  const arrival = elsewhere(c.port) ?? (c.proto === 'icmp' ? undefined : elsewhere(undefined));
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

/**
 * A probe's destination: an address or a name is sent as written (the sender resolves names
 * as its programs would); `container:NAME` stands for that container's first IPv4 address, so
 * a check need not know which address Docker's IPAM handed out.
 */
function targetAddress(kernel: Kernel, to: string): string | undefined {
  if (!to.startsWith('container:')) return to;
  const ns = resolveNetns(kernel, to);
  return ns?.addrs4.find((a) => !a.address.startsWith('127.'))?.address;
}

/** Evaluates a reach check on a copy of the learner's machine. */
export function evaluateReach(m: ProbeMachine, c: ReachCheck): Verdict {
  const from = resolveNetns(m.kernel, c.from);
  const to = targetAddress(m.kernel, c.to);
  const shown = to === c.to ? c.to : `${placeName(c.to)} (${to ?? 'no address'})`;
  const what = `${placeName(c.from)} → ${shown}${c.port ? `:${c.port}` : ''} (${c.proto})`;
  if (!from) return { pass: false, why: `${placeName(c.from)} does not exist yet` };
  if (to === undefined) return c.expect ? { pass: false, why: `${placeName(c.to)} does not exist yet` } : { pass: true, why: '' };
  const o = runProbe(m, from.id, { ...c, to });
  // A container's namespace has no name of its own in the trace; say which container it is.
  if (o.arrivedAt && /^netns\d+$/.test(o.arrivedAt) && to !== c.to) o.arrivedAt = placeName(c.to);
  else if (o.arrivedAt && /^netns\d+$/.test(o.arrivedAt) && !/^[0-9.]+$/.test(c.to)) o.arrivedAt = c.to;
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
