/**
 * A validator for the subset of JSON Schema that zod emits for the exercise schema (type,
 * properties, required, additionalProperties, items, oneOf/anyOf, enum, const, minLength,
 * minItems, pattern, minimum, maximum, exclusiveMinimum), enough to check that what editors
 * will say about a file agrees with the linter. Returns the paths that fail.
 */
type Json = Record<string, unknown>;

const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : Number.isInteger(v) ? 'integer' : typeof v);

/** Problems of `value` against `schema`, as `path: what` strings (empty when valid). */
export function validate(schema: Json, value: unknown, path = '$'): string[] {
  const out: string[] = [];
  const t = schema.type as string | undefined;
  if (t) {
    const actual = typeOf(value);
    const ok = t === actual || (t === 'number' && actual === 'integer');
    if (!ok) return [`${path}: expected ${t}, got ${actual}`];
  }
  if ('const' in schema && value !== schema.const) out.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) out.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < (schema.minLength as number)) out.push(`${path}: too short`);
    if (schema.pattern && !new RegExp(schema.pattern as string).test(value)) out.push(`${path}: does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < (schema.minimum as number)) out.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && value > (schema.maximum as number)) out.push(`${path}: above maximum`);
    if (schema.exclusiveMinimum !== undefined && value <= (schema.exclusiveMinimum as number)) out.push(`${path}: not above ${schema.exclusiveMinimum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < (schema.minItems as number)) out.push(`${path}: too few items`);
    if (schema.items) value.forEach((v, i) => out.push(...validate(schema.items as Json, v, `${path}[${i}]`)));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const props = (schema.properties ?? {}) as Record<string, Json>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in value)) out.push(`${path}.${r}: required`);
    for (const [k, v] of Object.entries(value)) {
      if (props[k]) out.push(...validate(props[k], v, `${path}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${k}: not allowed`);
    }
  }
  const alternatives = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (alternatives) {
    const passing = alternatives.filter((a) => validate(a, value, path).length === 0).length;
    if (schema.oneOf ? passing !== 1 : passing === 0) out.push(`${path}: matches ${passing} of the alternatives`);
  }
  return out;
}
