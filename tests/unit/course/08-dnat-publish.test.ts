import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('08-dnat-publish');

const DNAT = 'iptables -t nat -A PREROUTING -d 192.0.2.10 ! -i br0 -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.10:80';
const ACCEPT_80 = 'iptables -A FORWARD -d 172.18.0.10 ! -i br0 -o br0 -p tcp --dport 80 -j ACCEPT';

describe('lesson 8: DNAT = publishing a port', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test("Docker's form (addrtype LOCAL, no address) passes too", () => {
    const docker = 'iptables -t nat -A PREROUTING ! -i br0 -m addrtype --dst-type LOCAL -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.10:80';
    expect(run([docker, ACCEPT_80]).failedIds).toEqual([]);
  });
  test('the start fails: nothing is published', () => {
    expect(run([]).failedIds).toEqual(['dnat-rule', 'client-8080']);
  });
  test('wrong: DNAT alone, the rewritten connection dies in FORWARD', () => {
    const r = run([DNAT]);
    expect(r.failedIds).toEqual(['client-8080']);
    expect(r.messages).toContain('host FORWARD');
  });
  test('wrong: DNAT with the FORWARD policy opened instead of a rule', () => {
    const r = run([DNAT, 'iptables -P FORWARD ACCEPT']);
    expect(r.failedIds).toEqual(['forward-policy']);
    expect(r.messages).toContain('Set it back to DROP');
  });
  test('wrong: the FORWARD rule matches the published port 8080, which no packet has after DNAT', () => {
    const r = run([DNAT, 'iptables -A FORWARD -d 172.18.0.10 -o br0 -p tcp --dport 8080 -j ACCEPT']);
    expect(r.failedIds).toEqual(['client-8080']);
    expect(r.messages).toContain('client-8080: client → 192.0.2.10:8080 (tcp) fails: the packet dies in host FORWARD');
  });
  test('wrong: DNAT to port 8080 of c1, where nothing listens', () => {
    const r = run([
      'iptables -t nat -A PREROUTING -d 192.0.2.10 -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.10:8080',
      'iptables -A FORWARD -d 172.18.0.10 -o br0 -p tcp --dport 8080 -j ACCEPT',
    ]);
    expect(r.failedIds).toEqual(['dnat-rule', 'client-8080']);
    expect(r.messages).toContain('172.18.0.10:80');
  });
  test('wrong: every tcp port of the host is sent to c1', () => {
    const r = run(['iptables -t nat -A PREROUTING -d 192.0.2.10 -p tcp -j DNAT --to-destination 172.18.0.10:80', ACCEPT_80]);
    expect(r.failedIds).toEqual(['dnat-rule', 'client-8081']);
    expect(r.messages).toContain('Publish exactly one port');
  });
  test('wrong: masquerading into br0 as well hides the client from c1', () => {
    const r = run([DNAT, ACCEPT_80, 'iptables -t nat -A POSTROUTING -o br0 -j MASQUERADE']);
    expect(r.failedIds).toEqual(['client-8080']);
    expect(r.messages).toContain('sees it coming from 172.18.0.1, not 192.0.2.50');
  });
  test('wrong: a listener on the host port is not c1', () => {
    const r = run(['nc -lk 8080 &']);
    expect(r.failedIds).toEqual(['dnat-rule']);
    expect(r.messages).toContain('is not c1');
  });
});
