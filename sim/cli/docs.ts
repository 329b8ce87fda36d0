/**
 * `npm run docs:schema`: writes the generated schema reference (docs/schema-reference.md)
 * and the exercise JSON Schema (docs/exercise.schema.json) from the zod schemas.
 * `--check` writes nothing and exits 1 when a committed file differs from what the schemas
 * give now (what the authoring tests assert too).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXERCISE_JSON_SCHEMA_PATH, REFERENCE_PATH, exerciseJsonSchemaText, schemaReferenceMarkdown } from './schema-docs.ts';

/** Every generated file: path relative to the repository root, and its content now. */
export function generatedDocs(): { path: string; text: string }[] {
  return [
    { path: REFERENCE_PATH, text: schemaReferenceMarkdown() },
    { path: EXERCISE_JSON_SCHEMA_PATH, text: exerciseJsonSchemaText() },
  ];
}

/** Writes (or, with check, compares) the generated files under `root`; returns the stale ones. */
export function syncDocs(root: string, check: boolean): string[] {
  const stale: string[] = [];
  for (const f of generatedDocs()) {
    const path = join(root, f.path);
    const now = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (now === f.text) continue;
    stale.push(f.path);
    if (!check) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.text);
    }
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const check = process.argv.includes('--check');
  const stale = syncDocs(root, check);
  for (const p of stale) console.log(check ? `${p} is out of date: run npm run docs:schema` : `wrote ${p}`);
  if (!stale.length) console.log('schema reference up to date');
  process.exitCode = check && stale.length ? 1 : 0;
}
