/**
 * The datapath fidelity scenarios, replayed through the commands on a bare kernel and compared
 * with their real-kernel recordings after normalization. The fidelity suite runs the same
 * files through the whole machine; this catches datapath regressions without it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { runScenario } from './mini-shell.ts';

const root = resolve(import.meta.dirname, '..', '..', 'fidelity');
const normalizer = resolve(root, '..', '..', '..', 'shared', 'tools', 'normalize-transcript');
const canNormalize = existsSync(normalizer);

function scenarios(): Array<{ name: string; scenario: string; recorded: string }> {
  const out = [];
  for (const dir of ['', 'pending']) {
    const sdir = join(root, dir, 'scenarios');
    if (!existsSync(sdir)) continue;
    for (const f of readdirSync(sdir)) {
      if (!f.startsWith('datapath-') || dir === 'pending') continue;
      out.push({ name: f, scenario: readFileSync(join(sdir, f), 'utf8'), recorded: readFileSync(join(root, dir, 'recorded', f), 'utf8') });
    }
  }
  return out;
}

describe.skipIf(!canNormalize)('datapath scenarios against real-kernel recordings', () => {
  for (const s of scenarios()) {
    it(s.name, () => {
      const sim = execFileSync('python3', [normalizer], { input: runScenario(s.scenario), encoding: 'utf8' });
      expect(sim).toBe(s.recorded);
    });
  }
});
