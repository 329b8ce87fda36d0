/**
 * Kernel control-plane behaviour through the commands and the snapshot: worlds, sysctls per
 * device, nsids, teardown, invariants, and the 1,000-container build budget.
 */
import { describe, expect, it } from 'vitest';
import { bareMachine } from './helpers.ts';
import { applyWorld, worldNames } from '../../../sim/worlds/index.ts';
import { snapshot } from '../../../sim/observe/snapshot.ts';

describe('worlds', () => {
  it('bare is a fresh namespace: only lo, down', () => {
    const m = bareMachine(1);
    applyWorld(m.kernel, 'bare');
    const s = snapshot(m.kernel);
    expect(s.netns).toHaveLength(1);
    expect(s.netns[0].links.map((l) => [l.name, l.state])).toEqual([['lo', 'DOWN']]);
    expect(s.netns[0].sysctls['net.ipv4.ip_forward']).toBe('0');
    expect(s.netns[0].sysctls['net.bridge.bridge-nf-call-iptables']).toBe('1');
  });

  it('host has eth0 on a hidden LAN, a default route and a reachable remote', () => {
    const m = bareMachine(1);
    applyWorld(m.kernel, 'host');
    expect(m.run('ip netns').output).toBe('');
    expect(m.run('ip -br addr show eth0').output).toMatch(/^eth0 +UP +192\.0\.2\.10\/24 fe80::/);
    expect(m.run('ip route').output).toBe('default via 192.0.2.1 dev eth0 \n192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.10 \n');
    const s = snapshot(m.kernel);
    const remote = s.netns.find((n) => n.display === 'remote')!;
    expect(remote.hidden).toBe(true);
    expect(remote.routes.some((r) => r.dst === '10.0.0.0' || r.dst === '172.16.0.0' || r.dstLen === 0)).toBe(false);
    expect(s.netns.find((n) => n.display === 'gateway')!.sysctls['net.ipv4.ip_forward']).toBe('1');
    expect(m.run('ip netns exec remote true').exitCode).toBe(255);
  });

  it('rejects unknown world names only', () => {
    expect(worldNames()).toEqual(expect.arrayContaining(['bare', 'host']));
    expect(() => applyWorld(bareMachine(1).kernel, 'nope')).toThrow(/unknown world/);
  });
});

describe('sysctls follow devices', () => {
  it('per-device keys appear, inherit conf.default, follow renames and vanish', () => {
    const m = bareMachine(2);
    expect(m.run('sysctl net.ipv4.conf.v0.forwarding').exitCode).toBe(1);
    m.run('sysctl -w net.ipv4.conf.default.rp_filter=2');
    m.run('ip link add v0 type veth peer name v1');
    expect(m.run('sysctl -n net.ipv4.conf.v0.rp_filter').output).toBe('2\n');
    expect(m.run('sysctl -n net.ipv6.conf.v0.mtu').output).toBe('1500\n');
    m.run('sysctl -w net.ipv4.ip_forward=1');
    expect(m.run('sysctl -n net.ipv4.conf.v1.forwarding').output).toBe('1\n');
    m.run('ip link set v0 name w0');
    expect(m.run('sysctl -n net.ipv4.conf.w0.rp_filter').output).toBe('2\n');
    m.run('ip link del w0');
    expect(m.run('sysctl net.ipv4.conf.v1.forwarding').output).toMatch(/cannot stat/);
    expect(m.kernel.sysctlKeys(0).filter((k) => k.includes('.lo.')).length).toBe(125);
  });
});

describe('namespaces', () => {
  it('deleting a namespace destroys its devices and their veth peers', () => {
    const m = bareMachine(3);
    m.run('ip netns add a');
    m.run('ip link add v0 type veth peer name v1 netns a');
    m.run('ip netns del a');
    expect(m.run('ip -br link').output).toBe('lo               DOWN           00:00:00:00:00:00 <LOOPBACK> \n');
    expect(m.run('ip netns').output).toBe('');
  });

  it('allocates nsids on demand and frees them with the namespace', () => {
    const m = bareMachine(3);
    m.run('ip netns add a');
    m.run('ip netns add b');
    m.run('ip link add x type veth peer name y netns b');
    expect(m.run('ip netns').output).toBe('b (id: 0)\na\n');
    m.run('ip netns del b');
    m.run('ip link add x2 type veth peer name y netns a');
    expect(m.run('ip netns').output).toBe('a (id: 0)\n');
  });
});

describe('invariants under churn', () => {
  it('every veth has a live peer and ports stay in their bridge namespace', () => {
    const m = bareMachine(4);
    const lines = [
      'ip link add br0 type bridge', 'ip netns add c1', 'ip link add v1 type veth peer name e1 netns c1',
      'ip link set v1 master br0', 'ip link set v1 netns c1', 'ip -n c1 link set v1 netns 1', 'ip link del e1',
      'ip link add v2 type veth peer name e2', 'ip link set v2 master br0', 'ip link del br0', 'ip netns del c1',
      'ip addr add 10.0.0.1/24 dev v2', 'ip link del e2',
    ];
    for (const l of lines) m.run(l);
    const s = snapshot(m.kernel);
    for (const ns of s.netns) {
      const names = new Set(ns.links.map((l) => l.name));
      expect(names.size).toBe(ns.links.length);
      for (const l of ns.links) {
        if (l.kind === 'veth') expect(l.peer).toBeDefined();
        if (l.master) expect(names.has(l.master)).toBe(true);
      }
      for (const a of ns.addresses) expect(names.has(a.dev)).toBe(true);
    }
  });
});

/** Builds n containers (netns + veth into a bridge, both ends up, an address) and returns ms. */
function build(n: number): { ms: number; m: ReturnType<typeof bareMachine> } {
  const m = bareMachine(5);
  const k = m.kernel;
  // CPU time of this process, not wall time: other work on the machine does not count.
  const c0 = process.cpuUsage();
  const br = k.bridgeAdd(0, 'br0');
  if (!br.ok) throw new Error('bridge');
  k.linkSetUp(br.value, true);
  for (let i = 0; i < n; i++) {
    const ns = k.createNetns({ name: `c${i}` });
    const v = k.vethAdd({ name: `veth${i}h`, ns: k.host, peerName: 'eth0', peerNs: ns });
    if (!v.ok) throw new Error('veth');
    const eth0 = k.peerOf(v.value)!;
    k.linkSetMaster(v.value, br.value);
    k.linkSetUp(v.value, true);
    k.linkSetUp(eth0, true);
    k.linkSetUp(k.linkByName(ns.id, 'lo')!, true);
    k.addrAdd(eth0, { address: `10.${(i >> 8) & 255}.${i & 255}.2`, prefixLen: 16, scope: 'global' });
  }
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, m };
}

describe('a large topology', () => {
  // Timing is the benchmark's job (npm run bench: the 1,000-container build); this test
  // checks that such a build is correct.
  it('builds 1,000 containers on one bridge, with every port enslaved and every address in place', () => {
    const { m } = build(1000);
    expect(m.kernel.links(0).length).toBe(1002);
    expect(m.run('brctl show br0').output.split('\n').length).toBe(1002);
    expect(m.run('ip -n c999 -br addr show eth0').output).toMatch(/^eth0@if\d+ +UP +10\.3\.231\.2\/16 /);
  }, 120_000);
});
