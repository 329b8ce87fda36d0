import { describe, expect, test } from 'vitest';
import { lessonTrial } from '../../../sim/cli/trial.ts';

const LESSON = 'content/02-docker/15-troubleshooting.mdx';
const trial = (variant: string) => lessonTrial(LESSON, { variant });

/** Per variant: the checks its start fails, and plausible wrong repairs with the checks they fail and a message fragment. */
const cases: Record<string, { start: string[]; wrong: { why: string; lines: string[]; failed: string[]; says: string }[] }> = {
  'ip-forward-off': {
    start: ['client-web', 'client-app', 'web-internet', 'api-internet', 'matrix', 'fault-fixed'],
    wrong: [
      { why: 'the FORWARD policy opened instead', lines: ['iptables -P FORWARD ACCEPT'], failed: ['client-web', 'client-app', 'web-internet', 'api-internet', 'matrix', 'forward-drop', 'fault-fixed'], says: 'net.ipv4.ip_forward = 0' },
      { why: 'MASQUERADE added again (the lesson-6 reflex)', lines: ['iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE'], failed: ['client-web', 'client-app', 'web-internet', 'api-internet', 'matrix', 'fault-fixed'], says: 'net.ipv4.ip_forward is 0' },
    ],
  },
  'masquerade-gone': {
    start: ['web-internet', 'matrix', 'fault-fixed'],
    wrong: [
      { why: 'MASQUERADE without ! -o docker0 also rewrites traffic between containers', lines: ['iptables -t nat -A POSTROUTING -s 172.17.0.0/16 -j MASQUERADE'], failed: ['fault-fixed'], says: 'has no rule like `-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE`' },
      { why: 'MASQUERADE on the wrong interface (-o docker0)', lines: ['iptables -t nat -A POSTROUTING -s 172.17.0.0/16 -o docker0 -j MASQUERADE'], failed: ['web-internet', 'matrix', 'fault-fixed'], says: 'but the answer never makes it back' },
      { why: 'restarting web does not bring the host rule back', lines: ['docker restart web'], failed: ['web-internet', 'matrix', 'fault-fixed'], says: 'reaches remote from 172.17.0.2' },
    ],
  },
  'forward-accept-gone': {
    start: ['client-web', 'client-app', 'web-internet', 'matrix', 'fault-fixed'],
    wrong: [
      { why: 'the FORWARD policy ACCEPT shortcut', lines: ['iptables -P FORWARD ACCEPT'], failed: ['forward-drop', 'fault-fixed'], says: 'The FORWARD policy is ACCEPT' },
      { why: 'an accept for docker0 in DOCKER-USER, not where Docker keeps it', lines: ['iptables -I DOCKER-USER -o docker0 -j ACCEPT'], failed: ['client-web', 'client-app', 'web-internet', 'matrix', 'fault-fixed'], says: 'dropped by filter FORWARD' },
    ],
  },
  'bound-localhost': {
    start: ['client-app', 'fault-fixed'],
    wrong: [
      { why: 'restarting app keeps its command', lines: ['docker restart app'], failed: ['client-app', 'fault-fixed'], says: 'answered with a reset' },
      { why: 'publishing on 127.0.0.1 as well: wrong side of the container', lines: ['docker rm -f app', 'docker run -d --name app -p 127.0.0.1:8000:8000 alpine nc -lk -s 127.0.0.1 -p 8000'], failed: ['client-app', 'fault-fixed'], says: 'client → 192.0.2.10:8000 (tcp)' },
    ],
  },
  'default-bridge-names': {
    start: ['api-db', 'fault-fixed'],
    wrong: [
      { why: 'only api connected to appnet: db is still on the default bridge', lines: ['docker network connect appnet api'], failed: ['api-db', 'fault-fixed'], says: 'container api → db:6379 (tcp) fails' },
      { why: 'only db connected to appnet: api is still on the default bridge', lines: ['docker network connect appnet db'], failed: ['api-db', 'fault-fixed'], says: 'container db → api (icmp) fails' },
    ],
  },
  'subnet-overlap': {
    start: ['client-web', 'client-app', 'host-lan', 'matrix', 'fault-fixed'],
    wrong: [
      { why: 'another subnet that still lies inside the LAN', lines: ['docker rm -f api db', 'docker network rm appnet', 'docker network create --subnet 192.0.2.64/27 appnet', 'docker run -d --name db --network appnet redis', 'docker run -d --name api --network appnet alpine sleep infinity'], failed: ['fault-fixed'], says: 'the host routes 192.0.2.64/27, part of the LAN 192.0.2.0/24' },
      { why: 'a host route to the client pasted over the symptom', lines: ['ip route add 192.0.2.50/32 dev eth0'], failed: ['fault-fixed'], says: 'the host routes 192.0.2.32/27' },
    ],
  },
  'mtu-uplink': {
    start: ['fault-fixed'],
    wrong: [
      { why: "docker0's MTU lowered: the containers' eth0 still sends 1500", lines: ['ip link set docker0 mtu 1420'], failed: ['fault-fixed'], says: 'sends packets of up to 1500 bytes, but the host' },
      { why: 'web restarted: Docker gives it the same MTU', lines: ['docker restart web'], failed: ['fault-fixed'], says: "the host's eth0 carries only 1420" },
    ],
  },
};

describe('lesson 15: troubleshooting capstone', () => {
  test('the exercise has exactly these variants, and the lab draws one of them from its seed', () => {
    const drawn = lessonTrial(LESSON).variant;
    expect(Object.keys(cases)).toContain(drawn);
    expect(lessonTrial(LESSON).variant).toBe(drawn);
    expect(lessonTrial(LESSON).exercise.checks.at(-1)?.id).toBe('fault-fixed');
  });

  for (const [variant, c] of Object.entries(cases)) {
    describe(`variant ${variant}`, () => {
      const t = trial(variant);
      test('the reference solution passes every check', () => {
        expect(t.warnings).toEqual([]);
        const r = t.run(t.exercise.solution);
        expect(r.failedLines).toEqual([]);
        expect(r.failedIds).toEqual([]);
      });
      test('the start fails the fault-specific check and the symptoms', () => {
        expect(t.run([]).failedIds).toEqual(c.start);
      });
      for (const w of c.wrong)
        test(`wrong: ${w.why}`, () => {
          const r = t.run(w.lines);
          expect(r.failedIds).toEqual(w.failed);
          expect(r.messages).toContain(w.says);
        });
    });
  }
});
