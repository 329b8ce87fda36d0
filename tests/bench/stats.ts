/**
 * Small timing helpers for the benchmarks: wall-clock samples, percentiles and heap after a
 * full collection. They run under Node only (bin/netlab-bench.mjs starts Node with
 * --expose-gc so `heapAfterGc` measures live objects rather than garbage).
 */
import { performance } from 'node:perf_hooks';

/** The p-th percentile (0..100) of samples, by nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Milliseconds `fn` takes. */
export function timeMs(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Forces a full garbage collection when Node runs with --expose-gc. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

/** heapUsed in MB after a full collection (NaN without --expose-gc: it would mislead). */
export function heapAfterGcMb(): number {
  return collectGarbage() ? process.memoryUsage().heapUsed / (1024 * 1024) : NaN;
}
