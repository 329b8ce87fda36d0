import { describe, expect, it } from 'vitest';
import { echo, newLab, vethPair } from './helpers.ts';

describe('veth between two namespaces', () => {
  it('answers an echo request, resolves ARP and counts frames as the kernel does', () => {
    const lab = newLab();
    const a = lab.ns('a');
    const b = lab.ns('b');
    const [va, vb] = vethPair(lab, a, 'va', '10.0.0.1/24', b, 'vb', '10.0.0.2/24');
    const { res, replies, errors } = echo(lab, a, '10.0.0.2');
    expect(res.ok).toBe(true);
    expect(errors).toEqual([]);
    expect(replies).toEqual([{ from: '10.0.0.2', seq: 1, ttl: 64, dataLen: 56 }]);
    const na = a.neigh.find((n) => n.address === '10.0.0.2')!;
    expect(na.state).toBe('REACHABLE');
    expect(na.lladdr).toBe(vb.mac);
    expect(b.neigh.find((n) => n.address === '10.0.0.1')!.state).toBe('DELAY');
    // ARP request 42 + echo 98 out of va; IPv6 chatter at carrier-up adds one 90-byte report each way.
    expect(va.stats.txPackets - 1).toBe(2);
    expect(va.stats.txBytes - 90).toBe(42 + 98);
    expect(vb.stats.rxBytes).toBe(va.stats.txBytes);
  });

  it('gives ENETUNREACH without a route', () => {
    const lab = newLab();
    const a = lab.ns('a');
    expect(echo(lab, a, '192.168.1.1').res).toMatchObject({ ok: false, errno: 'ENETUNREACH' });
  });

  it('reports Destination Host Unreachable after three ARP probes one second apart', () => {
    const lab = newLab();
    const a = lab.ns('a');
    const b = lab.ns('b');
    lab.k.linkSetUp(lab.k.linkByName(a.id, 'lo')!, true);
    const [va] = vethPair(lab, a, 'va', '10.0.0.1/24', b, 'vb', '10.0.0.2/24');
    const r = echo(lab, a, '10.0.0.9', { waitMs: 2999 });
    expect(r.errors).toEqual([]);
    expect(a.neigh.find((n) => n.address === '10.0.0.9')!.state).toBe('INCOMPLETE');
    const r2 = echo(lab, a, '10.0.0.8', { waitMs: 3001 });
    expect(r2.errors).toMatchObject([{ from: '10.0.0.1', type: 3, code: 1, seq: 1 }]);
    expect(a.neigh.find((n) => n.address === '10.0.0.8')!.state).toBe('FAILED');
    expect(va.stats.txPackets).toBeGreaterThan(0);
  });
});
