import { describe, expect, test } from 'vitest';
import { failingCases, lessonExercise } from './exercise-harness.ts';

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
  failingCases(run, [
    { name: 'the start fails: nothing is published', lines: [], failing: ['dnat-rule', 'client-8080'] },
    {
      name: 'wrong: DNAT alone, the rewritten connection dies in FORWARD',
      lines: [DNAT],
      failing: ['client-8080'],
      says: 'host FORWARD',
    },
    {
      name: 'wrong: DNAT with the FORWARD policy opened instead of a rule',
      lines: [DNAT, 'iptables -P FORWARD ACCEPT'],
      failing: ['forward-policy'],
      says: 'Set it back to DROP',
    },
    {
      name: 'wrong: the FORWARD rule matches the published port 8080, which no packet has after DNAT',
      lines: [DNAT, 'iptables -A FORWARD -d 172.18.0.10 -o br0 -p tcp --dport 8080 -j ACCEPT'],
      failing: ['client-8080'],
      says: 'client-8080: client → 192.0.2.10:8080 (tcp) fails: the packet dies in host FORWARD',
    },
    {
      name: 'wrong: DNAT to port 8080 of c1, where nothing listens',
      lines: [
        'iptables -t nat -A PREROUTING -d 192.0.2.10 -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.10:8080',
        'iptables -A FORWARD -d 172.18.0.10 -o br0 -p tcp --dport 8080 -j ACCEPT',
      ],
      failing: ['dnat-rule', 'client-8080'],
      says: '172.18.0.10:80',
    },
    {
      name: 'wrong: every tcp port of the host is sent to c1',
      lines: ['iptables -t nat -A PREROUTING -d 192.0.2.10 -p tcp -j DNAT --to-destination 172.18.0.10:80', ACCEPT_80],
      failing: ['dnat-rule', 'client-8081'],
      says: 'Publish exactly one port',
    },
    {
      name: 'wrong: masquerading into br0 as well hides the client from c1',
      lines: [DNAT, ACCEPT_80, 'iptables -t nat -A POSTROUTING -o br0 -j MASQUERADE'],
      failing: ['client-8080'],
      says: 'sees it coming from 172.18.0.1, not 192.0.2.50',
    },
    {
      name: 'wrong: a listener on the host port is not c1',
      lines: ['nc -lk 8080 &'],
      failing: ['dnat-rule'],
      says: 'is not c1',
    },
  ]);
});
