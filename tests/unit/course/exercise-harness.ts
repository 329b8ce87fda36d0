/** Shared helper for the course lesson tests: evaluate an exercise after a learner's lines. */
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { evaluate } from '../../../sim/index.ts';
import { exerciseMachines, parseExercise } from '../../../sim/lint/lesson.ts';
import { lintEnv } from '../../../sim/cli/lint.ts';

/**
 * Loads a lesson's exercise (`base` in the chapter folder `chapter`) and returns a function
 * that evaluates it after some command lines.
 */
export function lessonExercise(base: string, chapter = '01-linux-by-hand') {
  const mdx = readFileSync(`content/${chapter}/${base}.mdx`, 'utf8');
  const front = load(mdx.split('---\n')[1]) as { world: string; setup?: string[] };
  const path = `content/${chapter}/${base}.exercise.yaml`;
  const { exercise, diagnostics } = parseExercise({ path, text: readFileSync(path, 'utf8') });
  if (!exercise) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  const { build } = exerciseMachines(exercise, front.world, front.setup ?? [], lintEnv);
  const run = (lines: string[]) => {
    const m = build(lines);
    const ev = evaluate(exercise, m, { fork: () => build(lines), reference: () => build(exercise.solution) });
    const failed = ev.results.filter((r) => !r.pass);
    return { ev, failedIds: failed.map((r) => r.id), messages: failed.map((r) => `${r.id}: ${r.message}`).join('\n') };
  };
  return { exercise, run };
}

/** One learner attempt: the lines typed, the check ids expected to fail, a phrase the feedback holds. */
export interface FailingCase {
  name: string;
  lines: string[];
  failing: string[];
  says?: string;
}

/**
 * Declares one test per case: after `lines` exactly the `failing` checks fail (in order), and
 * the feedback contains `says` when given. `run` is a lesson's exercise or trial runner.
 */
export function failingCases(run: (lines: string[]) => { failedIds: string[]; messages: string }, cases: FailingCase[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const r = run(c.lines);
      expect(r.failedIds).toEqual(c.failing);
      if (c.says !== undefined) expect(r.messages).toContain(c.says);
    });
  }
}
