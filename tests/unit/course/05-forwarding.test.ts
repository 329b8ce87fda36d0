import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('05-forwarding');

describe('lesson 5: forwarding', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('the start fails: forwarding off, nothing arrives at the remote', () => {
    expect(run([]).failedIds).toEqual(['ip-forward', 'c1-arrives-remote']);
  });
  test('wrong: forwarding turned on inside c1 instead of the host', () => {
    const r = run(['ip netns exec c1 sysctl -w net.ipv4.ip_forward=1']);
    expect(r.failedIds).toEqual(['ip-forward', 'c1-arrives-remote']);
    expect(r.messages).toContain('not of c1');
  });
  test('wrong: jumping ahead to MASQUERADE: the remote sees the host address, not c1', () => {
    const r = run(['sysctl -w net.ipv4.ip_forward=1', 'iptables -t nat -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE']);
    expect(r.failedIds).toEqual(['c1-arrives-remote']);
    expect(r.messages).toContain('192.0.2.10');
  });
});
