import { describe, expect, test } from 'vitest';
import { exerciseSchema, type ExerciseInput } from '../../../sim/check/schema.ts';
import { exerciseForSeed, pickVariant, resolveVariant } from '../../../sim/check/variants.ts';
import { lintLesson } from '../../../sim/lint/lesson.ts';
import { lintEnv } from '../../../sim/cli/lint.ts';

const base: ExerciseInput = {
  title: 'T',
  goal: 'G',
  setup: ['ip netns add c1'],
  checks: [{ id: 'c1', label: 'c1 exists', kind: 'netns', name: 'c1' }],
  hints: [{ text: 'a' }, { text: 'b' }],
  solution: ['ip netns list'],
  variants: [
    { id: 'lo-down', label: 'c1 lo down', checks: [{ id: 'fixed', label: 'lo up', kind: 'link', netns: 'c1', name: 'lo', up: true }], hints: [{ text: 'lo', check: 'fixed' }], solution: ['ip -n c1 link set lo up'] },
    { id: 'no-c2', label: 'c2 missing', setup: ['ip netns add gone'], checks: [{ id: 'fixed', label: 'c2', kind: 'netns', name: 'c2' }], solution: ['ip netns add c2'] },
  ],
};

const lesson = '---\ntitle: T\ndescription: D\nchapter: C\norder: 1\nreadingMinutes: 1\nworld: bare\n---\n';
const yaml = (ex: object) => JSON.stringify(ex, null, 1); // JSON is YAML
const lint = (ex: object) => lintLesson({ path: 'l.mdx', text: lesson, exercise: { path: 'e.yaml', text: yaml(ex) } }, lintEnv).map((d) => `${d.field ?? ''}|${d.message}`);

describe('exercise variants', () => {
  test('an exercise without variants is unchanged by resolving (backwards compatible)', () => {
    const { variants: _v, ...plain } = base;
    const ex = exerciseSchema.parse(plain);
    expect(ex.variants).toBeUndefined();
    expect(pickVariant(ex, 7)).toBeUndefined();
    expect(exerciseForSeed(ex, 7)).toBe(ex);
  });

  test("a variant adds its setup, checks and solution after the exercise's, and its hints first", () => {
    const ex = exerciseSchema.parse(base);
    const r = resolveVariant(ex, ex.variants![1]);
    expect(r.setup).toEqual(['ip netns add c1', 'ip netns add gone']);
    expect(r.checks.map((c) => c.id)).toEqual(['c1', 'fixed']);
    expect(r.solution).toEqual(['ip netns list', 'ip netns add c2']);
    expect('variants' in r).toBe(false);
    expect(resolveVariant(ex, ex.variants![0]).hints.map((h) => h.text)).toEqual(['lo', 'a', 'b']);
    expect(exerciseSchema.safeParse(r).success).toBe(true);
  });

  test('the seed draws the variant: the same seed always the same one, and seeds reach every variant', () => {
    const ex = exerciseSchema.parse(base);
    expect(pickVariant(ex, 5)?.id).toBe(pickVariant(ex, 5)?.id);
    const drawn = new Set(Array.from({ length: 20 }, (_, s) => pickVariant(ex, s + 1)!.id));
    expect([...drawn].sort()).toEqual(['lo-down', 'no-c2']);
  });

  test('the schema rejects one variant alone, duplicate variant ids, clashing check ids and hints tied to unknown checks', () => {
    const one = exerciseSchema.safeParse({ ...base, variants: [base.variants![0]] });
    expect(one.success).toBe(false);
    const dup = exerciseSchema.safeParse({ ...base, variants: [base.variants![0], base.variants![0]] });
    expect(dup.error?.issues.map((i) => i.message)).toContain('duplicate variant id "lo-down"');
    const clash = exerciseSchema.safeParse({
      ...base,
      variants: [{ ...base.variants![0], checks: [{ id: 'c1', label: 'x', kind: 'netns', name: 'x' }], hints: [] }, base.variants![1]],
    });
    expect(clash.error?.issues.map((i) => `${i.path.join('.')} ${i.message}`)).toEqual(['variants.0.checks.0.id duplicate check id "c1"']);
    const hint = exerciseSchema.safeParse({ ...base, variants: [{ ...base.variants![0], hints: [{ text: 'h', check: 'nope' }] }, base.variants![1]] });
    expect(hint.error?.issues.map((i) => i.message)).toEqual(['no check with id "nope"']);
  });

  test('the linter proves every variant: sound variants pass', () => {
    expect(lint(base)).toEqual([]);
  });

  test("the linter names the variant whose solution fails, whose start already passes, or whose hint cannot fire", () => {
    const broken = {
      ...base,
      variants: [
        { ...base.variants![0], solution: ['ip -n c1 link set nope up'] },
        { ...base.variants![1], setup: ['ip netns add c2'] },
      ],
    };
    expect(lint(broken)).toEqual([
      'variants.0.solution.0|variant "lo-down": solution command `ip -n c1 link set nope up` fails (exit 1): Cannot find device "nope"',
      'variants.0.checks.0|variant "lo-down": the reference solution fails check "fixed": lo in c1 is DOWN: bring it up',
      'variants.1.solution.0|variant "no-c2": solution command `ip netns add c2` fails (exit 1): Cannot create namespace file "/run/netns/c2": File exists',
      'variants.1|variant "no-c2": the start state already passes every check: the learner would be done before typing anything',
    ]);
    const hint = { ...base, variants: [{ ...base.variants![0], hints: [{ text: 'h', check: 'c1' }] }, base.variants![1]] };
    expect(lint(hint)).toEqual([
      'variants.0.hints.0.check|variant "lo-down": hint is tied to check "c1", which already passes at the start, so it can never be the one that matters',
    ]);
  });
});
