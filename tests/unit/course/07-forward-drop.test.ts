import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('07-forward-drop');

/** A rules file as the learner would write it in the editor, loaded the way Run loads it. */
function restore(lines: string[]): string[] {
  const args = lines.map((l) => `'${l}'`).join(' ');
  return [`printf '%s\\n' ${args} > /root/rules.v4`, 'iptables-restore < /root/rules.v4'];
}
const CT = '-A FORWARD -o br0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT';
const OUT = '-A FORWARD -i br0 ! -o br0 -j ACCEPT';
const ICC = '-A FORWARD -i br0 -o br0 -j ACCEPT';
const filter = (policy: string, rules: string[]) => ['*filter', ':INPUT ACCEPT [0:0]', `:FORWARD ${policy} [0:0]`, ':OUTPUT ACCEPT [0:0]', ...rules, 'COMMIT'];

describe('lesson 7: FORWARD policy DROP', () => {
  test('the reference solution (a rules file loaded with iptables-restore) passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('the same rules typed as commands pass too, and so does -m state with ESTABLISHED,RELATED', () => {
    expect(run([CT, OUT, ICC].map((r) => `iptables ${r}`)).failedIds).toEqual([]);
    const state = '-A FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT';
    expect(run(restore(filter('DROP', [state, OUT, ICC]))).failedIds).toEqual([]);
  });
  test('the start fails: nothing is forwarded, outside is already kept out', () => {
    expect(run([]).failedIds).toEqual(['replies-by-state', 'c1-remote-tcp', 'c1-c2']);
  });
  test("wrong: the editor's starter file keeps :FORWARD ACCEPT, so outside gets in", () => {
    const r = run(restore(filter('ACCEPT', [CT, OUT, ICC])));
    expect(r.failedIds).toEqual(['forward-policy', 'outside-blocked']);
    expect(r.messages).toContain(':FORWARD DROP [0:0]');
    expect(r.messages).toContain('forwards it into br0');
  });
  test('wrong: the -P FORWARD ACCEPT shortcut', () => {
    const r = run(['iptables -P FORWARD ACCEPT']);
    expect(r.failedIds).toEqual(['forward-policy', 'replies-by-state', 'outside-blocked']);
    expect(r.messages).toContain('outside` reaches `c1` directly');
  });
  test('wrong: a catch-all -j ACCEPT under a DROP policy is the same shortcut', () => {
    const r = run(restore(filter('DROP', ['-A FORWARD -j ACCEPT'])));
    expect(r.failedIds).toEqual(['replies-by-state', 'outside-blocked']);
    expect(r.messages).toContain('`-j ACCEPT`');
  });
  test('wrong: outbound only, the replies are dropped on their way back', () => {
    const r = run(restore(filter('DROP', [OUT, ICC])));
    expect(r.failedIds).toEqual(['replies-by-state', 'c1-remote-tcp']);
    expect(r.messages).toContain('c1-remote-tcp: c1 → 203.0.113.80:80 (tcp): the request reaches remote from 192.0.2.10, but the answer never makes it back');
  });
  test('wrong: both directions of br0 accepted without state, so outside gets in', () => {
    const r = run(restore(filter('DROP', ['-A FORWARD -i br0 -j ACCEPT', '-A FORWARD -o br0 -j ACCEPT'])));
    expect(r.failedIds).toEqual(['replies-by-state', 'outside-blocked']);
    expect(r.messages).toContain('`-o br0 -j ACCEPT`');
  });
  test('wrong: replies matched by source port instead of by state', () => {
    const r = run(restore(filter('DROP', ['-A FORWARD -o br0 -p tcp -m tcp --sport 80 -j ACCEPT', OUT, ICC])));
    expect(r.failedIds).toEqual(['replies-by-state']);
    expect(r.messages).toContain('look like replies');
  });
  test('wrong: no container-to-container rule, bridged c1->c2 dies in FORWARD', () => {
    const r = run(restore(filter('DROP', [CT, OUT])));
    expect(r.failedIds).toEqual(['c1-c2']);
    expect(r.messages).toContain('host FORWARD');
  });
  test('wrong: a file that also names an empty *nat table wipes the MASQUERADE rule', () => {
    const r = run(restore([...filter('DROP', [CT, OUT, ICC]), '*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', 'COMMIT']));
    expect(r.failedIds).toEqual(['c1-remote-tcp']);
    expect(r.messages).toContain('from 172.18.0.10');
  });
  test('a file with a typo loads nothing', () => {
    const r = run(restore(filter('DROP', [CT, OUT, ICC, '-A FORWARD -i br0 -j ACCEPPT'])));
    expect(r.failedIds).toEqual(['replies-by-state', 'c1-remote-tcp', 'c1-c2']);
  });
});
