/**
 * Builds the site once for the browser tests and the site benchmark, with the same two
 * steps as `npm run build` (astro build, then the Pagefind index), into its own directory so
 * it never races a developer's `dist/`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** Where the test build goes (ignored by git, inside node_modules/.cache). */
export const TEST_DIST = join(ROOT, 'node_modules', '.cache', 'netlab-site', 'dist');

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${(r.stdout ?? '').slice(-3000)}\n${(r.stderr ?? '').slice(-3000)}`);
  }
}

/**
 * Builds the site into `outDir` (astro build + pagefind) and returns the directory. With
 * `reuse`, an existing complete build is used as is.
 */
export function buildSite(outDir = TEST_DIST, reuse = false): string {
  if (reuse && existsSync(join(outDir, 'index.html')) && existsSync(join(outDir, 'pagefind'))) return outDir;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
  // Astro's own command refuses Node 20; src/build/astro.mjs runs the same build through its API.
  run(process.execPath, [join(ROOT, 'src', 'build', 'astro.mjs'), 'build', '--outDir', outDir, '--silent']);
  run(bin('pagefind'), ['--site', outDir, '--silent']);
  return outDir;
}
