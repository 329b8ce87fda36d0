/**
 * What a benchmark module gives the runner (bin/netlab-bench.mjs -> tests/bench/main.ts).
 * Any `tests/bench/*.bench.ts` file is picked up: it exports `bench()` (or a default
 * function) returning rows, and the runner prints them in one table with PASS/MISS.
 */

/** A target a measured value is held to. */
export interface Target {
  /** `<` : the value must stay below `value`; `>=` : it must reach it. */
  op: '<' | '>=';
  value: number;
}

/** One line of the benchmark table. */
export interface BenchRow {
  /** What was measured, e.g. "ip link show p95". */
  name: string;
  /** The figure; NaN when the measurement could not be taken (see `error`). */
  value: number;
  /** Unit printed after the value: "ms", "MB", "pkt/s", ... */
  unit: string;
  target?: Target;
  /** Context worth printing (sample count, p50 beside a p95, baseline heap, ...). */
  note?: string;
  /** Why the value is missing: a command failed or a module is absent. */
  error?: string;
}

/** The shape of a benchmark module. */
export type BenchFn = () => BenchRow[] | Promise<BenchRow[]>;

/** PASS, MISS, or '' for rows without a target. */
export function verdict(row: BenchRow): 'PASS' | 'MISS' | '' {
  if (!row.target) return '';
  if (!Number.isFinite(row.value)) return 'MISS';
  return (row.target.op === '<' ? row.value < row.target.value : row.value >= row.target.value) ? 'PASS' : 'MISS';
}
