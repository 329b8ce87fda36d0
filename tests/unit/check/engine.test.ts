import { describe, expect, test } from 'vitest';
import { createMachine } from '../../../sim/index.ts';
import { exerciseSchema, type ExerciseInput } from '../../../sim/check/schema.ts';
import { evaluate, nextHint } from '../../../sim/check/evaluate.ts';

/** Builds a machine of `world` and runs `lines` on it. */
function machineAfter(world: string, lines: string[]) {
  const m = createMachine({ seed: 7, world });
  for (const l of lines) m.run(l);
  return m;
}

const vethExercise: ExerciseInput = {
  title: 'A veth between two namespaces',
  goal: 'Join c1 (10.0.0.1/24) and c2 (10.0.0.2/24) with one veth pair.',
  setup: ['ip netns add c1', 'ip netns add c2'],
  checks: [
    { id: 'c1-end', label: 'c1 has 10.0.0.1/24 on an UP veth', kind: 'link', netns: 'c1', name: 'v1', type: 'veth', up: true, address: '10.0.0.1/24', peerNetns: 'c2' },
    { id: 'c2-end', label: 'c2 has 10.0.0.2/24 on an UP veth', kind: 'link', netns: 'c2', name: 'v2', type: 'veth', up: true, address: '10.0.0.2/24' },
    { id: 'no-bridge', label: 'no bridge is used', kind: 'no-link-kind', netns: 'host', type: 'bridge' },
    { id: 'ping', label: 'c1 pings c2', kind: 'reach', from: 'c1', to: '10.0.0.2' },
  ],
  hints: [
    { text: 'Create the pair with `ip link add`.', check: 'c1-end' },
    { text: 'Both ends must be up.', check: 'ping' },
  ],
  solution: [
    'ip link add v1 netns c1 type veth peer name v2 netns c2',
    'ip -n c1 addr add 10.0.0.1/24 dev v1',
    'ip -n c2 addr add 10.0.0.2/24 dev v2',
    'ip -n c1 link set v1 up',
    'ip -n c2 link set v2 up',
  ],
};

function run(ex: ExerciseInput, lines: string[], world = 'bare') {
  const parsed = exerciseSchema.parse(ex);
  const all = [...parsed.setup, ...lines];
  const fork = () => machineAfter(world, all);
  return evaluate(parsed, fork(), { fork, reference: () => machineAfter(world, [...parsed.setup, ...parsed.solution]) });
}

describe('exercise engine', () => {
  test('the reference solution passes every check', () => {
    const ev = run(vethExercise, vethExercise.solution);
    expect(ev.results.map((r) => [r.id, r.pass, r.message])).toEqual([
      ['c1-end', true, ''],
      ['c2-end', true, ''],
      ['no-bridge', true, ''],
      ['ping', true, ''],
    ]);
    expect(ev.complete).toBe(true);
    expect(ev.score).toBe(1);
  });

  test('the start state fails, with reasons about the topology', () => {
    const ev = run(vethExercise, []);
    expect(ev.complete).toBe(false);
    expect(ev.results.find((r) => r.id === 'c1-end')!.message).toBe('c1 has no interface named v1');
    expect(ev.results.find((r) => r.id === 'ping')!.pass).toBe(false);
    expect(ev.score).toBe(0.25);
  });

  test('a peer left down: state explains the missing carrier, the probe fails', () => {
    const ev = run(vethExercise, vethExercise.solution.slice(0, 4));
    expect(ev.results.find((r) => r.id === 'c1-end')!.message).toBe('v1 in c1 is up but has no carrier: its peer is down');
    expect(ev.results.find((r) => r.id === 'ping')!.pass).toBe(false);
  });

  test('wrong addresses are named in the message', () => {
    const wrong = vethExercise.solution.map((l) => l.replace('10.0.0.1/24', '10.0.0.1/16'));
    const ev = run(vethExercise, wrong);
    expect(ev.results.find((r) => r.id === 'c1-end')!.message).toBe('v1 in c1 does not have 10.0.0.1/24 (it has 10.0.0.1/16)');
  });

  test('hints follow the first failing check they are tied to', () => {
    const ex = exerciseSchema.parse(vethExercise);
    const ev = run(vethExercise, vethExercise.solution.slice(0, 4));
    // c1-end fails (no carrier) so hint 0 comes first; once shown, the ping hint.
    expect(nextHint(ex.hints, [], ev)).toBe(0);
    expect(nextHint(ex.hints, [0], ev)).toBe(1);
    expect(nextHint(ex.hints, [0, 1], ev)).toBeUndefined();
  });

  test('schema rejects duplicate ids and hints tied to unknown checks', () => {
    const bad = { ...vethExercise, hints: [{ text: 'x', check: 'nope' }, { text: 'y' }], checks: [vethExercise.checks[0], vethExercise.checks[0]] };
    const r = exerciseSchema.safeParse(bad);
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('checks.1.id: duplicate check id "c1-end"');
    expect(messages).toContain('hints.0.check: no check with id "nope"');
  });
});

describe('rules compared by meaning, and NAT seen by probes', () => {
  const natExercise: ExerciseInput = {
    title: 'MASQUERADE',
    goal: 'Let c1 reach the remote web server through the host.',
    setup: [
      'ip netns add c1',
      'ip link add br0 type bridge',
      'ip addr add 172.18.0.1/16 dev br0',
      'ip link set br0 up',
      'ip link add veth1 type veth peer name eth0 netns c1',
      'ip link set veth1 master br0',
      'ip link set veth1 up',
      'ip -n c1 addr add 172.18.0.10/16 dev eth0',
      'ip -n c1 link set eth0 up',
      'ip -n c1 link set lo up',
      'ip -n c1 route add default via 172.18.0.1',
      'sysctl -w net.ipv4.ip_forward=1',
    ],
    checks: [
      { id: 'masq', label: 'MASQUERADE for 172.18.0.0/16', kind: 'rule', table: 'nat', chain: 'POSTROUTING', rule: '-s 172.18.0.0/16 ! -o br0 -j MASQUERADE', anyOf: ['-s 172.18.0.0/16 -o eth0 -j MASQUERADE'] },
      { id: 'out', label: 'remote sees the host', kind: 'reach', from: 'c1', to: '203.0.113.80', seesSrc: '192.0.2.10' },
    ],
    hints: [{ text: 'nat table, POSTROUTING.' }, { text: 'Match the source subnet.' }],
    solution: ['iptables -t nat -A POSTROUTING -s 172.18.0.0/16 ! -o br0 -j MASQUERADE'],
  };

  test('without NAT the request arrives with the private source and the reply is lost', () => {
    const ev = run(natExercise, [], 'host');
    const out = ev.results.find((r) => r.id === 'out')!;
    expect(out.pass).toBe(false);
    expect(out.message).toContain('the request reaches remote from 172.18.0.10, but the answer never makes it back');
  });

  test('the equivalent -o eth0 form passes the rule check, and the probe sees the host address', () => {
    const ev = run(natExercise, ['iptables -t nat -A POSTROUTING -o eth0 -s 172.18.0.0/16 -j MASQUERADE'], 'host');
    expect(ev.results.map((r) => [r.id, r.pass, r.message])).toEqual([
      ['masq', true, ''],
      ['out', true, ''],
    ]);
  });

  test('SNAT to the wrong address: the rule check fails and the probe names the source seen', () => {
    const ev = run(natExercise, ['iptables -t nat -A POSTROUTING -s 172.18.0.0/16 -o eth0 -j SNAT --to-source 192.0.2.11'], 'host');
    expect(ev.results[0].pass).toBe(false);
    expect(ev.results[1].pass).toBe(false);
  });
});
