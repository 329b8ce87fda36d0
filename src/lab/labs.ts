/**
 * Where widgets find their lab. A page may hold several labs; each is declared by a
 * `[data-lab-config]` element (components/Lab.astro) carrying its configuration plus the
 * start state computed at build time (prompt and topology), so the lab draws and takes
 * typing at once. The simulator itself (the biggest script of the site) is loaded when
 * the learner engages with the lab, or at once when there is saved state to restore; see
 * `LabHandle.session()`. Sessions live in a nanostores map so any widget (the exercise
 * panel, later) can subscribe to the labs of the page.
 */
import { map } from 'nanostores';
import type { LabConfig, LabSession } from './session.ts';
import { baseFingerprint, browserStore, loadLog } from './log.ts';
import type { TopoModel } from './topology-model.ts';
import { chooseVariant, redrawVariant, type VariantOption } from './variant-choice.ts';

/** Sessions on this page, by lab id, once their simulator has loaded. */
export const $labs = map<Record<string, LabSession>>({});

/** The configuration a Lab element declares. */
export interface LabElementConfig extends LabConfig {
  /** Accept a shared log in the URL fragment (`#log=...`): the sandbox does. */
  shareable: boolean;
  /** The start state, computed at build time by running the simulator. */
  start: { prompt: string; topology: TopoModel };
  /** The exercise's variants (their extra setup), when it has several to draw from. */
  variants?: VariantOption[];
  /** The variant this learner got (its setup is then part of `setup`). */
  variant?: string;
  /** The setup before the variant's lines (what the page declared). */
  lessonSetup?: readonly string[];
}

/** A lab before and after its simulator is loaded. */
export interface LabHandle {
  readonly id: string;
  readonly config: LabElementConfig;
  /** Command lines saved from earlier visits (the terminal's history before the session loads). */
  readonly savedHistory: string[];
  /** The session if it has loaded. */
  readonly current: LabSession | undefined;
  /** Loads the simulator (once) and returns the session. */
  session(): Promise<LabSession>;
}

const handles = new Map<string, LabHandle>();

function readConfig(id: string): LabElementConfig {
  const el = document.querySelector<HTMLElement>(`[data-lab-config][data-lab="${CSS.escape(id)}"]`);
  const raw = el?.dataset.labConfig;
  if (!raw) throw new Error(`No lab with id "${id}" on this page`);
  const config = JSON.parse(raw) as LabElementConfig;
  config.lessonSetup = config.setup;
  const v = chooseVariant(config.id, config.variants ?? [], safeLocalStorage(), Math.random);
  if (v) applyVariant(config, v);
  return config;
}

function applyVariant(config: LabElementConfig, v: VariantOption): void {
  config.variant = v.id;
  config.setup = [...(config.lessonSetup ?? []), ...v.setup];
}

/**
 * "New fault": draws a variant other than the lab's current one, records it as this learner's
 * choice, and restarts the lab from its start state (a fresh machine, an empty log). Resolves
 * with the new variant's id, or undefined when the exercise has no other variant.
 */
export async function drawNewVariant(handle: LabHandle): Promise<string | undefined> {
  const { config } = handle;
  const v = redrawVariant(config.id, config.variants ?? [], config.variant, safeLocalStorage(), Math.random);
  if (!v) return undefined;
  applyVariant(config, v);
  (await handle.session()).restart(config.setup);
  return v.id;
}

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The handle of lab `id` (sync; nothing heavy is loaded). */
export function lab(id: string): LabHandle {
  const existing = handles.get(id);
  if (existing) return existing;
  const config = readConfig(id);
  const saved = loadLog(browserStore(), id, baseFingerprint(config.world, config.setup));
  let loading: Promise<LabSession> | undefined;
  let current: LabSession | undefined;
  const handle: LabHandle = {
    id,
    config,
    savedHistory: saved.flatMap((e) => ('line' in e ? [e.line] : [])),
    get current() {
      return current;
    },
    session() {
      loading ??= import('./session-boot.ts').then(async ({ bootSession }) => {
        current = await bootSession(config);
        $labs.setKey(id, current);
        return current;
      });
      return loading;
    },
  };
  handles.set(id, handle);
  // Saved work or a shared link must be replayed to show the right state: load right away.
  if (saved.length > 0 || (config.shareable && location.hash.startsWith('#log='))) void handle.session();
  return handle;
}

/** Loads a lab's simulator the first time the learner engages with it. */
export function loadOnEngagement(root: HTMLElement, handle: LabHandle): void {
  const go = () => void handle.session();
  for (const type of ['focusin', 'pointerdown', 'keydown'] as const) root.addEventListener(type, go, { once: true, passive: true });
}
