import { describe, expect, test } from 'vitest';
import { lessonExercise } from './exercise-harness.ts';

const { exercise, run } = lessonExercise('10-default-bridge', '02-docker');

describe('lesson 10: the default bridge, decoded', () => {
  test('the reference solution passes every check', () => {
    expect(run(exercise.solution).failedIds).toEqual([]);
  });
  test('the start fails: web exposes 80 but publishes nothing', () => {
    const r = run([]);
    expect(r.failedIds).toEqual(['dnat-8080', 'client-web']);
    expect(r.messages).toContain('answered with a reset');
  });
  test('wrong: running web again with -p without removing it (the name is taken, nothing changes)', () => {
    const r = run(['docker run -d --name web -p 8080:80 nginx']);
    expect(r.failedIds).toEqual(['dnat-8080', 'client-web']);
    expect(r.messages).toContain('a running container cannot gain a mapping');
  });
  test('wrong: a second container web2 publishes 8080, so the DNAT goes to 172.17.0.3, not web', () => {
    const r = run(['docker run -d --name web2 -p 8080:80 nginx']);
    expect(r.failedIds).toEqual(['dnat-8080']);
    expect(r.messages).toContain("to web's 172.17.0.2:80");
  });
  test('wrong: the ports swapped (-p 80:8080)', () => {
    const r = run(['docker rm -f web', 'docker run -d --name web -p 80:8080 nginx']);
    expect(r.failedIds).toEqual(['dnat-8080', 'client-web']);
    expect(r.messages).toContain('host port first');
  });
  test('wrong: published on 127.0.0.1 only, so the LAN client is refused', () => {
    const r = run(['docker rm -f web', 'docker run -d --name web -p 127.0.0.1:8080:80 nginx']);
    expect(r.failedIds).toEqual(['dnat-8080', 'client-web']);
    expect(r.messages).toContain('client → 192.0.2.10:8080 (tcp)');
  });
  test('wrong: -P publishes the exposed port on a random host port', () => {
    const r = run(['docker rm -f web', 'docker run -d --name web -P nginx']);
    expect(r.failedIds).toEqual(['dnat-8080', 'client-web']);
  });
  test("wrong: lesson eight's DNAT rule typed by hand: Docker's filter DOCKER chain drops it", () => {
    const r = run(['iptables -t nat -A DOCKER -p tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80']);
    expect(r.failedIds).toEqual(['dnat-8080', 'client-web']);
    expect(r.messages).toContain('dropped by filter FORWARD');
  });
  test('wrong: a hand-made rule plus FORWARD policy ACCEPT still fails, and the policy is caught', () => {
    const r = run([
      'iptables -t nat -A DOCKER ! -i docker0 -p tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
      'iptables -P FORWARD ACCEPT',
    ]);
    expect(r.failedIds).toEqual(['forward-drop', 'client-web']);
    expect(r.messages).toContain('The FORWARD policy is ACCEPT');
  });
  test('wrong: web re-created on a user-defined network gets another bridge and subnet', () => {
    const r = run(['docker rm -f web', 'docker network create mynet', 'docker run -d --name web --network mynet -p 8080:80 nginx']);
    expect(r.failedIds).toEqual(['web-eth0', 'web-on-docker0', 'web-default-route', 'dnat-8080']);
    expect(r.messages).toContain('not of docker0');
  });
});
