import { describe, expect, test } from 'vitest';
import { lessonTrial } from '../../../sim/cli/trial.ts';

const trial = lessonTrial('content/02-docker/14-docker-user.mdx');
const run = (lines: string[]) => trial.run(lines);

describe('lesson 14: firewalling published ports (DOCKER-USER)', () => {
  test('the reference solution passes every check', () => {
    expect(trial.warnings).toEqual([]);
    const r = run(trial.exercise.solution);
    expect(r.failedLines).toEqual([]);
    expect(r.failedIds).toEqual([]);
  });
  test("the start fails: the INPUT rule never sees the DNATed connection (pitfall 5)", () => {
    const r = run([]);
    expect(r.failedIds).toEqual(['remote-8080-blocked', 'filter-in-docker-user']);
    expect(r.messages).toContain('remote → 192.0.2.10:8080 (tcp) still gets through');
  });
  test('the rewritten destination works as well (-d 172.17.0.2 --dport 80, new connections only)', () => {
    const r = run(['iptables -I DOCKER-USER ! -s 192.0.2.0/24 -d 172.17.0.2 -p tcp --dport 80 -m conntrack --ctstate NEW -j DROP']);
    expect(r.failedIds).toEqual([]);
  });
  test('wrong: --dport 8080 in DOCKER-USER never matches, the port is 80 after DNAT', () => {
    const r = run(['iptables -I DOCKER-USER -p tcp --dport 8080 ! -s 192.0.2.0/24 -j DROP']);
    expect(r.failedIds).toEqual(['remote-8080-blocked']);
    expect(r.messages).toContain('still gets through');
  });
  test('wrong: more INPUT rules (a REJECT at the top) change nothing', () => {
    const r = run(['iptables -I INPUT -p tcp --dport 8080 -s 203.0.113.0/24 -j REJECT']);
    expect(r.failedIds).toEqual(['remote-8080-blocked', 'filter-in-docker-user']);
    expect(r.messages).toContain('DOCKER-USER holds no DROP or REJECT rule');
  });
  test('wrong: --ctorigdstport without NEW also drops the replies to the LAN client', () => {
    const r = run(['iptables -I DOCKER-USER ! -s 192.0.2.0/24 -p tcp -m conntrack --ctorigdstport 8080 -j DROP']);
    expect(r.failedIds).toEqual(['client-8080']);
    expect(r.messages).toContain('but the answer never makes it back (it dies in host FORWARD');
  });
  test("wrong: everything not from the LAN dropped: the client's replies and web's own downloads die too", () => {
    const r = run(['iptables -I DOCKER-USER ! -s 192.0.2.0/24 -j DROP']);
    expect(r.failedIds).toEqual(['client-8080', 'web-outbound']);
    expect(r.messages).toContain('container web → 203.0.113.80:80 (tcp) fails');
  });
  test("wrong: Docker's ACCEPT narrowed to the LAN by hand: it works until Docker rewrites its chain", () => {
    const r = run([
      'iptables -D DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
      'iptables -I DOCKER -s 192.0.2.0/24 -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
    ]);
    expect(r.failedIds).toEqual(['filter-in-docker-user', 'docker-accept-kept']);
    expect(r.messages).toContain('Docker owns that chain and rewrites it');
  });
  test("wrong: Docker's DNAT replaced by one limited to the LAN", () => {
    const r = run([
      'iptables -t nat -D DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
      'iptables -t nat -A DOCKER -s 192.0.2.0/24 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
    ]);
    expect(r.failedIds).toEqual(['filter-in-docker-user', 'docker-dnat-kept']);
    expect(r.messages).toContain("Docker's DNAT rule for 8080");
  });
  test('wrong: Docker unhooked from FORWARD and the policy opened (the shortcut is caught)', () => {
    const r = run(['iptables -D FORWARD -j DOCKER-FORWARD', 'iptables -P FORWARD ACCEPT', 'iptables -I DOCKER-USER ! -s 192.0.2.0/24 -p tcp -m conntrack --ctstate NEW --ctorigdstport 8080 -j DROP']);
    expect(r.failedIds).toEqual(['docker-forward-jump', 'forward-drop']);
    expect(r.messages).toContain('The FORWARD policy is ACCEPT');
  });
  test("wrong: a firewall reload (flush) takes Docker's rules and web's Internet with it (pitfall 15)", () => {
    // docker-proxy still listens on 0.0.0.0:8080, so the port itself keeps answering everyone.
    const r = run(['iptables -F', 'iptables -t nat -F']);
    expect(r.failedIds).toEqual(['remote-8080-blocked', 'web-outbound', 'filter-in-docker-user', 'docker-dnat-kept', 'docker-accept-kept', 'docker-forward-jump']);
    expect(r.messages).toContain('FORWARD no longer jumps to DOCKER-FORWARD');
  });
});
