/**
 * The lesson frontmatter schema, kept apart from src/content.config.ts so the netlab linter
 * and the tests can import it without Astro's virtual modules.
 */
import { z } from 'zod';

/** Machines a lab can start from; `createMachine({ world })` builds them. */
export const worldSchema = z
  .enum(['bare', 'host', 'docker-host'])
  .describe(
    'The machine the lab starts from: `bare` is a fresh namespace with only `lo`; `host` is a small server ' +
      '(eth0 192.0.2.10/24 on a LAN with a client at 192.0.2.50 and a gateway 192.0.2.1 to a remote web server ' +
      '203.0.113.80); `docker-host` is the same host with the Docker daemon running.',
  );

/** Lesson frontmatter. */
export const lessonSchema = z
  .object({
    title: z.string().min(1).describe('Lesson title, shown as the page heading, in the syllabus and in navigation.'),
    description: z
      .string()
      .min(1)
      .describe('One or two sentences on what the learner will do; shown in the syllabus and as the page description.'),
    chapter: z
      .string()
      .min(1)
      .describe('Title of the chapter this lesson belongs to. Lessons with the same chapter title are grouped together.'),
    order: z
      .number()
      .int()
      .positive()
      .describe('Position of the lesson in the whole course (1, 2, 3, ...). Chapters are ordered by their first lesson.'),
    world: worldSchema.default('host'),
    setup: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Shell command lines run on the machine before the learner starts, in order, silently. ' +
          'They are part of the lesson start state that Reset returns to.',
      ),
    readingMinutes: z.number().int().positive().describe('Estimated minutes to read the lesson prose.'),
    exerciseMinutes: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('Estimated minutes to complete the lesson exercise; 0 when the lesson has none.'),
    draft: z.boolean().default(false).describe('Draft lessons are built but left out of the syllabus and navigation.'),
  })
  .strict();

/** Validated lesson frontmatter. */
export type LessonData = z.infer<typeof lessonSchema>;
/** A world name. */
export type World = z.infer<typeof worldSchema>;
