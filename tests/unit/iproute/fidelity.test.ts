/**
 * Replays every tests/fidelity/scenarios/iproute-*.txt on the simulator and compares the
 * normalized transcript with the real kernel's recording in tests/fidelity/recorded/.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fakeMachine, normalize, replay } from './fake.ts';

const root = join(import.meta.dirname, '../../fidelity');
const names = readdirSync(join(root, 'scenarios')).filter((f) => f.startsWith('iproute-') && f.endsWith('.txt'));

describe('iproute scenarios match the real kernel', () => {
  for (const f of names) {
    const rec = join(root, 'recorded', f);
    it.skipIf(!existsSync(rec))(f, () => {
      const got = normalize(replay(fakeMachine(7), readFileSync(join(root, 'scenarios', f), 'utf8')));
      expect(got).toBe(readFileSync(rec, 'utf8'));
    });
  }
});
