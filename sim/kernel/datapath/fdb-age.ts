/**
 * Ageing of a bridge's learned addresses by the virtual clock, for printers (`bridge fdb show`,
 * `brctl showmacs`) that must not show entries the kernel's gc would have removed.
 */
import type { Link } from '../types.ts';
import { fdbAge } from '../fdb.ts';

/** Removes dynamic entries older than the bridge's ageing time. */
export function expireBridgeFdb(br: Link, now: number): void {
  if (br.bridge) fdbAge(br, now);
}
