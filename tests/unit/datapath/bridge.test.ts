import { describe, expect, it } from 'vitest';
import { echo, must, newLab, vethPair } from './helpers.ts';
import { fdbLookup } from '../../../sim/kernel/fdb.ts';
import { datapathOf } from '../../../sim/kernel/datapath/index.ts';
import { fdbFind } from '../../../sim/kernel/datapath/bridge.ts';
import type { HookContext } from '../../../sim/kernel/hooks.ts';

function bridged() {
  const lab = newLab();
  const host = lab.ns('host');
  const br = must(lab.k.bridgeAdd(host.id, 'br0'));
  lab.k.linkSetUp(br, true);
  const a = lab.ns('a');
  const b = lab.ns('b');
  const [va, ha] = vethPair(lab, a, 'va', '10.0.0.1/24', host, 'ha', undefined);
  const [vb, hb] = vethPair(lab, b, 'vb', '10.0.0.2/24', host, 'hb', undefined);
  must(lab.k.linkSetMaster(ha, br));
  must(lab.k.linkSetMaster(hb, br));
  lab.advance(1);
  return { lab, host, br, a, b, va, vb, ha, hb };
}

describe('bridge forwarding', () => {
  it('learns source MACs, floods the ARP broadcast and forwards the known unicast', () => {
    const { lab, br, a, va, vb, ha, hb } = bridged();
    const r = echo(lab, a, '10.0.0.2');
    expect(r.replies).toHaveLength(1);
    expect(fdbLookup(br, va.mac)?.port).toBe(ha.index);
    expect(fdbLookup(br, vb.mac)?.port).toBe(hb.index);
    const journey = lab.k.trace.all().filter((e) => e.kind === 'bridge').map((e) => e.detail);
    expect(journey.some((d) => d?.startsWith('flood from ha'))).toBe(true);
    expect(journey).toContain('forward to hb (fdb)');
  });

  it('ages learned entries out with the virtual clock', () => {
    const { lab, br, a, va } = bridged();
    echo(lab, a, '10.0.0.2');
    const now = lab.k.state.clock.now();
    const e = fdbLookup(br, va.mac)!;
    expect(fdbFind(br, va.mac, now)).toBe(e);
    // Nothing from va for longer than the ageing time (300 s): the entry is gone.
    e.updatedAt = now - br.bridge!.ageingTime;
    expect(fdbFind(br, va.mac, now)).toBeUndefined();
    expect(fdbLookup(br, va.mac)).toBeUndefined();
  });

  it('delivers frames for the bridge address to the bridge device and counts them without the Ethernet header', () => {
    const { lab, host, br, a } = bridged();
    must(lab.k.addrAdd(br, { address: '10.0.0.254', prefixLen: 24, scope: 'global' }));
    const before = { ...br.stats };
    const r = echo(lab, a, '10.0.0.254');
    expect(r.replies).toMatchObject([{ from: '10.0.0.254', ttl: 64 }]);
    // ARP request (28) + echo request (84) up to the bridge; ARP reply 42 + echo reply 98 out of it.
    expect(br.stats.rxBytes - before.rxBytes).toBe(28 + 84);
    expect(br.stats.txBytes - before.txBytes).toBe(42 + 98);
    expect(host.neigh.find((n) => n.address === '10.0.0.1')?.state).toBe('DELAY');
  });

  it('passes bridged IPv4 through PREROUTING, FORWARD and POSTROUTING with physdev when bridge-nf-call-iptables = 1', () => {
    const { lab, host, a } = bridged();
    const seen: string[] = [];
    lab.k.nf = {
      hook(ctx: HookContext) {
        if (ctx.netns === host && ctx.pkt.l4.proto === 'icmp' && ctx.pkt.l4.icmp.type === 8) {
          seen.push(`${ctx.hook} in=${ctx.inDev?.name ?? ''} out=${ctx.outDev?.name ?? ''} physin=${ctx.skb.physIn ?? ''} physout=${ctx.skb.physOut ?? ''}`);
        }
        return { verdict: 'accept' };
      },
    };
    echo(lab, a, '10.0.0.2');
    expect(seen).toEqual([
      'PREROUTING in=br0 out= physin=ha physout=',
      'FORWARD in=br0 out=br0 physin=ha physout=hb',
      'POSTROUTING in= out=br0 physin=ha physout=hb',
    ]);
    seen.length = 0;
    must(lab.k.sysctlSet(host.id, 'net.bridge.bridge-nf-call-iptables', '0'));
    echo(lab, a, '10.0.0.2', { seq: 2 });
    expect(seen).toEqual([]);
  });

  it('a FORWARD drop on the bridge stops the ping and says where', () => {
    const { lab, host, a } = bridged();
    lab.k.nf = { hook: (ctx) => (ctx.netns === host && ctx.hook === 'FORWARD' && ctx.pkt.l4.proto === 'icmp' ? { verdict: 'drop', reason: 'rule 1' } : { verdict: 'accept' }) };
    const r = echo(lab, a, '10.0.0.2');
    expect(r.replies).toEqual([]);
    const drop = lab.k.trace.all().find((e) => e.kind === 'drop' && e.hook === 'FORWARD');
    expect(drop).toMatchObject({ netns: 'host', reason: 'rule 1', verdict: 'DROP' });
  });

  it('a bridge loop cannot freeze the caller: the work queue cap ends the storm', () => {
    const { lab, host, br, a } = bridged();
    // A second bridge joined to the first by two veth pairs: broadcasts circulate for ever.
    // (IPv6 off for the new links, so that only the ARP broadcast storms.)
    must(lab.k.sysctlSet(host.id, 'net.ipv6.conf.default.disable_ipv6', '1'));
    must(lab.k.sysctlSet(host.id, 'net.ipv6.conf.all.disable_ipv6', '1'));
    const br2 = must(lab.k.bridgeAdd(host.id, 'br1'));
    lab.k.linkSetUp(br2, true);
    for (const [x, y] of [['l1', 'm1'], ['l2', 'm2']]) {
      const [lx, ly] = vethPair(lab, host, x, undefined, host, y, undefined);
      must(lab.k.linkSetMaster(lx, br));
      must(lab.k.linkSetMaster(ly, br2));
    }
    lab.advance(1);
    const dp = datapathOf(lab.k);
    const before = dp.queue.overflowed;
    // Returning at all is the point; the overflow count shows the cap is what ended the storm.
    echo(lab, a, '10.0.0.9', { waitMs: 10 });
    expect(dp.queue.overflowed).toBeGreaterThan(before);
  });
});

describe('work queue', () => {
  it('runs queued steps in order and drops the rest past its cap', async () => {
    const { WorkQueue } = await import('../../../sim/kernel/datapath/queue.ts');
    let dropped = 0;
    const q = new WorkQueue(5, (n) => (dropped = n));
    const seen: number[] = [];
    let n = 0;
    const step = () => {
      seen.push(n++);
      q.push(step);
      q.push(step);
    };
    q.push(step);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(dropped).toBeGreaterThan(0);
    q.push(() => seen.push(99));
    expect(seen.at(-1)).toBe(99);
  });
});
