/**
 * Astro integration: after the build, list every file of dist/ that the service worker
 * (public/sw.js) should precache so the course works offline once loaded. Monaco's chunks and
 * the Pagefind index are left to the worker's runtime cache (cached the first time they are
 * used) because precaching them would cost every visitor several megabytes.
 */
import { readdir, writeFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

/** Whether a built file belongs in the precache list. */
function precached(rel, size) {
  if (rel === 'sw.js' || rel === 'offline-manifest.json') return false;
  if (rel.startsWith('pagefind/')) return false;
  // Monaco's chunk and its worker (not the light Editor widget script).
  if (/(^|\/)(editor-monaco|editor\.worker)[^/]*$/.test(rel)) return false;
  return size < 1_500_000;
}

/** @returns {import('astro').AstroIntegration} */
export function offlineManifest() {
  return {
    name: 'netlab-offline-manifest',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const files = [];
        const hash = createHash('sha256');
        for (const full of (await walk(root)).sort()) {
          const rel = relative(root, full).split(sep).join('/');
          const { size } = await stat(full);
          if (!precached(rel, size)) continue;
          hash.update(rel).update(await readFile(full));
          // Pages are fetched by their directory URL, the way visitors navigate to them.
          files.push('/' + rel.replace(/(^|\/)index\.html$/, '$1'));
        }
        const manifest = { version: hash.digest('hex').slice(0, 16), files };
        await writeFile(join(root, 'offline-manifest.json'), JSON.stringify(manifest));
      },
    },
  };
}
