/**
 * A lab's state is its command log: the machine is deterministic, so the same world, setup
 * and log always rebuild the same machine. This module holds the log's shape, its storage in
 * localStorage and its compact form for share URLs.
 */
/** One thing the learner did to the machine. */
export type LogEntry =
  | {
      /** The command line as typed. */
      line: string;
      /**
       * Set when the job was interrupted (Ctrl+C, or the page closed while it ran): how many
       * times it was stepped before the interrupt. Absent when it ran to its end.
       */
      steps?: number;
    }
  | {
      /** A file the editor saved: its path and whole content. */
      write: string;
      content: string;
    };

/** What localStorage holds for one lab. */
export interface StoredLab {
  v: 1;
  /** Fingerprint of the starting point (world + setup); a changed lesson start drops the log. */
  base: string;
  entries: LogEntry[];
}

// Validation is hand-written rather than zod: this module is in every lesson page's bundle,
// which has a 200 KB budget, and these shapes are tiny.
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a value parsed from storage, a file or a URL is a log entry. */
export function isLogEntry(v: unknown): v is LogEntry {
  if (!isRecord(v)) return false;
  const keys = Object.keys(v).sort().join(',');
  if (keys === 'line' || keys === 'line,steps') {
    return typeof v.line === 'string' && (v.steps === undefined || (Number.isInteger(v.steps) && (v.steps as number) >= 0));
  }
  return keys === 'content,write' && typeof v.write === 'string' && typeof v.content === 'string';
}

/** Whether a value is a stored lab record. */
export function isStoredLab(v: unknown): v is StoredLab {
  return isRecord(v) && v.v === 1 && typeof v.base === 'string' && Array.isArray(v.entries) && v.entries.every(isLogEntry);
}

/** localStorage key prefix for labs. */
export const LAB_KEY_PREFIX = 'netlab:lab:';

/** A short fingerprint of a lab's starting point (FNV-1a over world and setup lines). */
export function baseFingerprint(world: string, setup: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of [world, ...setup].join('\n')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Minimal storage interface (localStorage in the browser, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The browser's localStorage when usable (private modes and file:// may refuse it). */
export function browserStore(): KeyValueStore | undefined {
  try {
    const s = globalThis.localStorage;
    const probe = '__netlab_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return undefined;
  }
}

/** Reads a lab's log; an absent, corrupt or outdated record gives an empty log. */
export function loadLog(store: KeyValueStore | undefined, labId: string, base: string): LogEntry[] {
  const raw = store?.getItem(LAB_KEY_PREFIX + labId);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isStoredLab(parsed) || parsed.base !== base) return [];
    return parsed.entries;
  } catch {
    return [];
  }
}

/** Writes a lab's log (quota errors are ignored: the lab keeps working, only unsaved). */
export function saveLog(store: KeyValueStore | undefined, labId: string, base: string, entries: LogEntry[]): void {
  if (!store) return;
  const record: StoredLab = { v: 1, base, entries };
  try {
    store.setItem(LAB_KEY_PREFIX + labId, JSON.stringify(record));
  } catch {
    /* storage full or disabled */
  }
}

/** Forgets a lab's log (Reset). */
export function clearLog(store: KeyValueStore | undefined, labId: string): void {
  store?.removeItem(LAB_KEY_PREFIX + labId);
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Encodes a log for a URL fragment: JSON, deflate-raw, base64url. */
export async function encodeLog(entries: LogEntry[]): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(entries));
  return toBase64Url(await pipeThrough(json, new CompressionStream('deflate-raw')));
}

/** Decodes a URL fragment made by encodeLog; undefined if it is not a valid log. */
export async function decodeLog(text: string): Promise<LogEntry[] | undefined> {
  try {
    const bytes = await pipeThrough(fromBase64Url(text), new DecompressionStream('deflate-raw'));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return Array.isArray(parsed) && parsed.every(isLogEntry) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
