#!/usr/bin/env node
/**
 * Runs Astro through its JavaScript API: `node src/build/astro.mjs build|dev|preview [--outDir DIR]`.
 * Astro 6's own `astro` command refuses Node 20 outright (it wants >= 22.12), while the
 * project's toolchain is pinned to Node 20.19+; the build itself runs fine on Node 20, so the
 * package scripts call the API instead of the command.
 */
import { build, dev, preview } from 'astro';
import { fileURLToPath } from 'node:url';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));
const [command = 'build', ...rest] = process.argv.slice(2);
const flag = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
// Vite derives import.meta.env.DEV/PROD from NODE_ENV, which test runners set to "test": a
// build started from vitest (the e2e global setup) then shipped development code, without
// the service worker registration (src/site/offline.ts), so the test build never worked
// offline. A build is always a production build.
if (command === 'build') process.env.NODE_ENV = 'production';

// Astro keeps a build's intermediate files (the prerender entry and chunks) inside the output
// directory when that lies under the current directory, and in the shared ./.astro/.prerender
// otherwise, where two concurrent builds to private directories (/tmp/...) overwrite each
// other's entry (ERR_MODULE_NOT_FOUND .astro/.prerender/prerender-entry.*.mjs). Those chunks
// must also resolve node_modules, so such a build is staged in its own directory inside the
// repository and copied to the requested outDir afterwards.
const outDir = flag('--outDir') ? resolve(root, flag('--outDir')) : undefined;
if (command === 'build') process.chdir(root);
const staged = command === 'build' && outDir && !outDir.startsWith(root)
  ? join(root, 'node_modules', '.cache', 'netlab-build', `${process.pid}-${Date.now()}`)
  : undefined;

/** @type {import('astro').AstroInlineConfig} */
const config = {
  root,
  logLevel: rest.includes('--silent') ? 'error' : 'info',
  ...(outDir ? { outDir: staged ?? outDir } : {}),
  server: {
    host: flag('--host') ?? '127.0.0.1',
    ...(flag('--port') ? { port: Number(flag('--port')) } : {}),
  },
};

if (command === 'build') {
  try {
    await build(config);
    if (staged && outDir) {
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(outDir, { recursive: true });
      cpSync(staged, outDir, { recursive: true });
    }
  } finally {
    if (staged) rmSync(staged, { recursive: true, force: true });
  }
} else if (command === 'dev') {
  await dev(config);
} else if (command === 'preview') {
  await preview(config);
} else {
  console.error(`usage: node src/build/astro.mjs build|dev|preview [--outDir DIR] [--host H] [--port P] [--silent]`);
  process.exit(2);
}
