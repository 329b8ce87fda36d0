/**
 * The generated schema reference and the exercise JSON Schema are committed; they must be
 * what the zod schemas give now, and they must document every field those schemas accept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from './json-schema-validate.ts';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { generatedDocs } from '../../../sim/cli/docs.ts';
import { exerciseJsonSchema, schemaReferenceMarkdown } from '../../../sim/cli/schema-docs.ts';
import { checkSchema, exerciseSchema } from '../../../sim/check/schema.ts';
import { lessonSchema } from '../../../src/lab/lesson-schema.ts';

describe('generated schema reference', () => {
  test.each(generatedDocs().map((d) => [d.path, d.text]))('%s is up to date (npm run docs:schema)', (path, text) => {
    expect(readFileSync(path, 'utf8'), `${path} is stale: run npm run docs:schema and commit it`).toBe(text);
  });

  test('every frontmatter field is a row with its description', () => {
    const md = schemaReferenceMarkdown();
    for (const [name, field] of Object.entries(lessonSchema.shape)) {
      const desc = (field as z.ZodType).description ?? (field as { unwrap(): z.ZodType }).unwrap?.().description;
      expect(desc, `lessonSchema.${name} has no .describe() text`).toBeTruthy();
      expect(md).toContain(`| \`${name}\` |`);
    }
  });

  test('every check kind has a section, and every field of every kind a description', () => {
    const md = schemaReferenceMarkdown();
    const kinds = checkSchema.options.map((o) => o.shape.kind.value);
    expect(kinds.length).toBeGreaterThanOrEqual(10);
    for (const k of kinds) expect(md).toContain(`#### \`kind: ${k}\``);
    const walk = (s: Record<string, unknown>, path: string) => {
      for (const [name, f] of Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (name !== 'kind') expect(f.description, `${path}${name} has no .describe() text`).toBeTruthy();
        const items = f.items as Record<string, unknown> | undefined;
        if (items?.properties) walk(items, `${path}${name}[].`);
        for (const v of (items?.oneOf ?? []) as Record<string, unknown>[]) walk(v, `${path}${name}[].`);
      }
    };
    walk(exerciseJsonSchema() as Record<string, unknown>, '');
  });

  test('the reference says what is required and what the defaults are', () => {
    const md = schemaReferenceMarkdown();
    expect(md).toMatch(/\| `readingMinutes` \| integer \(> 0\) \| yes \|/);
    expect(md).toMatch(/\| `world` \| `"bare"` or `"host"` or `"docker-host"` \| no \| `"host"` \|/);
    expect(md).toMatch(/\| `proto` \| `"icmp"` or `"tcp"` or `"udp"` \| no \| `"icmp"` \|/);
  });
});

describe('exercise JSON Schema (for editors)', () => {
  const js = exerciseJsonSchema() as { properties: Record<string, unknown>; required: string[] };

  test('covers the same top-level fields as the zod schema', () => {
    const shape = (exerciseSchema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    expect(Object.keys(js.properties).sort()).toEqual(Object.keys(shape).sort());
    expect(js.required).toEqual(expect.arrayContaining(['title', 'goal', 'checks', 'hints', 'solution']));
  });

  test('accepts what zod accepts and closes checks to unknown keys', () => {
    // A small validator for the JSON Schema subset zod emits is overkill; instead compare the
    // two on the course's own exercises: every key they use is declared for their kind.
    const ex = load(readFileSync('content/01-linux-by-hand/06-masquerade.exercise.yaml', 'utf8')) as { checks: Record<string, unknown>[] };
    expect(exerciseSchema.safeParse(ex).success).toBe(true);
    const variants = (js.properties.checks as { items: { oneOf: { properties: Record<string, { const?: string }>; additionalProperties: boolean }[] } }).items.oneOf;
    for (const c of ex.checks) {
      const v = variants.find((x) => x.properties.kind.const === c.kind)!;
      expect(v.additionalProperties).toBe(false);
      for (const k of Object.keys(c)) expect(Object.keys(v.properties)).toContain(k);
    }
  });
});

describe('the JSON Schema agrees with the linter', () => {
  const js = JSON.parse(readFileSync('docs/exercise.schema.json', 'utf8'));
  const exercises = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? exercises(join(dir, e.name)) : e.name.endsWith('.exercise.yaml') ? [join(dir, e.name)] : [],
    );

  test('every exercise of the course is valid for editors too', () => {
    const files = exercises('content');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const data = load(readFileSync(f, 'utf8'));
      expect(exerciseSchema.safeParse(data).success, f).toBe(true);
      expect(validate(js, data), f).toEqual([]);
    }
  });

  test.each([
    ['an unknown key in a check', { kind: 'reach', from: 'c1', to: '10.0.0.1', seeSrc: '1.2.3.4' }, '$.checks[0]: matches 0 of the alternatives'],
    ['an unknown kind', { kind: 'linky', name: 'x' }, '$.checks[0]: matches 0 of the alternatives'],
    ['a number for a sysctl value', { kind: 'sysctl', key: 'net.ipv4.ip_forward', value: 1 }, '$.checks[0]: matches 0 of the alternatives'],
  ])('editors reject %s, as the linter does', (_what, check, problem) => {
    const data = { title: 'T', goal: 'G', checks: [{ id: 'a', label: 'A', ...check }], hints: [{ text: 'a' }, { text: 'b' }], solution: ['true'] };
    expect(validate(js, data)).toEqual([problem]);
  });

  test('editors reject a missing field and an unknown top-level one', () => {
    expect(validate(js, { title: 'T', goal: 'G', checks: [{ id: 'a', label: 'A', kind: 'netns', name: 'c1' }], hints: [{ text: 'a' }, { text: 'b' }], extra: 1 })).toEqual([
      '$.solution: required',
      '$.extra: not allowed',
    ]);
  });
});
