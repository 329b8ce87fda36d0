/**
 * Random and mutated command lines for the iproute group never throw, and after each one the
 * kernel's invariants hold: veth peers alive and pointing back, ports in their bridge's
 * namespace, names and indexes unique, no address or route on a missing device.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bareMachine } from './helpers.ts';
import type { Kernel } from '../../../sim/kernel/kernel.ts';

const WORDS = [
  'ip', 'link', 'addr', 'route', 'neigh', 'netns', 'add', 'del', 'set', 'show', 'flush', 'get', 'exec', 'list',
  'dev', 'type', 'veth', 'bridge', 'peer', 'name', 'master', 'nomaster', 'up', 'down', 'mtu', 'address', 'netns',
  'via', 'default', 'metric', 'table', 'local', 'src', 'onlink', 'lladdr', 'nud', 'brd', '+', 'label', 'scope',
  'v0', 'v1', 'br0', 'lo', 'a', 'b', '10.0.0.1/24', '10.0.0.0/24', '10.0.0.254', '0', '1500', '9000', '-n', '-br',
  '-o', '-d', '-s', '-4', '-6', 'brctl', 'addbr', 'addif', 'delif', 'delbr', 'showmacs', 'stp', 'on', 'sysctl', '-w',
  'net.ipv4.ip_forward=1', 'ifconfig', '192.168.1.1', 'netmask', '255.255.255.0', 'fdb', '02:00:00:00:00:01', 'x',
];
const HEADS = ['ip', 'bridge', 'brctl', 'sysctl', 'ifconfig'];

function checkInvariants(k: Kernel): void {
  for (const ns of k.state.netns.values()) {
    const names = new Set<string>();
    for (const [idx, l] of ns.links) {
      expect(l.index).toBe(idx);
      expect(names.has(l.name)).toBe(false);
      names.add(l.name);
      if (l.kind === 'veth') {
        const p = k.peerOf(l);
        expect(p, `peer of ${l.name}`).toBeDefined();
        expect(p!.peer).toEqual({ netnsId: l.netnsId, index: l.index });
      }
      if (l.master !== undefined) expect(ns.links.get(l.master)?.kind).toBe('bridge');
    }
    for (const a of ns.addrs4) expect(ns.links.has(a.index)).toBe(true);
    for (const a of ns.addrs6) expect(ns.links.has(a.index)).toBe(true);
    for (const r of ns.routes) if (r.dev !== undefined) expect(ns.links.has(r.dev)).toBe(true);
  }
}

describe('iproute commands under random input', () => {
  it('never throw and keep the kernel consistent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...HEADS), fc.array(fc.constantFrom(...WORDS), { maxLength: 8 })), { minLength: 1, maxLength: 25 }),
        (lines) => {
          const m = bareMachine(11);
          for (const [head, words] of lines) {
            const r = m.run([head, ...words].join(' '));
            expect(typeof r.exitCode).toBe('number');
            checkInvariants(m.kernel);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('survives a structured churn of namespaces, veths and bridges', () => {
    const m = bareMachine(12);
    const script = [
      'ip netns add a', 'ip netns add b', 'ip link add br0 type bridge', 'ip link set br0 up',
      'ip link add v0 type veth peer name v1 netns a', 'ip link set v0 master br0', 'ip link set v0 up',
      'ip -n a link set v1 up', 'ip -n a addr add 10.0.0.2/24 dev v1', 'ip -n a route add default via 10.0.0.1',
      'ip -n a link set v1 netns b', 'ip -n b link set v1 up', 'ip netns del a', 'ip link set v0 netns b',
      'ip netns del b', 'ip link del br0',
    ];
    for (const l of script) {
      m.run(l);
      checkInvariants(m.kernel);
    }
    expect(m.run('ip -br link').output).toBe('lo               DOWN           00:00:00:00:00:00 <LOOPBACK> \n');
  });
});
