#!/usr/bin/env node
// `npm run bench`: runs tests/bench/main.ts through tsx's API (no build step). Heap figures
// need a full collection, so without --expose-gc this re-runs itself with it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (typeof globalThis.gc !== 'function') {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

const { tsImport } = await import('tsx/esm/api');
await tsImport('../tests/bench/main.ts', import.meta.url);
