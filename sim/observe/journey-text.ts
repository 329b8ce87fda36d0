/**
 * Journeys as plain text, one fact per line, for the `trace` command and screen readers.
 * The format is ours and kept stable (tests and the lab's text view read it):
 *
 *   Journey 7 (request): TCP 192.0.2.50:40000 > 192.0.2.10:8080 [S] len 0
 *     1. host eth0: eth0 receives
 *     2. host: PREROUTING hook (in eth0)
 *     ...
 *     Result: delivered in container web: tcp listener 0.0.0.0:80
 *
 * A step line is "N. PLACE: WHAT", PLACE being the namespace and the device when there is one.
 */
import type { Journey, JourneyStep } from './journey.ts';
import type { JourneyGroup } from './journey-store.ts';

/** Where a step happened: "host docker0", "container web eth0". */
export function stepPlace(s: JourneyStep): string {
  return s.dev && s.kind !== 'outside' ? `${s.netns} ${s.dev}` : s.netns;
}

/** One step as a line (no indentation). */
export function stepLine(s: JourneyStep): string {
  return `${s.n}. ${stepPlace(s)}: ${s.text}`;
}

/** The heading line of a journey. */
export function journeyHeading(j: Journey): string {
  const cause = j.causedBy !== undefined ? `, answers ${j.causedBy}` : '';
  return `Journey ${j.id} (${j.role}${cause}): ${j.summary}`;
}

/** A whole journey: heading, steps, result. */
export function journeyText(j: Journey): string {
  const lines = [journeyHeading(j), ...j.steps.map((s) => `  ${stepLine(s)}`), `  Result: ${j.outcome.text}`];
  return lines.join('\n') + '\n';
}

/** A command's packets, one line each: "  7 request  TCP ... -> delivered". */
export function groupListing(g: JourneyGroup): string {
  const head = `Command ${g.seq}: ${g.line}${g.complete ? '' : ' (older events forgotten)'}`;
  const rows = g.entries.map((e) => `  ${String(e.journey.id).padStart(4)} ${e.journey.role.padEnd(7)} ${e.journey.summary} -> ${e.journey.outcome.kind}`);
  return [head, ...(rows.length ? rows : ['  (no packets)'])].join('\n') + '\n';
}
