/**
 * The fidelity suite: every scenario under tests/fidelity/scenarios must give, on the
 * simulator, the real kernel's transcript byte for byte after normalization. The real side
 * is recorded live when this machine can (root, iproute2, unshare: as in CI) and is the
 * committed recording otherwise; when live, the committed recordings are also checked
 * against the kernel so a stale golden is caught. Scenarios under tests/fidelity/pending are
 * run and counted but never fail the suite. See tests/fidelity/README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  headerLines,
  listScenarios,
  liveStatus,
  normalizeMany,
  orphanRecordings,
  recordAll,
  recordCommand,
  replayCommand,
  simulate,
  type Scenario,
} from './harness.ts';
import { explainDifference, firstDifference } from './transcript-diff.ts';

const status = liveStatus();
const active = listScenarios('scenarios');
const pending = listScenarios('pending');
const realLabel = status.live ? 'real kernel (live)' : 'real kernel (committed recording)';

/** Everything known about one scenario once the harness has run; transcripts normalized. */
interface Outcome {
  headers: string[];
  /** The real kernel's transcript used as truth, or why there is none. */
  real: string | Error;
  /** The committed recording, if the file exists. */
  recorded?: string;
  /** The simulator's transcript, or what it threw. */
  sim: string | Error;
}
const outcomes = new Map<string, Outcome>();
const key = (s: Scenario) => `${s.kind}/${s.name}`;
/** Each scenario's outcome, ready once its live recording (if any) is in. */
const ready = new Map<string, Promise<Outcome>>();
/** How long one test may wait for its scenario's recording on a busy machine. */
const WAIT_MS = 900_000;

beforeAll(() => {
  const all = [...active, ...pending];
  // Start the real kernel first: its recordings run in child processes, in listing order,
  // while the simulator (synchronous, in this process) replays the same scenarios.
  const recordings = status.live ? recordAll(all.map((s) => s.path)) : undefined;
  if (recordings) {
    console.log(`fidelity: ${all.length} scenarios on the real kernel, ${all.length - recordings.fromCache} to record now, ` +
      `${recordings.fromCache} unchanged since their cached recording (NETLAB_FIDELITY_CACHE=0 records all)`);
  }
  const texts = all.map((s) => readFileSync(s.path, 'utf8'));
  const sims = texts.map((t) => simulate(t));
  const recorded = all.map((s) => (existsSync(s.recordedPath) ? readFileSync(s.recordedPath, 'utf8') : undefined));

  // One normalizer run for everything known now; each live transcript is normalized as
  // it arrives.
  const batch: string[] = [];
  const slot = (t: string | Error | undefined): number => (typeof t === 'string' ? batch.push(t) - 1 : -1);
  const slots = all.map((_, i) => ({ headers: slot(headerLines(texts[i]!).join('\n')), recorded: slot(recorded[i]), sim: slot(sims[i]) }));
  const norm = normalizeMany(batch);
  const at = (i: number) => norm[i]!;

  all.forEach((s, i) => {
    const sl = slots[i]!;
    const committed = sl.recorded >= 0 ? at(sl.recorded) : undefined;
    const headers = headerLines(texts[i]!).length === 0 ? [] : at(sl.headers).replace(/\n$/, '').split('\n');
    const sim = sl.sim >= 0 ? at(sl.sim) : (sims[i] as Error);
    const finish = (real: string | Error): Outcome => {
      const o = { headers, real, recorded: committed, sim };
      outcomes.set(key(s), o);
      return o;
    };
    if (recordings) {
      ready.set(key(s), recordings.results.get(s.path)!.then((live) => finish(typeof live === 'string' ? normalizeMany([live])[0]! : live)));
    } else {
      ready.set(key(s), Promise.resolve(finish(committed ?? new Error(`no recording at ${s.recordedPath}; record it with:\n  ${recordCommand(s)}`))));
    }
  });
}, WAIT_MS);

/** The outcome of a scenario, waiting for its live recording when there is one. */
async function outcome(s: Scenario): Promise<Outcome | undefined> {
  return ready.get(key(s));
}

/** Why the simulator does not match: a one-line summary and the full explanation. */
interface Mismatch {
  short: string;
  long: string;
}

/** Null when the simulator matches the real transcript, else what differs. */
function mismatch(s: Scenario, o = outcomes.get(key(s))): Mismatch | null {
  const plain = (text: string): Mismatch => ({ short: text.split('\n')[0]!, long: text });
  if (!o) return plain('the harness did not run (see the beforeAll error)');
  if (o.real instanceof Error) return plain(`no real-kernel transcript: ${o.real.message}`);
  if (o.sim instanceof Error) {
    return plain(`the simulator threw: ${o.sim.stack ?? o.sim.message}\nreproduce: ${replayCommand(s)}`);
  }
  const d = firstDifference(o.real, o.sim, o.headers);
  if (!d) return null;
  return {
    short: `differs from command ${d.index + 1} of ${d.total}: ${d.header}`,
    long: `${s.name}: ${explainDifference(d, { expected: realLabel, actual: 'simulator' })}\nreproduce: ${replayCommand(s)}`,
  };
}

describe(`fidelity: the simulator matches the ${realLabel}`, () => {
  it('has scenarios', () => {
    expect(active.length).toBeGreaterThan(0);
  });
  for (const s of active) {
    it(s.name, async () => {
      const o = await outcome(s);
      const problem = mismatch(s, o);
      if (problem) throw new Error(problem.long);
      expect(o!.sim).toBe(o!.real);
    }, WAIT_MS);
  }
});

describe('fidelity: recordings on disk', () => {
  it('every active scenario has a committed recording', () => {
    const missing = active.filter((s) => !existsSync(s.recordedPath)).map(recordCommand);
    expect(missing, `record them with:\n${missing.join('\n')}`).toEqual([]);
  });
  it('every pending scenario has a committed recording', () => {
    const missing = pending.filter((s) => !existsSync(s.recordedPath)).map(recordCommand);
    expect(missing, `record them with:\n${missing.join('\n')}`).toEqual([]);
  });
  it('no recording is left without its scenario', () => {
    expect([...orphanRecordings('scenarios'), ...orphanRecordings('pending')]).toEqual([]);
  });
  it('no scenario is both active and pending', () => {
    const names = new Set(active.map((s) => s.name));
    expect(pending.filter((s) => names.has(s.name)).map((s) => s.name)).toEqual([]);
  });
});

describe.runIf(status.live)('fidelity: committed recordings equal the real kernel now', () => {
  // Pending scenarios are not asserted, so their drift is reported in the summary below, not failed.
  for (const s of active) {
    it(`${s.kind}/${s.name}`, async () => {
      const o = await outcome(s);
      if (!o) throw new Error('the harness did not run (see the beforeAll error)');
      if (o.real instanceof Error) throw new Error(`live recording failed: ${o.real.message}`);
      if (o.recorded === undefined) throw new Error(`no committed recording; record it with:\n  ${recordCommand(s)}`);
      const d = firstDifference(o.recorded, o.real, o.headers);
      if (d) {
        const why = explainDifference(d, { expected: 'committed recording', actual: 'real kernel now' });
        throw new Error(`${s.name}: the committed recording differs from the real kernel now (a stale golden, or output that varies from run to run); ${why}\nre-record it with:\n  ${recordCommand(s)}`);
      }
      expect(o.recorded).toBe(o.real);
    }, WAIT_MS);
  }
});

describe('fidelity: pending scenarios (run and counted, never failing)', () => {
  it('runs every pending scenario against its real transcript', async () => {
    const passing: Scenario[] = [];
    const failing: string[] = [];
    for (const s of pending) {
      const problem = mismatch(s, await outcome(s));
      if (problem === null) passing.push(s);
      else failing.push(`  ${s.name}: ${problem.short}`);
    }
    console.log(`fidelity pending: ${passing.length} pass, ${failing.length} fail (of ${pending.length})`);
    if (failing.length > 0) console.log(failing.join('\n'));
    for (const s of passing) {
      console.log(`  PROMOTE ${s.name}: it passes now; move it into scenarios/:\n` +
        `    git mv tests/fidelity/pending/scenarios/${s.name} tests/fidelity/scenarios/ && ` +
        `git mv tests/fidelity/pending/recorded/${s.name} tests/fidelity/recorded/`);
    }
    // Pending scenarios may fail to match, but each must have had a real transcript to
    // compare with: a pending scenario with no recording is not pending, it is untested.
    const unrecorded = pending.filter((s) => outcomes.get(key(s))?.real instanceof Error).map((s) => s.name);
    expect(unrecorded).toEqual([]);
  }, WAIT_MS);
});

/** Scenarios whose committed recording differs from today's live one (or is missing). */
function drifted(): string[] {
  return [...active, ...pending]
    .filter((s) => {
      const o = outcomes.get(key(s));
      return !o || typeof o.real !== 'string' || o.recorded !== o.real;
    })
    .map((s) => `${s.kind}/${s.name}`);
}

afterAll(() => {
  const matched = active.filter((s) => mismatch(s) === null).length;
  console.log(
    `fidelity: ${matched} of ${active.length} scenarios match the ${realLabel}` +
      (status.live ? '' : ` [live recording off: ${status.reason}]`),
  );
  if (status.live) {
    const stale = drifted();
    const total = active.length + pending.length;
    console.log(`fidelity: ${total - stale.length} of ${total} committed recordings equal the real kernel now` +
      (stale.length ? `; drifted or unrecorded: ${stale.join(', ')}` : ''));
  }
});
