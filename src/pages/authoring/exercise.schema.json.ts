/**
 * `/authoring/exercise.schema.json`: the JSON Schema of exercise files, served by the site
 * (editors can point `# yaml-language-server: $schema=` at it), generated from the zod schema
 * at build time, the same text as docs/exercise.schema.json.
 */
import type { APIRoute } from 'astro';
import { exerciseJsonSchemaText } from '../../../sim/cli/schema-docs.ts';

export const GET: APIRoute = () =>
  new Response(exerciseJsonSchemaText(), { headers: { 'Content-Type': 'application/schema+json' } });
