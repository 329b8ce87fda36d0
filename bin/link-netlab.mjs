#!/usr/bin/env node
// postinstall: npm links the bins of dependencies into node_modules/.bin but not the root
// package's own, and `npx netlab` inside this repository looks there. Link it the same way.
import { mkdirSync, symlinkSync, lstatSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const link = join(root, 'node_modules', '.bin', 'netlab');
mkdirSync(dirname(link), { recursive: true });
try {
  lstatSync(link);
  unlinkSync(link);
} catch {
  /* not there yet */
}
symlinkSync('../../bin/netlab.mjs', link);
