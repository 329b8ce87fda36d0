import { describe, expect, it } from 'vitest';
import { echo, must, newLab, vethPair } from './helpers.ts';
import type { HookContext } from '../../../sim/kernel/hooks.ts';
import { sendPacket } from '../../../sim/kernel/datapath/index.ts';

function routed(forward: boolean) {
  const lab = newLab();
  const a = lab.ns('a');
  const r = lab.ns('r');
  const b = lab.ns('b');
  lab.k.linkSetUp(lab.link(a, 'lo'), true);
  vethPair(lab, a, 'va', '10.0.1.2/24', r, 'ra', '10.0.1.1/24');
  vethPair(lab, b, 'vb', '10.0.2.2/24', r, 'rb', '10.0.2.1/24');
  must(lab.k.routeModify(a.id, 'add', { table: 254, type: 'unicast', dst: '0.0.0.0', dstLen: 0, gateway: '10.0.1.1' }));
  must(lab.k.routeModify(b.id, 'add', { table: 254, type: 'unicast', dst: '0.0.0.0', dstLen: 0, gateway: '10.0.2.1' }));
  if (forward) must(lab.k.sysctlSet(r.id, 'net.ipv4.ip_forward', '1'));
  return { lab, a, r, b };
}

describe('routing between namespaces', () => {
  const cases = [
    { name: 'forwarding off drops silently', forward: false, dst: '10.0.2.2', ttl: 64, replies: [], errors: [] },
    { name: 'forwarding on decrements the TTL', forward: true, dst: '10.0.2.2', ttl: 64, replies: [{ from: '10.0.2.2', ttl: 63 }], errors: [] },
    { name: 'TTL 1 expires at the router', forward: true, dst: '10.0.2.2', ttl: 1, replies: [], errors: [{ from: '10.0.1.1', type: 11, code: 0 }] },
    { name: 'no route at the router: net unreachable', forward: true, dst: '10.0.3.3', ttl: 64, replies: [], errors: [{ from: '10.0.1.1', type: 3, code: 0 }] },
    { name: 'the router answers for its far address without forwarding', forward: false, dst: '10.0.2.1', ttl: 64, replies: [{ from: '10.0.2.1', ttl: 64 }], errors: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { lab, a } = routed(c.forward);
      const r = echo(lab, a, c.dst, { ttl: c.ttl, waitMs: 100 });
      expect(r.replies).toMatchObject(c.replies);
      expect(r.errors).toMatchObject(c.errors);
    });
  }

  it('the silent drop is in the trace with its reason', () => {
    const { lab, a } = routed(false);
    echo(lab, a, '10.0.2.2');
    expect(lab.k.trace.all().some((e) => e.kind === 'drop' && e.netns === 'r' && /ip_forward = 0/.test(e.reason ?? ''))).toBe(true);
  });

  it('calls the hooks in the kernel order on a forwarded packet and re-routes after DNAT', () => {
    const { lab, a, r } = routed(true);
    const order: string[] = [];
    lab.k.nf = {
      hook(ctx: HookContext) {
        if (ctx.pkt.l4.proto === 'icmp' && ctx.pkt.l4.icmp.type === 8) {
          order.push(`${ctx.netns.name}:${ctx.hook}`);
          // DNAT at the router: 10.0.9.9 becomes 10.0.2.2.
          if (ctx.netns === r && ctx.hook === 'PREROUTING' && ctx.pkt.dst === '10.0.9.9') ctx.pkt.dst = '10.0.2.2';
        }
        return { verdict: 'accept' };
      },
    };
    const res = echo(lab, a, '10.0.9.9');
    expect(order).toEqual(['a:OUTPUT', 'a:POSTROUTING', 'r:PREROUTING', 'r:FORWARD', 'r:POSTROUTING', 'b:PREROUTING', 'b:INPUT']);
    // Without reverse NAT the reply comes from the real address, which ping would ignore.
    expect(res.replies).toMatchObject([{ from: '10.0.2.2', ttl: 63 }]);
  });

  it('an OUTPUT drop fails the send with EPERM', () => {
    const { lab, a } = routed(true);
    lab.k.nf = { hook: (ctx) => (ctx.hook === 'OUTPUT' ? { verdict: 'drop', reason: 'policy DROP' } : { verdict: 'accept' }) };
    expect(echo(lab, a, '10.0.2.2').res).toMatchObject({ ok: false, errno: 'EPERM' });
  });

  it('without transport, UDP to a closed port gets ICMP port unreachable', () => {
    const { lab, a, b } = routed(true);
    lab.k.transport = undefined;
    const res = echo(lab, a, '10.0.2.2');
    expect(res.replies).toHaveLength(1);
    sendPacket(lab.k, a.id, { src: '', dst: '10.0.2.2', ttl: 64, tos: 0, id: 0, df: true, l4: { proto: 'udp', udp: { sport: 40000, dport: 9, data: 'x' } } });
    lab.advance(10);
    const icmp = lab.k.trace.all().filter((e) => e.kind === 'icmp' && e.netnsId === b.id && /code 3/.test(e.detail ?? ''));
    expect(icmp).toHaveLength(1);
  });
});
