/**
 * What the site's unit tests share to drive a LabSession without a browser: an in-memory
 * store standing in for localStorage, a pacer that never waits, and the text a line prints.
 */
import type { LabSession, Pacer } from '../../../src/lab/session.ts';
import type { KeyValueStore } from '../../../src/lab/log.ts';

/** localStorage in a Map (the map is exposed for assertions on what was stored). */
export function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

/** A pacer whose waits resolve at once: endless jobs run at full speed. */
export const instant: Pacer = { wait: () => Promise.resolve() };

/** Runs `line` in the session and returns what it printed. */
export async function output(s: LabSession, line: string): Promise<string> {
  let text = '';
  const stop = s.on((e) => {
    if (e.type === 'output') text += e.text;
  });
  await s.run(line);
  stop();
  return text;
}
