/**
 * `netlab check LESSON FILE`: runs a script of commands (one a line, `#` comments) against
 * the lesson's exercise, headless, and prints the checklist, the way the lab would show it.
 * This is how instructors try their checks against wrong answers.
 */
import { readFileSync } from 'node:fs';
import { lessonSchema } from '../../src/lab/lesson-schema.ts';
import { exerciseMachines, parseExercise, splitFrontmatter } from '../lint/lesson.ts';
import { evaluate } from '../check/evaluate.ts';
import { load as loadYaml } from 'js-yaml';
import { readLesson } from './course-files.ts';
import { formatDiagnostic, lintEnv } from './lint.ts';
import type { Subcommand } from './index.ts';

const USAGE = 'Usage: netlab check LESSON.mdx SCRIPT\n';

export const checkCommand: Subcommand = {
  name: 'check',
  summary: "run a script against a lesson's exercise and print the checklist",
  async run(args, io) {
    if (args.length !== 2) {
      io.err(USAGE);
      return 2;
    }
    let lesson, script: string;
    try {
      lesson = readLesson(args[0], '.');
      script = readFileSync(args[1] === '-' ? 0 : args[1], 'utf8');
    } catch (e) {
      io.err(`netlab check: ${(e as Error).message}\n`);
      return 1;
    }
    if (!lesson.exercise) {
      io.err(`netlab check: ${lesson.path} has no exercise (${lesson.path.replace(/\.mdx$/, '.exercise.yaml')})\n`);
      return 1;
    }
    const fm = splitFrontmatter(lesson.text);
    const meta = lessonSchema.safeParse(fm ? loadYaml(fm.yaml) : undefined);
    const { exercise, diagnostics } = parseExercise(lesson.exercise);
    for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    if (!meta.success || !exercise) {
      if (!meta.success) io.err(`${lesson.path}: invalid frontmatter: run netlab lint for the details\n`);
      return 1;
    }
    const lines = script.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#'));
    const { build } = exerciseMachines(exercise, meta.data.world, meta.data.setup, lintEnv);
    const learner = build(lines);
    const ev = evaluate(exercise, learner, { fork: () => build(lines), reference: () => build(exercise.solution) });
    io.out(`${exercise.title}\n`);
    for (const r of ev.results) io.out(`  [${r.pass ? 'x' : ' '}] ${r.label}${r.pass ? '' : `\n        ${r.message}`}\n`);
    io.out(`${Math.round(ev.score * 100)}% ${ev.complete ? 'complete' : 'not complete'}\n`);
    return ev.complete ? 0 : 1;
  },
};
