/**
 * The schema reference, generated from the zod schemas themselves: the exercise file
 * (sim/check/schema.ts) and the lesson frontmatter (src/lab/lesson-schema.ts). Both go through
 * zod's JSON Schema export (input side: a field with a default is optional), and the Markdown
 * tables are rendered from that, so the reference, the JSON Schema editors validate against
 * and the validation the linter and the build run cannot disagree.
 */
import { z } from 'zod';
import { exerciseSchema } from '../check/schema.ts';
import { lessonSchema } from '../../src/lab/lesson-schema.ts';

/** The part of JSON Schema that zod emits for our schemas. */
interface Json {
  type?: string;
  description?: string;
  properties?: Record<string, Json>;
  required?: string[];
  items?: Json;
  oneOf?: Json[];
  anyOf?: Json[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  additionalProperties?: boolean | Json;
  [k: string]: unknown;
}

/** Where the generated files live, relative to the repository root. */
export const REFERENCE_PATH = 'docs/schema-reference.md';
export const EXERCISE_JSON_SCHEMA_PATH = 'docs/exercise.schema.json';

const toJson = (s: z.ZodType): Json => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json;

/** The checks of an exercise, as JSON Schema variants (one per kind). */
function checkVariants(ex: Json): Json[] {
  return ex.properties?.checks?.items?.oneOf ?? ex.properties?.checks?.items?.anyOf ?? [];
}

/** Marks every object with declared properties closed, as deep as the schema goes. */
function closeObjects(s: Json): void {
  if (s.properties) {
    s.additionalProperties = false;
    Object.values(s.properties).forEach(closeObjects);
  }
  if (s.items) closeObjects(s.items);
  (s.oneOf ?? []).forEach(closeObjects);
  (s.anyOf ?? []).forEach(closeObjects);
}

/**
 * JSON Schema for exercise YAML files, for editors (yaml-language-server). Every object is
 * closed (`additionalProperties: false`), checks and hints included, because the linter
 * rejects unknown keys everywhere: a misspelt optional field would otherwise make a check
 * silently weaker. (Free-form maps such as a custom check's `args` declare no properties and
 * stay open.)
 */
export function exerciseJsonSchema(): Json {
  const js = toJson(exerciseSchema);
  closeObjects(js);
  return { ...js, title: 'Docker Network Lab exercise' };
}

/** The JSON Schema file's text. */
export function exerciseJsonSchemaText(): string {
  return `${JSON.stringify(exerciseJsonSchema(), null, 2)}\n`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (v: unknown) => `\`${JSON.stringify(v)}\``;

/** A field's type in words, with its constraints. */
function typeText(f: Json): string {
  if (f.const !== undefined) return code(f.const);
  if (f.enum) return f.enum.map(code).join(' or ');
  if (f.oneOf || f.anyOf) return 'one of the kinds below';
  const limits: string[] = [];
  if (f.minLength === 1) limits.push('non-empty');
  if (f.pattern) limits.push(`matching \`${f.pattern}\``);
  if (f.minimum !== undefined && f.minimum > Number.MIN_SAFE_INTEGER) limits.push(`≥ ${f.minimum}`);
  if (f.exclusiveMinimum !== undefined) limits.push(`> ${f.exclusiveMinimum}`);
  if (f.maximum !== undefined && f.maximum < Number.MAX_SAFE_INTEGER) limits.push(`≤ ${f.maximum}`);
  const withLimits = (t: string) => (limits.length ? `${t} (${limits.join(', ')})` : t);
  switch (f.type) {
    case 'array': {
      const n = f.minItems ? `, at least ${f.minItems}` : '';
      const item = f.items?.type === 'object' && !f.items.oneOf ? 'objects' : f.items ? typeText(f.items) : 'values';
      return `list of ${item}${n}`;
    }
    case 'object':
      return f.properties ? 'object' : 'map of names to values';
    case 'integer':
      return withLimits('integer');
    case undefined:
      return 'any value';
    default:
      return withLimits(f.type);
  }
}

/** Markdown table of an object's fields, leaving out `skip`. */
function fieldTable(obj: Json, skip: Set<string> = new Set()): string {
  const rows = Object.entries(obj.properties ?? {}).filter(([name]) => !skip.has(name));
  const required = new Set(obj.required ?? []);
  const lines = ['| Field | Type | Required | Default | Description |', '|---|---|---|---|---|'];
  for (const [name, f] of rows) {
    const def = f.default !== undefined ? code(f.default) : '';
    lines.push(`| \`${name}\` | ${cell(typeText(f))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(def)} | ${cell(f.description ?? '')} |`);
  }
  return lines.join('\n');
}

/**
 * Nested objects of a table (lists of objects, objects) get their own tables below it; an
 * object already documented (the same schema under another path) points there instead.
 */
function nestedSections(obj: Json, path: string, level: number, skip: Set<string> = new Set(), seen = new Map<string, string>()): string[] {
  const out: string[] = [];
  for (const [name, f] of Object.entries(obj.properties ?? {})) {
    if (skip.has(name)) continue;
    const inner = f.type === 'array' ? f.items : f;
    if (inner?.type === 'object' && inner.properties && !inner.oneOf) {
      const where = `${path}${name}${f.type === 'array' ? '[]' : ''}`;
      const key = JSON.stringify(inner);
      const before = seen.get(key);
      out.push(`${'#'.repeat(level)} \`${where}\``, '');
      if (before) {
        out.push(`The same fields as \`${before}\`.`, '');
        continue;
      }
      seen.set(key, where);
      out.push(...(inner.description ? [inner.description, ''] : []), fieldTable(inner), '');
      out.push(...nestedSections(inner, `${where}.`, level + 1, new Set(), seen));
    }
  }
  return out;
}

/** The fields every check kind shares (same name, same schema). */
function commonCheckFields(variants: Json[]): Set<string> {
  if (!variants.length) return new Set();
  const first = variants[0].properties ?? {};
  return new Set(
    Object.keys(first).filter(
      (k) => k !== 'kind' && variants.every((v) => JSON.stringify(v.properties?.[k]) === JSON.stringify(first[k])),
    ),
  );
}

/** The whole reference page, as Markdown. */
export function schemaReferenceMarkdown(): string {
  const lesson = toJson(lessonSchema);
  const ex = exerciseJsonSchema();
  const variants = checkVariants(ex);
  const common = commonCheckFields(variants);
  const out: string[] = [
    '# Schema reference',
    '',
    '<!-- Generated by `npm run docs:schema` from sim/check/schema.ts and src/lab/lesson-schema.ts:',
    '     edit the .describe() texts there and regenerate; a test fails when this file is stale. -->',
    '',
    'Every field an instructor writes, generated from the zod schemas that the build, `netlab lint` and',
    '`netlab check` validate against. "Required: no" with a default means the default applies when the',
    'field is left out. The [authoring guide](authoring.md) shows how the pieces fit together.',
    '',
    '## Lesson frontmatter',
    '',
    'The YAML block between `---` lines at the top of a lesson (`content/NN-chapter/NN-lesson.mdx`).',
    'Unknown fields are errors.',
    '',
    fieldTable(lesson),
    '',
    ...nestedSections(lesson, '', 3),
    '## Exercise file',
    '',
    `${ex.description ?? ''} Unknown fields are errors. JSON Schema for editors:`,
    `\`${EXERCISE_JSON_SCHEMA_PATH}\`.`,
    '',
    fieldTable(ex),
    '',
    ...nestedSections(ex, '', 3, new Set(['checks'])),
    '### Checks',
    '',
    'Each entry of `checks` is one kind of check, chosen by `kind`. Every kind has these fields:',
    '',
    fieldTable(variants[0] ?? {}, new Set([...Object.keys(variants[0]?.properties ?? {})].filter((k) => !common.has(k)))),
    '',
  ];
  for (const v of variants) {
    const kind = String(v.properties?.kind?.const);
    out.push(`#### \`kind: ${kind}\``, '', ...(v.description ? [v.description, ''] : []));
    const own = Object.keys(v.properties ?? {}).filter((k) => !common.has(k) && k !== 'kind');
    out.push(own.length ? fieldTable(v, new Set([...common, 'kind'])) : 'No fields besides the common ones.', '');
    out.push(...nestedSections(v, `${kind}.`, 5, new Set([...common, 'kind'])));
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
