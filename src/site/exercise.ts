/**
 * Loading a lesson's exercise at build time: `content/<lesson id>.exercise.yaml`, validated
 * against the exercise schema. A broken file stops the build with the file and field named.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExercise } from '../../sim/lint/lesson.ts';
import type { Exercise } from '../../sim/index.ts';
import { exerciseForSeed } from '../../sim/check/variants.ts';

/**
 * The exercise of the lesson with content id `id` (e.g. `01-linux-by-hand/02-veth-pairs`), if it
 * has one. An exercise with variants comes back as the variant a lab with `seed` draws.
 */
export function loadExercise(id: string, root = join(process.cwd(), 'content'), seed = 1): Exercise | undefined {
  const ex = loadExerciseWithVariants(id, root);
  return ex && exerciseForSeed(ex, seed);
}

/**
 * The exercise as written, variants unresolved: the lesson page ships them all and the lab
 * draws one per learner in the browser (src/lab/variant-choice.ts).
 */
export function loadExerciseWithVariants(id: string, root = join(process.cwd(), 'content')): Exercise | undefined {
  const path = join(root, `${id}.exercise.yaml`);
  if (!existsSync(path)) return undefined;
  const { exercise, diagnostics } = parseExercise({ path: `content/${id}.exercise.yaml`, text: readFileSync(path, 'utf8') });
  if (!exercise) {
    const d = diagnostics[0];
    throw new Error(`${d.file}${d.line ? `:${d.line}` : ''}: ${d.field ? `${d.field}: ` : ''}${d.message}`);
  }
  return exercise;
}
