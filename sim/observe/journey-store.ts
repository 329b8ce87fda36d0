/**
 * Journeys grouped by the command line that sent them: for each recent command (a
 * CommandMark of the TraceLog), the packets whose first event came while it ran, each with
 * its journey, a role (request, reply, arp) and the conversation it belongs to, so a request
 * and its reply can be listed together and picked. Built on demand from the bounded trace log;
 * the newest journeys built are cached, at most JOURNEY_CACHE per log.
 */
import type { CommandMark, TraceEvent, TraceLog } from './trace.ts';
import { buildJourney, type BuildOptions, type Journey, type JourneyEnv } from './journey.ts';

/** Journeys kept built per trace log (older ones are rebuilt from the log when asked again). */
export const JOURNEY_CACHE = 200;

/** One packet of a command, with the conversation (connection or ping exchange) it is part of. */
export interface JourneyEntry {
  journey: Journey;
  /** Index of its conversation within the group, 1-based, in order of first packet. */
  conversation: number;
}

/** The packets one command line sent or caused. */
export interface JourneyGroup {
  seq: number;
  line: string;
  /** IPv4 packets and ARP queries, in the order they started. */
  entries: JourneyEntry[];
  /** False when the trace log had already forgotten some of this command's events. */
  complete: boolean;
}

/** Endpoints of a summary ("TCP 10.0.0.1:5 > 10.0.0.2:80 ...", ICMP echo with its id). */
function tupleOf(summary: string): { key: string; back: string } | undefined {
  const m = /^(ICMP|TCP|UDP) (\S+) > (\S+)(?: echo (?:request|reply) id (\d+))?/.exec(summary);
  if (!m) return undefined;
  const extra = m[4] !== undefined ? `#${m[4]}` : '';
  return { key: `${m[1]} ${m[2]}>${m[3]}${extra}`, back: `${m[1]} ${m[3]}>${m[2]}${extra}` };
}

/** Every tuple a journey's packet carried (before and after each NAT rewrite). */
function tuplesOf(j: Journey): { keys: Set<string>; backs: Set<string> } {
  const keys = new Set<string>();
  const backs = new Set<string>();
  for (const s of j.steps) {
    for (const p of [s.packet, s.after]) {
      const t = p ? tupleOf(p) : undefined;
      if (t) (keys.add(t.key), backs.add(t.back));
    }
  }
  return { keys, backs };
}

const cache = new WeakMap<TraceLog, Map<string, Journey>>();

function cached(log: TraceLog, key: string, make: () => Journey): Journey {
  let c = cache.get(log);
  if (!c) cache.set(log, (c = new Map()));
  const hit = c.get(key);
  if (hit) {
    c.delete(key);
    c.set(key, hit);
    return hit;
  }
  const j = make();
  c.set(key, j);
  if (c.size > JOURNEY_CACHE) c.delete(c.keys().next().value!);
  return j;
}

/** Events of journey ids starting in [from, to), plus every later event of those ids. */
function eventsOf(log: TraceLog, from: number, to: number | undefined): { byId: Map<number, TraceEvent[]>; all: readonly TraceEvent[] } {
  const all = log.since(from);
  const end = to === undefined ? all.length : to - Math.max(from, log.first);
  const byId = new Map<number, TraceEvent[]>();
  const seen = new Set<number>();
  all.forEach((e, i) => {
    if (e.id === 0) return;
    if (i < end && !seen.has(e.id)) seen.add(e.id);
    if (!seen.has(e.id)) return;
    let list = byId.get(e.id);
    if (!list) byId.set(e.id, (list = []));
    list.push(e);
  });
  return { byId, all };
}

/** Journey ids that began before `from`: they belong to an earlier command. */
function idsBefore(log: TraceLog, from: number): Set<number> {
  return new Set(log.since(log.first).slice(0, Math.max(0, from - log.first)).map((e) => e.id));
}

/** Builds the group of one command mark; `next` is where the following command began. */
export function groupOf(log: TraceLog, mark: CommandMark, next: number | undefined, env: JourneyEnv = {}, opts: BuildOptions = {}): JourneyGroup {
  const { byId, all } = eventsOf(log, mark.from, next);
  const entries: JourneyEntry[] = [];
  const convs: { keys: Set<string>; backs: Set<string>; n: number }[] = [];
  const older = idsBefore(log, mark.from);
  for (const [id, events] of byId) {
    // IPv6 housekeeping and frames of no interest never start a journey worth listing.
    if (/^IPv6/.test(events[0].packet) || older.has(id)) continue;
    const j = cached(log, `${id}:${events.length}:${opts.keepOutside ? 'v' : ''}`, () => buildJourney(events, env, { ...opts, context: all }));
    let conversation = 0;
    if (j.proto !== 'arp') {
      const t = tuplesOf(j);
      const hit = convs.find((c) => [...t.keys].some((k) => c.keys.has(k) || c.backs.has(k)));
      if (hit) {
        conversation = hit.n;
        const reply = [...t.keys].some((k) => hit.backs.has(k)) && ![...t.keys].some((k) => hit.keys.has(k));
        if (reply && j.role === 'request') entries.push({ journey: { ...j, role: 'reply' }, conversation });
        else entries.push({ journey: j, conversation });
        continue;
      }
      conversation = convs.length + 1;
      convs.push({ ...t, n: conversation });
    }
    entries.push({ journey: j, conversation });
  }
  return { seq: mark.seq, line: mark.line, entries, complete: mark.from >= log.first };
}

/** Options of recentGroups. */
export interface GroupOptions extends BuildOptions {
  /** Only the command lines that sent IPv4 packets. */
  withTraffic?: boolean;
  /** Look at the newest `limit` command lines only (a view refreshed after every command). */
  limit?: number;
}

/** Groups of the recent finished command lines, oldest first; with `withTraffic`, only those that sent packets. */
export function recentGroups(log: TraceLog, env: JourneyEnv = {}, opts: GroupOptions = {}): JourneyGroup[] {
  const marks = log.commands();
  const out: JourneyGroup[] = [];
  const skip = opts.limit === undefined ? 0 : Math.max(0, marks.length - opts.limit);
  marks.forEach((m, i) => {
    if (m.to === undefined || i < skip) return;
    const g = groupOf(log, m, marks[i + 1]?.from, env, opts);
    if (!opts.withTraffic || g.entries.some((e) => e.journey.proto !== 'arp')) out.push(g);
  });
  return out;
}

/** One journey by id, wherever it is in the log (undefined once forgotten). */
export function journeyById(log: TraceLog, id: number, env: JourneyEnv = {}, opts: BuildOptions = {}): Journey | undefined {
  const events = log.journey(id);
  if (!events.length) return undefined;
  return cached(log, `${id}:${events.length}:${opts.keepOutside ? 'v' : ''}`, () => buildJourney(events, env, { ...opts, context: log.since(log.first) }));
}

/** The request the learner most likely wants: the first non-ARP packet, and the first reply in its conversation. */
export function headline(g: JourneyGroup): JourneyEntry[] {
  const first = g.entries.find((e) => e.journey.proto !== 'arp');
  if (!first) return [];
  const reply = g.entries.find((e) => e.conversation === first.conversation && e.journey.role === 'reply');
  return reply ? [first, reply] : [first];
}
