/**
 * `npm run bench`: runs every benchmark module in tests/bench (the simulator's first, then
 * the others in name order, e.g. netfilter.bench.ts) and prints one table with each target
 * and PASS/MISS. Benchmarks are measurements, not tests: a MISS never makes this fail;
 * only a broken runner does. `--json` prints the rows as JSON instead.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus } from 'node:os';
import { verdict, type BenchFn, type BenchRow } from './types.ts';
import { formatTable } from './table.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** The benchmark entry of a module: `bench`, else the default export, else its only function. */
function entryOf(mod: Record<string, unknown>): BenchFn | undefined {
  if (typeof mod.bench === 'function') return mod.bench as BenchFn;
  if (typeof mod.default === 'function') return mod.default as BenchFn;
  const fns = Object.values(mod).filter((v) => typeof v === 'function');
  return fns.length === 1 ? (fns[0] as BenchFn) : undefined;
}

/** Runs one module; its failure becomes a row rather than ending the whole run. */
async function runModule(file: string): Promise<BenchRow[]> {
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
    const fn = entryOf(mod);
    if (!fn) return [{ name: file, value: NaN, unit: '', error: 'exports no bench() function' }];
    return await fn();
  } catch (e) {
    return [{ name: file, value: NaN, unit: '', error: e instanceof Error ? e.message.split('\n')[0]! : String(e) }];
  }
}

async function main(): Promise<void> {
  const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts'));
  files.sort((a, b) => (a === 'sim.bench.ts' ? -1 : b === 'sim.bench.ts' ? 1 : a.localeCompare(b)));
  const rows: BenchRow[] = [];
  for (const f of files) {
    if (!process.argv.includes('--json')) process.stderr.write(`bench: ${f}\n`);
    rows.push(...(await runModule(f)));
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows.map((r) => ({ ...r, result: verdict(r) })), null, 2));
    return;
  }
  const cpu = cpus();
  console.log(`netlab bench: Node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}\n`);
  console.log(formatTable(rows));
  const targeted = rows.filter((r) => r.target);
  const missed = targeted.filter((r) => verdict(r) === 'MISS').length;
  console.log(`\n${targeted.length - missed} of ${targeted.length} targets met${missed ? ` (${missed} MISS)` : ''}.`);
}

await main();
