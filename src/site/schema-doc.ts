/**
 * Turns a zod object schema into reference rows (field, type, required, default, the
 * `.describe()` text), so the authoring guide documents exactly what the build validates.
 */
import { z } from 'zod';

/** One documented field. */
export interface FieldDoc {
  name: string;
  type: string;
  required: boolean;
  default?: string;
  description: string;
}

function describeType(t: z.ZodType): string {
  if (t instanceof z.ZodDefault || t instanceof z.ZodOptional || t instanceof z.ZodNullable) {
    return describeType(t.unwrap() as z.ZodType);
  }
  if (t instanceof z.ZodString) return 'string';
  if (t instanceof z.ZodNumber) return 'number';
  if (t instanceof z.ZodBoolean) return 'boolean';
  if (t instanceof z.ZodEnum) return t.options.map((o) => JSON.stringify(o)).join(' | ');
  if (t instanceof z.ZodArray) return `${describeType(t.element as z.ZodType)}[]`;
  if (t instanceof z.ZodObject) return 'object';
  return 'value';
}

function descriptionOf(t: z.ZodType): string {
  let cur: z.ZodType | undefined = t;
  while (cur) {
    if (cur.description) return cur.description;
    cur = cur instanceof z.ZodDefault || cur instanceof z.ZodOptional ? (cur.unwrap() as z.ZodType) : undefined;
  }
  return '';
}

/** The documented fields of an object schema, in declaration order. */
export function schemaFields(schema: z.ZodObject): FieldDoc[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const t = field as z.ZodType;
    const def = t instanceof z.ZodDefault ? JSON.stringify(t.def.defaultValue) : undefined;
    return {
      name,
      type: describeType(t),
      required: !(t instanceof z.ZodDefault || t instanceof z.ZodOptional),
      ...(def !== undefined ? { default: def } : {}),
      description: descriptionOf(t),
    };
  });
}
