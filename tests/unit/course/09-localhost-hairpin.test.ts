import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('09-localhost-hairpin');

const OUTPUT_DNAT = 'iptables -t nat -A OUTPUT -m addrtype --dst-type LOCAL -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.10:80';
const LOCALNET = 'sysctl -w net.ipv4.conf.br0.route_localnet=1';
const MASQ_LOCAL = 'iptables -t nat -A POSTROUTING -o br0 -m addrtype --src-type LOCAL -j MASQUERADE';
const BR0_DNAT = 'iptables -t nat -A PREROUTING -d 192.0.2.10 -i br0 -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.10:80';

describe('lesson 9: localhost and hairpin', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('DNAT of 127.0.0.1 only, route_localnet for all interfaces, and lesson 8 rule replaced by one without ! -i br0 pass too', () => {
    const r = run([
      'iptables -t nat -A OUTPUT -d 127.0.0.1 -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.10:80',
      'sysctl -w net.ipv4.conf.all.route_localnet=1',
      MASQ_LOCAL,
      'iptables -t nat -D PREROUTING 1',
      'iptables -t nat -A PREROUTING -d 192.0.2.10 -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.10:80',
    ]);
    expect(r.failedIds).toEqual([]);
  });
  test('the start fails: the host and c2 are not DNATed', () => {
    expect(run([]).failedIds).toEqual(['host-localhost', 'c2-hairpin']);
  });
  test('wrong: DNAT in OUTPUT alone, the 127.0.0.1 source may not leave through br0', () => {
    const r = run([OUTPUT_DNAT, BR0_DNAT]);
    expect(r.failedIds).toEqual(['host-localhost']);
    expect(r.messages).toContain('host-localhost: the host → 127.0.0.1:8080 (tcp) fails: the packet dies in host');
    expect(r.messages).toContain('route_localnet = 0');
  });
  test('wrong: route_localnet without the masquerade, c1 cannot answer 127.0.0.1', () => {
    const r = run([OUTPUT_DNAT, LOCALNET, BR0_DNAT]);
    expect(r.failedIds).toEqual(['host-localhost']);
    expect(r.messages).toContain('martian');
  });
  test('wrong: route_localnet switched on for lo instead of br0', () => {
    const r = run([OUTPUT_DNAT, 'sysctl -w net.ipv4.conf.lo.route_localnet=1', MASQ_LOCAL, BR0_DNAT]);
    expect(r.failedIds).toEqual(['host-localhost']);
    expect(r.messages).toContain('route_localnet = 0');
  });
  test('wrong: masquerading everything into br0 also hides the LAN client', () => {
    const r = run([OUTPUT_DNAT, LOCALNET, 'iptables -t nat -A POSTROUTING -o br0 -j MASQUERADE', BR0_DNAT]);
    expect(r.failedIds).toEqual(['client-8080']);
    expect(r.messages).toContain('sees it coming from 172.18.0.1, not 192.0.2.50');
  });
  test("wrong: an OUTPUT rule for 192.0.2.10 does not catch c2, whose packets are not the host's own", () => {
    const r = run([OUTPUT_DNAT, LOCALNET, MASQ_LOCAL, 'iptables -t nat -A OUTPUT -d 192.0.2.10 -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.10:80']);
    expect(r.failedIds).toEqual(['c2-hairpin']);
    expect(r.messages).toContain('c2 → 192.0.2.10:8080 (tcp): the request reaches host from 172.18.0.20');
  });
  test('wrong: opening the FORWARD policy does not help and is refused', () => {
    const r = run(['iptables -P FORWARD ACCEPT']);
    expect(r.failedIds).toEqual(['host-localhost', 'c2-hairpin', 'forward-policy']);
  });
});
