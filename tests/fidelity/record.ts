/**
 * `npm run fidelity:record -- FILE...`: records scenarios on the real kernel exactly as the
 * fidelity suite does (record-real from /root, then normalize-transcript) and writes each
 * golden beside its scenario (`scenarios/X.txt` -> `recorded/X.txt`, and the same under
 * `pending/`). Each scenario is recorded twice at once and refused when the two runs differ:
 * output that varies from run to run cannot be a golden. `--once` records a single time.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { headerLines, liveStatus, normalizeMany, recordOne } from './harness.ts';
import { explainDifference, firstDifference } from './transcript-diff.ts';

async function recordFile(file: string, twice: boolean): Promise<boolean> {
  const path = resolve(file);
  if (basename(dirname(path)) !== 'scenarios' || !existsSync(path)) {
    console.error(`${file}: not a scenario file under .../scenarios/`);
    return false;
  }
  const out = join(dirname(dirname(path)), 'recorded', basename(path));
  const raw = await Promise.all((twice ? [1, 2] : [1]).map(() => recordOne(path)));
  const commands = headerLines(readFileSync(path, 'utf8'));
  const [headerText, a, b] = normalizeMany([commands.join('\n'), ...raw]);
  if (b !== undefined && a !== b) {
    const d = firstDifference(a!, b, headerText!.replace(/\n$/, '').split('\n'))!;
    console.error(`${file}: two runs on the real kernel differ, not written; ${explainDifference(d, { expected: 'run 1', actual: 'run 2' })}`);
    return false;
  }
  writeFileSync(out, a!);
  console.log(`${file}: recorded ${commands.length} commands -> ${out}`);
  return true;
}

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const status = liveStatus();
if (!status.live) {
  console.error(`cannot record on the real kernel here: ${status.reason}`);
  process.exit(1);
}
if (files.length === 0) {
  console.error('usage: npm run fidelity:record -- [--once] tests/fidelity/[pending/]scenarios/NAME.txt ...');
  process.exit(2);
}
let ok = true;
for (const f of files) ok = (await recordFile(f, !args.includes('--once'))) && ok;
process.exit(ok ? 0 : 1);
