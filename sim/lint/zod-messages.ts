/**
 * Schema problems in words an instructor acts on. zod's own messages are about types
 * ("Invalid input: expected number, received undefined"); these say what is wrong with the
 * file and what to write instead: a missing field with what it is for, an unknown field with
 * the name it was probably meant to be, a number where the schema wants text with how to
 * quote it. Also finds unknown keys in objects zod lets through (checks and hints are not
 * strict, and a misspelt optional field would make a check silently weaker).
 */
import { z } from 'zod';

/** One problem: where (path in the data) and what to do. */
export interface SchemaProblem {
  path: PropertyKey[];
  message: string;
}

type Issue = z.core.$ZodIssue;

function unwrap(t: z.ZodType | undefined): z.ZodType | undefined {
  let cur = t;
  while (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable) cur = cur.unwrap() as z.ZodType;
  return cur;
}

/** The option of a discriminated union that `data` selects, if any. */
function unionOption(t: z.ZodDiscriminatedUnion, data: unknown): z.ZodObject | undefined {
  const key = t.def.discriminator;
  const want = (data as Record<string, unknown> | undefined)?.[key];
  return (t.options as z.ZodObject[]).find((o) => (unwrap(o.shape[key] as z.ZodType) as z.ZodLiteral).values?.has(want as never));
}

/** The object schema that governs `data`, following unions by their discriminator. */
function objectOf(t: z.ZodType | undefined, data: unknown): z.ZodObject | undefined {
  const u = unwrap(t);
  if (u instanceof z.ZodObject) return u;
  if (u instanceof z.ZodDiscriminatedUnion) return unionOption(u, data);
  return undefined;
}

/** The schema of the field at `path` (and the value there), walking alongside the data. */
export function fieldAt(schema: z.ZodType, data: unknown, path: readonly PropertyKey[]): { schema?: z.ZodType; value: unknown } {
  let t: z.ZodType | undefined = schema;
  let value = data;
  for (const seg of path) {
    const u = unwrap(t);
    if (u instanceof z.ZodArray) t = u.element as z.ZodType;
    else t = objectOf(u, value)?.shape[String(seg)] as z.ZodType | undefined;
    value = (value as Record<PropertyKey, unknown> | undefined)?.[seg as string];
  }
  return { schema: t, value };
}

function descriptionOf(t: z.ZodType | undefined): string | undefined {
  let cur = t;
  while (cur) {
    if (cur.description) return cur.description;
    cur = cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable ? (cur.unwrap() as z.ZodType) : undefined;
  }
  return undefined;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/** ` (did you mean "x"?)` for the closest candidate, if one is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const w = word.toLowerCase();
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(1, Math.min(3, Math.floor(word.length / 3))) ? ` (did you mean "${best.c}"?)` : '';
}

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
const kindOfValue = (v: unknown) => (Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'a mapping' : typeof v === 'string' ? 'text' : `the ${typeof v} ${JSON.stringify(v)}`);
const WANTED: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping (key: value lines)' };

function unknownKey(schema: z.ZodType, data: unknown, parent: PropertyKey[], key: string): SchemaProblem {
  const obj = objectOf(fieldAt(schema, data, parent).schema, fieldAt(schema, data, parent).value);
  const fields = obj ? Object.keys(obj.shape) : [];
  const hint = didYouMean(key, fields) || (fields.length ? `; the fields here are ${fields.join(', ')}` : '');
  return { path: [...parent, key], message: `unknown field "${key}"${hint}` };
}

/** One zod issue as instructor-facing problems (an unrecognized-keys issue gives one per key). */
function explain(schema: z.ZodType, data: unknown, issue: Issue): SchemaProblem[] {
  const path = issue.path as PropertyKey[];
  const { schema: field, value } = fieldAt(schema, data, path);
  const what = descriptionOf(field);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => unknownKey(schema, data, path, k));
    case 'invalid_type':
      if (value === undefined) return [{ path, message: `required field is missing${what ? `: ${what}` : ''}` }];
      if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
        return [{ path, message: `expected text, got ${kindOfValue(value)}: quote it ("${String(value)}")` }];
      return [{ path, message: `expected ${WANTED[issue.expected] ?? issue.expected}, got ${kindOfValue(value)}` }];
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      return [{ path, message: `${show(value)} is not allowed here${didYouMean(String(value), allowed)}; use one of: ${allowed.join(', ')}` }];
    }
    case 'invalid_union': {
      const note = issue as Issue & { discriminator?: string; options?: unknown[] };
      if (note.discriminator && note.options) {
        const opts = note.options.map(String);
        if (value === undefined) return [{ path, message: `missing "${note.discriminator}": one of ${opts.join(', ')}` }];
        return [{ path, message: `unknown ${note.discriminator} ${show(value)}${didYouMean(String(value), opts)}; the ${note.discriminator}s are ${opts.join(', ')}` }];
      }
      return [{ path, message: issue.message }];
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') {
        const n = Array.isArray(value) ? value.length : 0;
        return [{ path, message: `needs at least ${min} ${min === 1 ? 'entry' : 'entries'}, has ${n}${what ? ` (${what})` : ''}` }];
      }
      if (issue.origin === 'string') return [{ path, message: `must not be empty${what ? `: ${what}` : ''}` }];
      return [{ path, message: `must be ${issue.inclusive ? 'at least' : 'greater than'} ${min}, not ${show(value)}` }];
    }
    case 'too_big':
      return [{ path, message: `must be at most ${String(issue.maximum)}, not ${show(value)}` }];
    case 'invalid_format':
      return [{ path, message: `${show(value)}: ${issue.message}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

/** Keys zod let through (objects that are not strict) that no schema declares. */
function strayKeys(schema: z.ZodType, data: unknown, path: PropertyKey[], out: SchemaProblem[]): void {
  const { schema: t } = fieldAt(schema, data, path);
  const value = fieldAt(schema, data, path).value;
  const u = unwrap(t);
  if (u instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((_, i) => strayKeys(schema, data, [...path, i], out));
    return;
  }
  const obj = objectOf(u, value);
  if (!obj || !value || typeof value !== 'object' || Array.isArray(value)) return;
  for (const k of Object.keys(value)) {
    if (k in obj.shape) strayKeys(schema, data, [...path, k], out);
    else out.push(unknownKey(schema, data, path, k));
  }
}

/** Every schema problem of `data`, explained; empty when it is valid and has no stray keys. */
export function schemaProblems(schema: z.ZodType, data: unknown): SchemaProblem[] {
  const r = schema.safeParse(data);
  const out = r.success ? [] : r.error.issues.flatMap((i) => explain(schema, data, i as Issue));
  const seen = new Set(out.map((p) => p.path.join('.')));
  const stray: SchemaProblem[] = [];
  strayKeys(schema, data, [], stray);
  for (const p of stray) if (!seen.has(p.path.join('.'))) out.push(p);
  return out;
}
