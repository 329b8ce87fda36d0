import { describe, expect, test } from 'vitest';
import { createMachine, exerciseSchema } from '../../../sim/index.ts';
import { ExerciseRunner } from '../../../src/lab/exercise-runner.ts';

const ex = exerciseSchema.parse({
  title: 'lo',
  goal: 'Make c1 and bring its lo up.',
  checks: [
    { id: 'ns', label: 'c1 exists', kind: 'netns', name: 'c1' },
    { id: 'lo', label: 'lo up in c1', kind: 'link', netns: 'c1', name: 'lo', up: true },
    { id: 'ping', label: 'c1 pings itself', kind: 'reach', from: 'c1', to: '127.0.0.1' },
  ],
  hints: [{ text: 'ip netns add', check: 'ns' }, { text: 'ip -n c1 link set lo up', check: 'lo' }],
  solution: ['ip netns add c1', 'ip -n c1 link set lo up'],
});

function lab() {
  const lines: string[] = [];
  const build = (extra: string[] = []) => {
    const m = createMachine({ seed: 3, world: 'bare' });
    for (const l of [...lines, ...extra]) m.run(l);
    return m;
  };
  let live = build();
  const completions: number[] = [];
  const runner = new ExerciseRunner(ex, { current: () => live, replica: () => build(), reference: () => build(ex.solution) }, () => completions.push(1));
  const type = (l: string) => {
    lines.push(l);
    live.run(l);
  };
  return { runner, type, completions, rebuild: () => (live = build()) };
}

describe('exercise runner', () => {
  test('state checks update at once; probes wait for a full check; completion fires once', () => {
    const { runner, type, completions } = lab();
    runner.quick();
    expect(runner.view.get().results.map((r) => r.pass)).toEqual([false, false, false]);
    expect(runner.view.get().probesPending).toBe(true);
    type('ip netns add c1');
    runner.quick();
    expect(runner.view.get().results.map((r) => r.pass)).toEqual([true, false, false]);
    expect(runner.view.get().results[2].message).toBe('not checked yet');
    type('ip -n c1 link set lo up');
    runner.quick();
    expect(runner.view.get().complete).toBe(false);
    runner.full();
    expect(runner.view.get().results.map((r) => r.pass)).toEqual([true, true, true]);
    expect(runner.view.get().complete).toBe(true);
    runner.full();
    expect(completions).toEqual([1]);
  });

  test('hints: the one for the first failing check comes first', () => {
    const { runner, type } = lab();
    type('ip netns add c1');
    runner.quick();
    expect(runner.revealHint()).toBe(1);
    expect(runner.revealHint()).toBe(0);
    expect(runner.revealHint()).toBeUndefined();
    expect(runner.view.get().hintsShown).toEqual([1, 0]);
  });
});
