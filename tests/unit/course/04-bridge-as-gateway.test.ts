import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('04-bridge-as-gateway');

describe('lesson 4: the bridge as gateway', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('the start fails: no gateway address, no default routes, nothing reaches', () => {
    expect(run([]).failedIds).toEqual(['br0-addr', 'c1-default', 'c2-default', 'host-to-c1', 'c1-to-host', 'c1-to-host-eth0']);
  });
  test('wrong: the gateway address on a veth port instead of the bridge', () => {
    const r = run([
      'ip addr add 172.18.0.1/16 dev veth1',
      'ip netns exec c1 ip route add default via 172.18.0.1',
      'ip netns exec c2 ip route add default via 172.18.0.1',
    ]);
    expect(r.failedIds).toContain('br0-addr');
    expect(r.messages).toContain('belongs on the bridge itself');
  });
  test('wrong: only c1 gets a default route', () => {
    const r = run(exercise.solution.filter((l) => !l.includes('exec c2')));
    expect(r.failedIds).toEqual(['c2-default']);
    expect(r.messages).toContain('c2 has no default route via 172.18.0.1');
  });
  test('wrong: bridge address but no default routes: c1 reaches the host only inside its subnet', () => {
    const r = run(['ip addr add 172.18.0.1/16 dev br0']);
    expect(r.failedIds).toEqual(['c1-default', 'c2-default', 'c1-to-host-eth0']);
  });
});
