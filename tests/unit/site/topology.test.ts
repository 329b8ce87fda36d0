import { describe, expect, it } from 'vitest';
import { describeIface, topologyModel } from '../../../src/lab/topology-model.ts';
import { layoutTopology } from '../../../src/lab/topology-layout.ts';

const link = (index: number, name: string, kind: string, extra: Record<string, unknown> = {}) => ({
  index, name, kind, mtu: 1500, mac: '02:00:00:00:00:0' + index, up: true, lowerUp: true, state: 'UP', ...extra,
});

/** A snapshot in the shape of sim/observe/snapshot.ts: host with a bridge, one container, the hidden LAN. */
const SNAP = {
  time: 0,
  netns: [
    {
      id: 0, display: 'host', hidden: false,
      links: [
        link(1, 'lo', 'loopback', { state: 'UNKNOWN' }),
        link(2, 'eth0', 'ether', { peer: { netnsId: 1, netns: 'lan', name: 'p-host', index: 2 } }),
        link(3, 'br0', 'bridge'),
        link(5, 'veth1', 'veth', { master: 'br0', peer: { netnsId: 2, netns: 'c1', name: 'eth0', index: 2 } }),
      ],
      addresses: [
        { family: 4, dev: 'lo', address: '127.0.0.1', prefixLen: 8, scope: 'host' },
        { family: 4, dev: 'eth0', address: '192.0.2.10', prefixLen: 24, scope: 'global' },
        { family: 4, dev: 'br0', address: '10.0.0.1', prefixLen: 24, scope: 'global' },
        { family: 6, dev: 'br0', address: 'fe80::1', prefixLen: 64, scope: 'link' },
      ],
    },
    { id: 1, name: 'lan', display: 'lan', hidden: true, links: [link(1, 'lo', 'loopback'), link(2, 'p-host', 'veth')], addresses: [] },
    {
      id: 2, name: 'c1', display: 'c1', hidden: false,
      links: [link(1, 'lo', 'loopback', { up: false, lowerUp: false, state: 'DOWN' }), link(2, 'eth0', 'veth', { peer: { netnsId: 0, netns: 'host', name: 'veth1', index: 5 } })],
      addresses: [{ family: 4, dev: 'eth0', address: '10.0.0.2', prefixLen: 24, scope: 'global' }],
    },
    { id: 3, name: 'remote', display: 'remote', hidden: true, links: [], addresses: [{ family: 4, dev: 'eth0', address: '203.0.113.80', prefixLen: 24, scope: 'global' }] },
  ],
};

describe('topologyModel', () => {
  const m = topologyModel(SNAP);
  it('shows the visible namespaces only, the host first', () => {
    expect(m.namespaces.map((n) => n.label)).toEqual(['host', 'c1']);
  });
  it('links veth peers across namespaces once, and bridge ports to their bridge', () => {
    expect(m.links).toEqual([
      { key: 'port:0:5', a: '0:5', b: '0:3', kind: 'port' },
      { key: 'veth:0:5|2:2', a: '0:5', b: '2:2', kind: 'veth' },
    ]);
  });
  it('puts the uplink last and lists the hidden machines as the outside world', () => {
    expect(m.namespaces[0]!.ifaces.map((i) => i.name)).toEqual(['lo', 'br0', 'veth1', 'eth0']);
    expect(m.outside).toEqual({ uplink: '0:2', peers: ['remote 203.0.113.80'] });
  });
  it('describes interfaces in words, with addresses, state, master and peer', () => {
    const veth = m.namespaces[0]!.ifaces.find((i) => i.name === 'veth1')!;
    expect(describeIface(veth, 'host')).toBe('veth1 (veth) in host; up; no address; port of br0; peer eth0 in c1; MAC 02:00:00:00:00:05; MTU 1500');
    const br = m.namespaces[0]!.ifaces.find((i) => i.name === 'br0')!;
    expect(br.addrs).toEqual(['10.0.0.1/24']);
    const lo = m.namespaces[1]!.ifaces[0]!;
    expect(describeIface(lo, 'c1')).toMatch(/^lo \(loopback\) in c1; down; no address/);
  });
  it('tolerates a missing or empty snapshot', () => {
    expect(topologyModel(null)).toEqual({ namespaces: [], links: [] });
    expect(topologyModel({ netns: [] })).toEqual({ namespaces: [], links: [] });
  });
});

describe('layoutTopology', () => {
  it('places every interface inside its namespace box, without overlaps', () => {
    const m = topologyModel(SNAP);
    const l = layoutTopology(m);
    for (const n of m.namespaces) {
      const box = l.ns.get(n.key)!;
      for (const i of n.ifaces) {
        const b = l.ifaces.get(i.key)!;
        expect(b.x >= box.x && b.y >= box.y && b.x + b.w <= box.x + box.w && b.y + b.h <= box.y + box.h).toBe(true);
      }
    }
    const boxes = [...l.ifaces.values()];
    for (const a of boxes) for (const b of boxes) {
      if (a === b) continue;
      expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
    }
    expect(l.outside!.x).toBeGreaterThan(l.ns.get('0')!.x + l.ns.get('0')!.w);
  });
});
