import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('03-why-a-bridge');

describe('lesson 3: why a bridge', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('the start fails, with c1 and c2 unable to reach each other', () => {
    const r = run([]);
    expect(r.failedIds).toEqual(['br0', 'veth1-port', 'veth2-port', 'veth1-no-addr', 'veth2-no-addr', 'c1-to-c2', 'c2-to-c1']);
  });
  test('wrong: bridged, but the host ends keep their addresses', () => {
    const r = run(exercise.solution.filter((l) => !l.startsWith('ip addr del')));
    expect(r.failedIds).toEqual(['veth1-no-addr', 'veth2-no-addr']);
    expect(r.messages).toContain('veth1 still has an address in 172.18.0.0/16');
  });
  test('wrong: the bridge is never brought up', () => {
    const r = run(exercise.solution.filter((l) => l !== 'ip link set br0 up'));
    expect(r.failedIds).toEqual(['br0', 'c1-to-c2', 'c2-to-c1']);
    expect(r.messages).toMatch(/br0: .*DOWN/);
  });
  test('wrong: fixing the clash by deleting one address instead of bridging', () => {
    const r = run(['ip addr del 172.18.0.1/16 dev veth1']);
    expect(r.failedIds).toEqual(['br0', 'veth1-port', 'veth2-port', 'veth2-no-addr', 'c1-to-c2', 'c2-to-c1']);
  });
});
