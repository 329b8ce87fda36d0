/**
 * Named starting machines. A world is a function that builds state on a fresh kernel through
 * the kernel's own operations (never by writing state directly), so it obeys every invariant
 * the commands do.
 *
 * - `bare`: the host namespace exactly as a freshly created network namespace: only `lo`,
 *   down, new-namespace sysctl defaults.
 * - `host`: a small server, see host.ts.
 *
 * Other parts (Docker) register more worlds with registerWorld().
 */
import type { Kernel } from '../kernel/kernel.ts';
import { buildHostWorld } from './host.ts';

/** Builds a world's state on a fresh kernel. */
export type WorldBuilder = (k: Kernel) => void;

const worlds = new Map<string, WorldBuilder>([
  ['bare', () => {}],
  ['host', buildHostWorld],
]);

/** Adds a world (e.g. `docker-host`, which starts from `host`). */
export function registerWorld(name: string, build: WorldBuilder): void {
  worlds.set(name, build);
}

/** Names of the worlds known so far. */
export function worldNames(): string[] {
  return [...worlds.keys()];
}

/** The built-in world names. */
export const WORLD_NAMES: readonly string[] = ['bare', 'host'];

/** Builds world `name` on `k`. Throws only for an unknown name (a programming error). */
export function applyWorld(k: Kernel, name: string): void {
  const build = worlds.get(name);
  if (!build) throw new Error(`unknown world "${name}" (known: ${worldNames().join(', ')})`);
  build(k);
}
