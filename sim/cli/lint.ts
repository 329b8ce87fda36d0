/**
 * `netlab lint [DIR]`: proves the course sound. Every lesson's frontmatter matches the
 * schema; every command it shows runs in its world; every exercise's reference solution
 * passes all checks, its start state fails at least one, each hint's check can fail; every
 * internal link resolves. Prints `file:line: field: message` and exits 1 on any problem.
 */
import { resolve } from 'node:path';
import { createMachine } from '../machine.ts';
import { lessonSchema } from '../../src/lab/lesson-schema.ts';
import { lintLesson, type Diagnostic, type LintEnv } from '../lint/lesson.ts';
import { FIXED_PAGES, internalLinks, lessonUrl } from '../lint/links.ts';
import { duplicateOrders, orphanExercises } from '../lint/course.ts';
import { courseFiles, readCourse } from './course-files.ts';
import type { Subcommand } from './index.ts';

export const lintEnv: LintEnv = {
  createMachine: (world) => createMachine({ seed: 1, world }),
  lessonSchema: lessonSchema as unknown as LintEnv['lessonSchema'],
};

/** Formats a diagnostic as `file:line: field: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}${d.line ? `:${d.line}` : ''}: ${d.field ? `${d.field}: ` : ''}${d.message}`;
}

export const lintCommand: Subcommand = {
  name: 'lint',
  summary: 'check the whole course: schemas, shown commands, exercises, links',
  async run(args, io) {
    const root = resolve(args[0] ?? 'content');
    const lessons = readCourse(root);
    if (!lessons.length) {
      io.err(`netlab lint: no lessons under ${root}\n`);
      return 1;
    }
    const urls = new Set([...FIXED_PAGES, ...lessons.map((l) => lessonUrl(l.rel))]);
    const problems: Diagnostic[] = [];
    for (const l of lessons) {
      problems.push(...lintLesson(l, lintEnv));
      for (const link of internalLinks(l.text))
        if (!urls.has(link.href.endsWith('/') ? link.href : `${link.href}/`))
          problems.push({ file: l.path, line: link.line, message: `link to ${link.href}, which is no page of the site` });
    }
    problems.push(...duplicateOrders(lessons));
    problems.push(...orphanExercises(courseFiles(root), lessons.map((l) => l.path)));
    for (const p of problems) io.out(`${formatDiagnostic(p)}\n`);
    const exercises = lessons.filter((l) => l.exercise).length;
    const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
    io.out(`${n(lessons.length, 'lesson')}, ${n(exercises, 'exercise')}: ${problems.length ? n(problems.length, 'problem') : 'all good'}\n`);
    return problems.length ? 1 : 0;
  },
};
