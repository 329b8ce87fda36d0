/**
 * Astro integration: after the build, give every page a `<link rel="modulepreload">` for each
 * module its scripts import statically. Astro emits one `<script type="module">` per component
 * script, and the browser only discovers a script's imports (and theirs) after fetching and
 * parsing it: on a lesson page that was a three-step waterfall (Terminal -> labs -> log) before
 * the terminal could start. Dynamic imports (the simulator, Monaco) are not followed, so
 * nothing loaded on demand moves into the first load.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Static `import ... from "./x.js"`, `import "./x.js"` and `export ... from "./x.js"` in a built chunk. */
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g;

async function htmlFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(full)));
    else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out;
}

/** @returns {import('astro').AstroIntegration} */
export function modulePreload() {
  return {
    name: 'netlab-modulepreload',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const imports = new Map();
        /** The chunk's static imports, as /_astro/ paths (memoized). */
        const direct = async (path) => {
          if (!imports.has(path)) {
            const code = await readFile(join(root, path), 'utf8').catch(() => '');
            const base = path.slice(0, path.lastIndexOf('/') + 1);
            imports.set(path, [...code.matchAll(STATIC_IMPORT)].map((m) => base + m[1].slice(2)));
          }
          return imports.get(path);
        };
        for (const file of await htmlFiles(root)) {
          const html = await readFile(file, 'utf8');
          const entries = [...html.matchAll(/<script type="module" src="(\/_astro\/[^"]+\.js)"/g)].map((m) => m[1]);
          if (entries.length === 0) continue;
          const seen = new Set(entries);
          const todo = [...entries];
          const deps = [];
          while (todo.length) {
            for (const dep of await direct(todo.pop())) {
              if (seen.has(dep)) continue;
              seen.add(dep);
              deps.push(dep);
              todo.push(dep);
            }
          }
          if (deps.length === 0 || !html.includes('</head>')) continue;
          const links = deps.sort().map((d) => `<link rel="modulepreload" href="${d}">`).join('');
          await writeFile(file, html.replace('</head>', `${links}</head>`));
        }
      },
    },
  };
}
