import { describe, expect, test } from 'vitest';
import { failingCases, lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('10-default-bridge', '02-docker');

describe('lesson 10: the default bridge, decoded', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  failingCases(run, [
    {
      name: 'the start fails: web exposes 80 but publishes nothing',
      lines: [],
      failing: ['dnat-8080', 'client-web'],
      says: 'answered with a reset',
    },
    {
      name: 'wrong: running web again with -p without removing it (the name is taken, nothing changes)',
      lines: ['docker run -d --name web -p 8080:80 nginx'],
      failing: ['dnat-8080', 'client-web'],
      says: 'a running container cannot gain a mapping',
    },
    {
      name: 'wrong: a second container web2 publishes 8080, so the DNAT goes to 172.17.0.3, not web',
      lines: ['docker run -d --name web2 -p 8080:80 nginx'],
      failing: ['dnat-8080'],
      says: "to web's 172.17.0.2:80",
    },
    {
      name: 'wrong: the ports swapped (-p 80:8080)',
      lines: ['docker rm -f web', 'docker run -d --name web -p 80:8080 nginx'],
      failing: ['dnat-8080', 'client-web'],
      says: 'host port first',
    },
    {
      name: 'wrong: published on 127.0.0.1 only, so the LAN client is refused',
      lines: ['docker rm -f web', 'docker run -d --name web -p 127.0.0.1:8080:80 nginx'],
      failing: ['dnat-8080', 'client-web'],
      says: 'client → 192.0.2.10:8080 (tcp)',
    },
    {
      name: 'wrong: -P publishes the exposed port on a random host port',
      lines: ['docker rm -f web', 'docker run -d --name web -P nginx'],
      failing: ['dnat-8080', 'client-web'],
    },
    {
      name: "wrong: lesson eight's DNAT rule typed by hand: Docker's filter DOCKER chain drops it",
      lines: ['iptables -t nat -A DOCKER -p tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80'],
      failing: ['dnat-8080', 'client-web'],
      says: 'dropped by filter FORWARD',
    },
    {
      name: 'wrong: a hand-made rule plus FORWARD policy ACCEPT still fails, and the policy is caught',
      lines: [
        'iptables -t nat -A DOCKER ! -i docker0 -p tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
        'iptables -P FORWARD ACCEPT',
      ],
      failing: ['forward-drop', 'client-web'],
      says: 'The FORWARD policy is ACCEPT',
    },
    {
      name: 'wrong: web re-created on a user-defined network gets another bridge and subnet',
      lines: ['docker rm -f web', 'docker network create mynet', 'docker run -d --name web --network mynet -p 8080:80 nginx'],
      failing: ['web-eth0', 'web-on-docker0', 'web-default-route', 'dnat-8080'],
      says: 'not of docker0',
    },
  ]);
});
