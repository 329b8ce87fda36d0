import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('02-veth-pairs');

describe('lesson 2: veth, a virtual cable', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('the start fails', () => {
    expect(run([]).failedIds).toEqual(['c2-exists', 'c1-end', 'c2-end', 'c1-to-c2', 'c2-to-c1']);
  });
  test('wrong: the host in the middle, a veth from each namespace to the host', () => {
    const r = run([
      'ip netns add c2',
      'ip link add v1 type veth peer name eth0 netns c1',
      'ip link add v2 type veth peer name eth0 netns c2',
      'ip -n c1 addr add 10.0.0.1/24 dev eth0',
      'ip -n c2 addr add 10.0.0.2/24 dev eth0',
      'ip -n c1 link set eth0 up',
      'ip -n c2 link set eth0 up',
      'ip link set v1 up',
      'ip link set v2 up',
    ]);
    expect(r.failedIds).toEqual(['c1-end', 'c2-end', 'c1-to-c2', 'c2-to-c1']);
    expect(r.messages).toMatch(/c1-end: the other end of eth0 is not in c2/);
  });
  test('wrong: joined through a bridge on the host', () => {
    const r = run([
      'ip netns add c2',
      'ip link add br0 type bridge',
      'ip link set br0 up',
      'ip link add v1 type veth peer name eth0 netns c1',
      'ip link add v2 type veth peer name eth0 netns c2',
      'ip link set v1 master br0',
      'ip link set v2 master br0',
      'ip link set v1 up',
      'ip link set v2 up',
      'ip -n c1 addr add 10.0.0.1/24 dev eth0',
      'ip -n c2 addr add 10.0.0.2/24 dev eth0',
      'ip -n c1 link set eth0 up',
      'ip -n c2 link set eth0 up',
    ]);
    expect(r.failedIds).toEqual(['c1-end', 'c2-end', 'no-bridge']);
    expect(r.messages).toContain('one veth pair with an end in each namespace is enough');
  });
  test('wrong: the c2 end is left down', () => {
    const r = run(exercise.solution.filter((l) => l !== 'ip -n c2 link set eth0 up'));
    expect(r.failedIds).toEqual(['c1-end', 'c2-end', 'c1-to-c2', 'c2-to-c1']);
    expect(r.messages).toMatch(/c2-end: .*DOWN/);
  });
});
