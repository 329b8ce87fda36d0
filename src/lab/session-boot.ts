/**
 * The heavy half of a lab, loaded on demand by labs.ts: the simulator and the session over
 * it, restored from localStorage or from a shared log in the URL.
 */
import { LabSession } from './session.ts';
import { browserStore, decodeLog, type LogEntry } from './log.ts';
import { simulatorFactory } from './machine-port.ts';
import type { LabElementConfig } from './labs.ts';

/** The log shared in the URL fragment, if any; the fragment is removed once read. */
async function sharedLog(): Promise<LogEntry[] | undefined> {
  const m = /^#log=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!m) return undefined;
  const log = await decodeLog(m[1]!);
  history.replaceState(null, '', location.pathname + location.search);
  return log;
}

/** Creates the session of a lab. */
export async function bootSession(config: LabElementConfig): Promise<LabSession> {
  const shared = config.shareable ? await sharedLog() : undefined;
  const session = new LabSession(
    { id: config.id, world: config.world, setup: config.setup, seed: config.seed, columns: config.columns },
    simulatorFactory,
    browserStore(),
    undefined,
    shared,
  );
  // Closing or reloading the page mid-command keeps what ran so far.
  addEventListener('pagehide', () => session.flush());
  return session;
}
