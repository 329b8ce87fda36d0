#!/usr/bin/env node
/**
 * Runs Astro through its JavaScript API: `node src/build/astro.mjs build|dev|preview [--outDir DIR]`.
 * Astro 6's own `astro` command refuses Node 20 outright (it wants >= 22.12), while the
 * project's toolchain is pinned to Node 20.19+; the build itself runs fine on Node 20, so the
 * package scripts call the API instead of the command.
 */
import { build, dev, preview } from 'astro';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const [command = 'build', ...rest] = process.argv.slice(2);
const flag = (name) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

/** @type {import('astro').AstroInlineConfig} */
const config = {
  root,
  logLevel: rest.includes('--silent') ? 'error' : 'info',
  ...(flag('--outDir') ? { outDir: flag('--outDir') } : {}),
  server: {
    host: flag('--host') ?? '127.0.0.1',
    ...(flag('--port') ? { port: Number(flag('--port')) } : {}),
  },
};

if (command === 'build') {
  await build(config);
} else if (command === 'dev') {
  await dev(config);
} else if (command === 'preview') {
  await preview(config);
} else {
  console.error(`usage: node src/build/astro.mjs build|dev|preview [--outDir DIR] [--host H] [--port P] [--silent]`);
  process.exit(2);
}
