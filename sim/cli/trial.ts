/**
 * Trying a lesson's exercise headless: load the lesson and its exercise file, build the start
 * machine (world, lesson setup, exercise setup), run a learner's lines on it and evaluate the
 * checks, as the lab would. `netlab check` prints this; course tests assert on it
 * (`lessonTrial('content/03-filtering/01-keep-c1-off-the-web.mdx').run([...])`).
 */
import { load as loadYaml } from 'js-yaml';
import { lessonSchema } from '../../src/lab/lesson-schema.ts';
import { evaluate, type Evaluation } from '../check/evaluate.ts';
import type { Exercise } from '../check/schema.ts';
import { pickVariant, resolveVariant, variantById } from '../check/variants.ts';
import { exerciseMachines, parseExercise, splitFrontmatter, type Diagnostic } from '../lint/lesson.ts';
import { readLesson } from './course-files.ts';
import { lintEnv } from './lint.ts';

/** The outcome of one trial: the evaluation, and the failing checks' ids and messages. */
export interface TrialResult {
  evaluation: Evaluation;
  /** Ids of the checks that fail, in the exercise's order. */
  failedIds: string[];
  /** `id: message` of every failing check, one a line. */
  messages: string;
  /** The learner's lines that exited non-zero (a typo in a trial script shows here). */
  failedLines: { index: number; line: string; exitCode: number; output: string }[];
}

/** A lesson's exercise, ready to try lines against. */
export interface LessonTrial {
  /** The exercise as the trial runs it: with variants, the chosen variant resolved into it. */
  exercise: Exercise;
  /** The chosen variant's id, for an exercise with variants. */
  variant?: string;
  /** Problems the linter would report about the exercise file (the trial still runs). */
  warnings: Diagnostic[];
  /** Runs `lines` on a fresh start machine and evaluates every check. */
  run(lines: string[]): TrialResult;
}

/**
 * Loads the lesson at `mdxPath` (relative to the working directory) and its exercise; throws a
 * readable error. For an exercise with variants, `opts.variant` names one; by default the one
 * the lab's seed (1) draws.
 */
export function lessonTrial(mdxPath: string, opts: { variant?: string } = {}): LessonTrial {
  const lesson = readLesson(mdxPath, '.');
  if (!lesson.exercise) throw new Error(`${lesson.path} has no exercise (${lesson.path.replace(/\.mdx$/, '.exercise.yaml')})`);
  const fm = splitFrontmatter(lesson.text);
  let data: unknown;
  try {
    data = fm ? loadYaml(fm.yaml) : undefined;
  } catch {
    data = undefined;
  }
  const meta = lessonSchema.safeParse(data);
  if (!meta.success) throw new Error(`${lesson.path}: invalid frontmatter: run netlab lint for the details`);
  const { exercise: parsed, diagnostics } = parseExercise(lesson.exercise);
  if (!parsed) throw new Error(diagnostics.map((d) => `${d.file}${d.line ? `:${d.line}` : ''}: ${d.field ? `${d.field}: ` : ''}${d.message}`).join('\n'));
  const variant = opts.variant !== undefined ? variantById(parsed, opts.variant) : pickVariant(parsed, 1);
  const exercise = resolveVariant(parsed, variant);
  const world = exercise.world ?? meta.data.world;
  const { build, start } = exerciseMachines(exercise, meta.data.world, meta.data.setup, lintEnv);
  return {
    exercise,
    variant: variant?.id,
    warnings: diagnostics,
    run(lines) {
      const learner = lintEnv.createMachine(world);
      for (const l of start) learner.run(l);
      const failedLines: TrialResult['failedLines'] = [];
      lines.forEach((line, index) => {
        const r = learner.run(line);
        if (r.exitCode !== 0) failedLines.push({ index, line, exitCode: r.exitCode, output: r.output });
      });
      const evaluation = evaluate(exercise, learner, { fork: () => build(lines), reference: () => build(exercise.solution) });
      const failed = evaluation.results.filter((r) => !r.pass);
      return { evaluation, failedIds: failed.map((r) => r.id), messages: failed.map((r) => `${r.id}: ${r.message}`).join('\n'), failedLines };
    },
  };
}
