/**
 * Content collections. Lessons are MDX files under content/, one folder per chapter
 * (`content/01-linux-by-hand/02-veth-pairs.mdx`); their frontmatter is validated here, and
 * every field's `.describe()` text is the reference the authoring guide shows.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lab/lesson-schema.ts';

/** Every lesson of the course. The file path (numbered folders) gives the URL. */
const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content' }),
  schema: lessonSchema,
});

export const collections = { lessons };
