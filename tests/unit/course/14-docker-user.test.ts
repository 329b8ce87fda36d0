import { describe, expect, test } from 'vitest';
import { lessonTrial } from '../../../sim/cli/trial.ts';
import { failingCases } from './exercise-harness.ts';

const trial = lessonTrial('content/02-docker/14-docker-user.mdx');
const run = (lines: string[]) => trial.run(lines);

describe('lesson 14: firewalling published ports (DOCKER-USER)', () => {
  test('the reference solution passes every check', () => {
    expect(trial.warnings).toEqual([]);
    const r = run(trial.exercise.solution);
    expect(r.failedLines).toEqual([]);
    expect(r.failedIds).toEqual([]);
  });
  failingCases(run, [
    {
      name: "the start fails: the INPUT rule never sees the DNATed connection (pitfall 5)",
      lines: [],
      failing: ['remote-8080-blocked', 'filter-in-docker-user'],
      says: 'remote → 192.0.2.10:8080 (tcp) still gets through',
    },
    {
      name: 'the rewritten destination works as well (-d 172.17.0.2 --dport 80, new connections only)',
      lines: ['iptables -I DOCKER-USER ! -s 192.0.2.0/24 -d 172.17.0.2 -p tcp --dport 80 -m conntrack --ctstate NEW -j DROP'],
      failing: [],
    },
    {
      name: 'wrong: --dport 8080 in DOCKER-USER never matches, the port is 80 after DNAT',
      lines: ['iptables -I DOCKER-USER -p tcp --dport 8080 ! -s 192.0.2.0/24 -j DROP'],
      failing: ['remote-8080-blocked'],
      says: 'still gets through',
    },
    {
      name: 'wrong: more INPUT rules (a REJECT at the top) change nothing',
      lines: ['iptables -I INPUT -p tcp --dport 8080 -s 203.0.113.0/24 -j REJECT'],
      failing: ['remote-8080-blocked', 'filter-in-docker-user'],
      says: 'DOCKER-USER holds no DROP or REJECT rule',
    },
    {
      name: 'wrong: --ctorigdstport without NEW also drops the replies to the LAN client',
      lines: ['iptables -I DOCKER-USER ! -s 192.0.2.0/24 -p tcp -m conntrack --ctorigdstport 8080 -j DROP'],
      failing: ['client-8080'],
      says: 'but the answer never makes it back (it dies in host FORWARD',
    },
    {
      name: "wrong: everything not from the LAN dropped: the client's replies and web's own downloads die too",
      lines: ['iptables -I DOCKER-USER ! -s 192.0.2.0/24 -j DROP'],
      failing: ['client-8080', 'web-outbound'],
      says: 'container web → 203.0.113.80:80 (tcp) fails',
    },
    {
      name: "wrong: Docker's ACCEPT narrowed to the LAN by hand: it works until Docker rewrites its chain",
      lines: [
        'iptables -D DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
        'iptables -I DOCKER -s 192.0.2.0/24 -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT',
      ],
      failing: ['filter-in-docker-user', 'docker-accept-kept'],
      says: 'Docker owns that chain and rewrites it',
    },
    {
      name: "wrong: Docker's DNAT replaced by one limited to the LAN",
      lines: [
        'iptables -t nat -D DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
        'iptables -t nat -A DOCKER -s 192.0.2.0/24 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
      ],
      failing: ['filter-in-docker-user', 'docker-dnat-kept'],
      says: "Docker's DNAT rule for 8080",
    },
    {
      name: 'wrong: Docker unhooked from FORWARD and the policy opened (the shortcut is caught)',
      lines: ['iptables -D FORWARD -j DOCKER-FORWARD', 'iptables -P FORWARD ACCEPT', 'iptables -I DOCKER-USER ! -s 192.0.2.0/24 -p tcp -m conntrack --ctstate NEW --ctorigdstport 8080 -j DROP'],
      failing: ['docker-forward-jump', 'forward-drop'],
      says: 'The FORWARD policy is ACCEPT',
    },
    {
      // docker-proxy still listens on 0.0.0.0:8080, so the port itself keeps answering everyone.
      name: "wrong: a firewall reload (flush) takes Docker's rules and web's Internet with it (pitfall 15)",
      lines: ['iptables -F', 'iptables -t nat -F'],
      failing: ['remote-8080-blocked', 'web-outbound', 'filter-in-docker-user', 'docker-dnat-kept', 'docker-accept-kept', 'docker-forward-jump'],
      says: 'FORWARD no longer jumps to DOCKER-FORWARD',
    },
  ]);
});
