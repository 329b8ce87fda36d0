/**
 * Exercise variants: an exercise may list several (e.g. the faults of a troubleshooting
 * exercise). A lab draws one from its seed, so the same seed always gives the same variant,
 * and every consumer (lab, linter, `netlab check`, course tests) works on the resolved
 * exercise: the exercise's own setup, checks, hints and solution plus the variant's.
 */
import { createRng } from '../kernel/rng.ts';
import type { Exercise, Variant } from './schema.ts';

/** The variant a lab with this seed gets, or undefined for an exercise without variants. */
export function pickVariant(ex: Exercise, seed: number): Variant | undefined {
  if (!ex.variants?.length) return undefined;
  // One draw of the lab's PRNG, so neighbouring seeds do not walk the list in order.
  return ex.variants[createRng(seed).u32() % ex.variants.length];
}

/** The exercise as a learner meets it in `variant` (the exercise unchanged without one). */
export function resolveVariant(ex: Exercise, variant: Variant | undefined): Exercise {
  if (!variant) return ex;
  const { variants: _all, ...rest } = ex;
  return {
    ...rest,
    setup: [...ex.setup, ...variant.setup],
    checks: [...ex.checks, ...variant.checks],
    hints: [...variant.hints, ...ex.hints],
    solution: [...ex.solution, ...variant.solution],
  };
}

/** The variant with this id; throws naming the ids there are. */
export function variantById(ex: Exercise, id: string): Variant {
  const v = ex.variants?.find((x) => x.id === id);
  if (!v) throw new Error(`no variant "${id}"${ex.variants?.length ? ` (the variants are ${ex.variants.map((x) => x.id).join(', ')})` : ': the exercise has no variants'}`);
  return v;
}

/** The exercise for a lab with this seed: its drawn variant resolved, or the exercise itself. */
export function exerciseForSeed(ex: Exercise, seed: number): Exercise {
  return resolveVariant(ex, pickVariant(ex, seed));
}
