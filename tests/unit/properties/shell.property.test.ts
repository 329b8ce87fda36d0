/**
 * Robustness: random and mutated command lines never make the machine throw, every run
 * returns a well-formed result, and after each command the kernel's invariants hold.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMachine, type Machine } from '../../../sim/index.ts';
import { checkInvariants } from '../../../sim/observe/invariants.ts';

const names = fc.constantFrom('a', 'b', 'v0', 'v1', 'br0', 'eth0', 'lo', 'x.1');
const nss = fc.constantFrom('n1', 'n2', 'blue');
const addrs = fc.constantFrom('10.0.0.1/24', '10.0.0.2/24', '192.0.2.9/32', '10.0.1.1/16');

/** Network commands that change the kernel, in valid and invalid combinations. */
const netCommand: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(names, names).map(([a, b]) => `ip link add ${a} type veth peer name ${b}`),
  fc.tuple(names, names, nss).map(([a, b, n]) => `ip link add ${a} type veth peer name ${b} netns ${n}`),
  names.map((a) => `ip link add ${a} type bridge`),
  names.map((a) => `ip link del ${a}`),
  nss.map((n) => `ip netns add ${n}`),
  nss.map((n) => `ip netns del ${n}`),
  fc.tuple(names, nss).map(([a, n]) => `ip link set ${a} netns ${n}`),
  fc.tuple(names, nss).map(([a, n]) => `ip -n ${n} link del ${a}`),
  fc.tuple(names, nss).map(([a, n]) => `ip -n ${n} link set ${a} netns 1`),
  fc.tuple(names, names).map(([a, b]) => `ip link set ${a} master ${b}`),
  names.map((a) => `ip link set ${a} nomaster`),
  fc.tuple(names, fc.constantFrom('up', 'down')).map(([a, s]) => `ip link set ${a} ${s}`),
  fc.tuple(addrs, names).map(([ad, a]) => `ip addr add ${ad} dev ${a}`),
  fc.tuple(addrs, names).map(([ad, a]) => `ip addr del ${ad} dev ${a}`),
  fc.tuple(names, names).map(([a, b]) => `brctl addif ${a} ${b}`),
  fc.tuple(nss, names).map(([n, a]) => `ip netns exec ${n} ip link set ${a} up`),
  names.map((a) => `ip route add 10.9.0.0/16 dev ${a}`),
);

/** Shell-level lines: operators, quotes, redirections, utilities. */
const shellCommand: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'echo hi | grep h', 'cat /proc/sys/net/ipv4/ip_forward', 'echo 1 > /proc/sys/net/ipv4/ip_forward',
    'sleep 1 &', 'jobs', 'kill %1', 'wait', 'cd /tmp; ls', 'true && false || echo x', 'sh -c "exit 3"',
    'for i in 1 2 3; do echo $i; done', 'ip -br link | sort | uniq -c', 'printf "%s\\n" a b | wc -l',
    'grep -c . /etc/hosts', 'X=$(echo y); echo $X', '(exit 4)', 'ls /run/netns', 'echo abc > /proc/sys/net/ipv4/ip_forward',
  ),
  fc.string({ maxLength: 40 }),
  fc.array(fc.constantFrom('echo', 'ip', 'link', '|', '&&', '||', ';', '&', '>', '<', '2>&1', "'", '"', '$(', ')', '(', '$?', 'x', '-n', 'grep', '\\', '{', '}', 'if', 'then', 'fi', 'done'), { maxLength: 10 }).map((t) => t.join(' ')),
);

/** A known line with characters deleted, duplicated or replaced. */
const mutated: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(netCommand, shellCommand), fc.array(fc.tuple(fc.nat(60), fc.constantFrom('del', 'dup', 'sub')), { maxLength: 4 }), fc.string({ minLength: 1, maxLength: 1 }))
  .map(([line, edits, ch]) => {
    let s = line;
    for (const [pos, op] of edits) {
      const i = s.length ? pos % s.length : 0;
      if (op === 'del') s = s.slice(0, i) + s.slice(i + 1);
      else if (op === 'dup') s = s.slice(0, i) + s[i] + s.slice(i);
      else s = s.slice(0, i) + ch + s.slice(i + 1);
    }
    return s;
  });

function runChecked(m: Machine, line: string, mode: 'interactive' | 'bash-c'): void {
  const r = m.run(line, { mode, timeCapMs: 5000 });
  expect(typeof r.output).toBe('string');
  expect(r.output.length).toBe(r.stdout.length + r.stderr.length);
  expect(Number.isInteger(r.exitCode) && r.exitCode >= 0 && r.exitCode <= 255).toBe(true);
  const bad = checkInvariants(m.kernel);
  if (bad.length) throw new Error(`after ${JSON.stringify(line)}: ${bad.join('; ')}`);
}

describe('property: the shell never throws and the kernel stays consistent', () => {
  it('random sequences of network and shell commands', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(netCommand, netCommand, shellCommand), { minLength: 1, maxLength: 25 }), fc.boolean(), (lines, bashC) => {
        const m = createMachine({ seed: 3, world: 'bare' });
        for (const l of lines) runChecked(m, l, bashC ? 'bash-c' : 'interactive');
      }),
      { numRuns: 60 },
    );
  });

  it('mutated command lines', () => {
    fc.assert(
      fc.property(fc.array(mutated, { minLength: 1, maxLength: 15 }), (lines) => {
        const m = createMachine({ seed: 4, world: 'bare' });
        for (const l of lines) runChecked(m, l, 'interactive');
      }),
      { numRuns: 60 },
    );
  });

  it('the invariant checker notices a broken veth pair', () => {
    const m = createMachine({ seed: 1, world: 'bare' });
    // Not `a`/`b`: iproute2 reads a bare `a` as the `address` keyword.
    expect(m.run('ip link add va type veth peer name vb').exitCode).toBe(0);
    expect(checkInvariants(m.kernel)).toEqual([]);
    const a = m.kernel.linkByName(0, 'va')!;
    a.peer = { netnsId: 0, index: 99 };
    expect(checkInvariants(m.kernel).sort()).toEqual(['netns host: veth va has no live peer', "netns host: veth vb's peer va does not point back"]);
  });
});
