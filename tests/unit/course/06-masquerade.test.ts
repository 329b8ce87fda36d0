import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('06-masquerade');

describe('lesson 6: MASQUERADE', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('the -o eth0 form passes too', () => {
    expect(run(['iptables -t nat -A POSTROUTING -s 172.18.0.0/16 -o eth0 -j MASQUERADE']).failedIds).toEqual([]);
  });
  test('the start fails: no rule, the remote cannot answer', () => {
    expect(run([]).failedIds).toEqual(['masquerade-rule', 'c1-remote-icmp', 'c1-remote-tcp']);
  });
  test('wrong: -o br0 instead of ! -o br0 (NAT on the wrong side)', () => {
    const r = run(['iptables -t nat -A POSTROUTING -s 172.18.0.0/16 -o br0 -j MASQUERADE']);
    expect(r.failedIds).toEqual(['masquerade-rule', 'c1-remote-icmp', 'c1-remote-tcp', 'c1-c2-not-natted']);
    expect(r.messages).toContain('excludes the bridge');
    expect(r.messages).toContain('c2 sees it coming from 172.18.0.1');
  });
  test('wrong: masquerading everything, with no source or output match: bridged c1->c2 is NATed too', () => {
    const r = run(['iptables -t nat -A POSTROUTING -j MASQUERADE']);
    expect(r.failedIds).toEqual(['masquerade-rule', 'c1-c2-not-natted']);
    expect(r.messages).toContain('-s 172.18.0.0/16');
    expect(r.messages).toContain('not 172.18.0.10');
  });
  test('wrong: the source match but no output match', () => {
    const r = run(['iptables -t nat -A POSTROUTING -s 172.18.0.0/16 -j MASQUERADE']);
    expect(r.failedIds).toEqual(['masquerade-rule', 'c1-c2-not-natted']);
    expect(r.messages).toContain('c2 sees it coming from 172.18.0.1');
  });
  test('wrong: the destination instead of the source', () => {
    const r = run(['iptables -t nat -A POSTROUTING -d 172.18.0.0/16 ! -o br0 -j MASQUERADE']);
    expect(r.failedIds).toEqual(['masquerade-rule', 'c1-remote-icmp', 'c1-remote-tcp']);
  });
});
