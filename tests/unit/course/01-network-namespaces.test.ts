import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('01-network-namespaces');

describe('lesson 1: a network stack of your own', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('the start fails', () => {
    expect(run([]).failedIds).toEqual(['c1-exists', 'c1-lo-up', 'c1-ping-self']);
  });
  test('wrong: the namespace is made but lo is left down', () => {
    const r = run(['ip netns add c1']);
    expect(r.failedIds).toEqual(['c1-lo-up', 'c1-ping-self']);
    expect(r.messages).toMatch(/c1-lo-up: .*DOWN/);
  });
  test('wrong: lo brought up in the host instead of in c1', () => {
    const r = run(['ip netns add c1', 'ip link set lo up']);
    expect(r.failedIds).toEqual(['c1-lo-up', 'c1-ping-self']);
  });
  test('wrong: a stray veth pair left in the host fails "host unchanged"', () => {
    const r = run([...exercise.solution, 'ip link add veth0 type veth peer name veth1']);
    expect(r.failedIds).toEqual(['host-unchanged']);
    expect(r.messages).toMatch(/the host gained (veth0, veth1|veth1, veth0)/);
  });
});
