/**
 * Where widgets find their lab's session. A page may hold several labs; each is declared by
 * a `[data-lab]` element (rendered by components/Lab.astro) carrying its configuration, and
 * the first widget that asks creates the session. Sessions live in a nanostores map so any
 * widget (or the exercise panel, later) can subscribe to the set of labs on the page.
 */
import { map } from 'nanostores';
import { LabSession, type LabConfig } from './session.ts';
import { browserStore, decodeLog, type LogEntry } from './log.ts';
import { simulatorFactory } from './machine-port.ts';

/** Sessions on this page, by lab id. */
export const $labs = map<Record<string, LabSession>>({});

const pending = new Map<string, Promise<LabSession>>();

/** The configuration a Lab element declares (see components/Lab.astro). */
export interface LabElementConfig extends LabConfig {
  /** Accept a shared log in the URL fragment (`#log=...`): the sandbox does. */
  shareable: boolean;
}

/** Reads a lab's declared configuration from the page. */
export function labConfig(id: string): LabElementConfig | undefined {
  const el = document.querySelector<HTMLElement>(`[data-lab-config][data-lab="${CSS.escape(id)}"]`);
  const raw = el?.dataset.labConfig;
  return raw ? (JSON.parse(raw) as LabElementConfig) : undefined;
}

/** The log shared in the URL fragment, if any; the fragment is removed once read. */
async function sharedLog(): Promise<LogEntry[] | undefined> {
  const m = /^#log=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!m) return undefined;
  const log = await decodeLog(m[1]!);
  history.replaceState(null, '', location.pathname + location.search);
  return log;
}

/** The session of lab `id`, created on first use. */
export function openLab(id: string): Promise<LabSession> {
  const existing = pending.get(id);
  if (existing) return existing;
  const created = (async () => {
    const config = labConfig(id);
    if (!config) throw new Error(`No lab with id "${id}" on this page`);
    const shared = config.shareable ? await sharedLog() : undefined;
    const session = new LabSession(config, simulatorFactory, browserStore(), undefined, shared);
    $labs.setKey(id, session);
    // Closing or reloading the page mid-command keeps what ran so far.
    addEventListener('pagehide', () => session.flush());
    return session;
  })();
  pending.set(id, created);
  return created;
}
