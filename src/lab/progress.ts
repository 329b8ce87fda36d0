/**
 * The learner's progress, kept in localStorage: which lessons were opened and which
 * exercises were completed (the exercise engine calls `markCompleted`). Export writes it,
 * with every lab's command log, to one JSON file; import restores such a file.
 */
import { browserStore, isStoredLab, LAB_KEY_PREFIX, type KeyValueStore, type StoredLab } from './log.ts';

const KEY = 'netlab:progress';

/** Per-lesson progress, by lesson slug. */
export interface Progress {
  v: 1;
  visited: Record<string, true>;
  completed: Record<string, true>;
}

/** The export file's shape. */
export interface ProgressFile {
  format: 'docker-network-lab-progress';
  v: 1;
  progress: Progress;
  labs: Record<string, StoredLab>;
}

const empty = (): Progress => ({ v: 1, visited: {}, completed: {} });

function isFlags(v: unknown): v is Record<string, true> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => x === true);
}

function isProgress(v: unknown): v is Progress {
  const p = v as Progress;
  return typeof v === 'object' && v !== null && p.v === 1 && isFlags(p.visited) && isFlags(p.completed);
}

/** Reads the progress (empty when absent or unreadable). */
export function readProgress(store: KeyValueStore | undefined = browserStore()): Progress {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(KEY) ?? 'null');
    return isProgress(parsed) ? parsed : empty();
  } catch {
    return empty();
  }
}

function write(p: Progress, store: KeyValueStore | undefined): void {
  try {
    store?.setItem(KEY, JSON.stringify(p));
  } catch {
    /* storage full: progress is not saved */
  }
}

/** Records that a lesson was opened. */
export function markVisited(slug: string, store: KeyValueStore | undefined = browserStore()): void {
  const p = readProgress(store);
  if (p.visited[slug]) return;
  p.visited[slug] = true;
  write(p, store);
}

/** Records that a lesson's exercise was completed. */
export function markCompleted(slug: string, store: KeyValueStore | undefined = browserStore()): void {
  const p = readProgress(store);
  p.visited[slug] = true;
  p.completed[slug] = true;
  write(p, store);
}

/** Everything worth keeping, as the export file's content. */
export function exportProgress(store: Storage | undefined = globalThis.localStorage): ProgressFile {
  const labs: Record<string, StoredLab> = {};
  for (let i = 0; store && i < store.length; i++) {
    const key = store.key(i)!;
    if (!key.startsWith(LAB_KEY_PREFIX)) continue;
    try {
      const lab: unknown = JSON.parse(store.getItem(key) ?? 'null');
      if (isStoredLab(lab)) labs[key.slice(LAB_KEY_PREFIX.length)] = lab;
    } catch {
      /* a corrupt record is not exported */
    }
  }
  return { format: 'docker-network-lab-progress', v: 1, progress: readProgress(store), labs };
}

/**
 * Restores an export file's content; returns an error message for a file that is not one,
 * and changes nothing then.
 */
export function importProgress(data: unknown, store: KeyValueStore | undefined = browserStore()): string | undefined {
  const f = data as ProgressFile;
  if (typeof data !== 'object' || data === null || f.format !== 'docker-network-lab-progress' || f.v !== 1) {
    return 'This file is not a Docker Network Lab progress export.';
  }
  if (!isProgress(f.progress)) return 'The progress part of this file is damaged.';
  if (typeof f.labs !== 'object' || f.labs === null || !Object.values(f.labs).every(isStoredLab)) {
    return 'The lab part of this file is damaged.';
  }
  write(f.progress, store);
  for (const [id, lab] of Object.entries(f.labs)) store?.setItem(LAB_KEY_PREFIX + id, JSON.stringify(lab));
  return undefined;
}
