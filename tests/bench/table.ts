/** The benchmark table as text: one row per measurement, target and PASS/MISS. */
import { verdict, type BenchRow } from './types.ts';

/** A measured value with as many decimals as it deserves; a target with none it lacks. */
function fmt(v: number, unit: string, exact = false): string {
  if (!Number.isFinite(v)) return '-';
  const digits = Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 10 ? 1 : 3;
  const n = v.toLocaleString('en-US', { minimumFractionDigits: exact ? 0 : digits, maximumFractionDigits: digits });
  return unit ? `${n} ${unit}` : n;
}

/** The table, one row per measurement; errors and notes go in the last column. */
export function formatTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => [
    r.name,
    fmt(r.value, r.unit),
    r.target ? `${r.target.op} ${fmt(r.target.value, r.unit, true)}` : '',
    verdict(r),
    r.error ? `ERROR: ${r.error}` : (r.note ?? ''),
  ]);
  const head = ['benchmark', 'value', 'target', 'result', 'notes'];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c.map((x, i) => (i === 1 || i === 2 ? x.padStart(width[i]!) : i === 4 ? x : x.padEnd(width[i]!))).join('  ').trimEnd();
  return [line(head), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
