/**
 * Conntrack and NAT through the hooks: states NEW then ESTABLISHED, RELATED ICMP errors,
 * NAT decided on the first packet (nat chains not traversed again) and undone on replies.
 */
import { describe, expect, it } from 'vitest';
import { makeKernel, runCmd } from './helpers.ts';
import { iptablesCommand } from '../../../sim/commands/iptables/index.ts';
import { conntrackCommand } from '../../../sim/commands/conntrack/index.ts';
import type { Ipv4Packet, SkbMeta } from '../../../sim/kernel/packet.ts';
import type { NfHookName } from '../../../sim/observe/trace.ts';
import type { Link } from '../../../sim/kernel/types.ts';
import { peekTable } from '../../../sim/kernel/netfilter/tables.ts';
import type { Kernel } from '../../../sim/kernel/kernel.ts';

const ipt = (k: Kernel, line: string) => expect(runCmd(k, iptablesCommand, ['iptables', ...line.split(' ')]).all).toBe('');
const echo = (src: string, dst: string, type = 8): Ipv4Packet => ({
  src, dst, ttl: 64, tos: 0, id: 1, df: true, l4: { proto: 'icmp', icmp: { type, code: 0, id: 7, seq: 1, dataLen: 56 } },
});
const seg = (src: string, sport: number, dst: string, dport: number, flags: Record<string, boolean>): Ipv4Packet => ({
  src, dst, ttl: 64, tos: 0, id: 2, df: true,
  l4: { proto: 'tcp', tcp: { sport, dport, seq: 1, ack: 1, flags, window: 100, data: '', headerLen: 32 } },
});

function link(k: Kernel, name: string, index: number, address?: string): Link {
  const l: Link = { index, name, kind: 'veth', netnsId: 0, mtu: 1500, mac: '02:00:00:00:00:0' + index, flags: { up: true, lowerUp: true }, txqlen: 1000,
    stats: { rxPackets: 0, rxBytes: 0, rxErrors: 0, rxDropped: 0, txPackets: 0, txBytes: 0, txErrors: 0, txDropped: 0 } };
  if (address) k.host.addrs4.push({ index, address, prefixLen: 24, scope: 'global', secondary: false, validLft: 'forever', preferredLft: 'forever' });
  return l;
}

/** Forwards a packet through PREROUTING, FORWARD, POSTROUTING; returns the verdict. */
function forward(k: Kernel, pkt: Ipv4Packet, inDev: Link, outDev: Link): string {
  const skb: SkbMeta = { traceId: 1, mark: 0 };
  for (const [hook, i, o] of [['PREROUTING', inDev, undefined], ['FORWARD', inDev, outDev], ['POSTROUTING', undefined, outDev]] as [NfHookName, Link?, Link?][]) {
    const v = k.nf!.hook({ netns: k.host, hook, pkt, skb, inDev: i, outDev: o, sendLocal: () => {} });
    if (v.verdict === 'drop') return 'drop';
  }
  return 'accept';
}

describe('conntrack and NAT', () => {
  it('MASQUERADE rewrites the source once and undoes it on the reply; nat rules see only the first packet', () => {
    const k = makeKernel();
    const lan = link(k, 'lan0', 2, '192.168.1.1');
    const wan = link(k, 'wan0', 3, '203.0.113.1');
    ipt(k, '-t nat -A POSTROUTING -o wan0 -j MASQUERADE');
    ipt(k, '-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT');
    ipt(k, '-A FORWARD -m conntrack --ctstate NEW -j ACCEPT');
    const p1 = echo('192.168.1.2', '8.8.8.8');
    expect(forward(k, p1, lan, wan)).toBe('accept');
    expect(p1.src).toBe('203.0.113.1');
    const p2 = echo('192.168.1.2', '8.8.8.8');
    expect(forward(k, p2, lan, wan)).toBe('accept');
    expect(p2.src).toBe('203.0.113.1');
    const reply = echo('8.8.8.8', '203.0.113.1', 0);
    expect(forward(k, reply, wan, lan)).toBe('accept');
    expect(reply.dst).toBe('192.168.1.2');
    const nat = peekTable(k.host, 'nat')!;
    expect(nat.chains.get('POSTROUTING')!.rules[0].counters).toEqual({ pkts: 1, bytes: 84 });
    const filter = peekTable(k.host, 'filter')!;
    // The second request is still NEW: no reply had been seen yet.
    expect(filter.chains.get('FORWARD')!.rules.map((r) => r.counters.pkts)).toEqual([1, 2]);
    const ct = runCmd(k, conntrackCommand, ['conntrack', '-L']);
    expect(ct.err).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n');
    expect(ct.out).toBe('icmp     1 29 src=192.168.1.2 dst=8.8.8.8 type=8 code=0 id=7 src=8.8.8.8 dst=203.0.113.1 type=0 code=0 id=7 mark=0 use=1\n');
  });

  it('DNAT publishes a port; the reply leaves with the published address; ICMP errors are RELATED and un-NATed', () => {
    const k = makeKernel();
    const wan = link(k, 'wan0', 3, '198.51.100.1');
    const lan = link(k, 'lan0', 2, '10.10.0.1');
    ipt(k, '-t nat -A PREROUTING -d 198.51.100.1 -p tcp --dport 8080 -j DNAT --to-destination 10.10.0.2:80');
    ipt(k, '-A FORWARD -m state --state RELATED -j ACCEPT');
    const syn = seg('198.51.100.2', 5555, '198.51.100.1', 8080, { syn: true });
    expect(forward(k, syn, wan, lan)).toBe('accept');
    expect([syn.dst, syn.l4.proto === 'tcp' && syn.l4.tcp.dport]).toEqual(['10.10.0.2', 80]);
    const synack = seg('10.10.0.2', 80, '198.51.100.2', 5555, { syn: true, ack: true });
    expect(forward(k, synack, lan, wan)).toBe('accept');
    expect([synack.src, synack.l4.proto === 'tcp' && synack.l4.tcp.sport]).toEqual(['198.51.100.1', 8080]);
    // The backend answers a later packet with an ICMP error quoting the NATed packet.
    const quoted = seg('198.51.100.2', 5555, '10.10.0.2', 80, { ack: true });
    const err: Ipv4Packet = { src: '10.10.0.2', dst: '198.51.100.2', ttl: 64, tos: 0xc0, id: 3, df: false,
      l4: { proto: 'icmp', icmp: { type: 3, code: 3, dataLen: 28, inner: quoted } } };
    expect(forward(k, err, lan, wan)).toBe('accept');
    expect(err.src).toBe('198.51.100.1');
    expect(quoted.dst).toBe('198.51.100.1');
    expect(quoted.l4.proto === 'tcp' && quoted.l4.tcp.dport).toBe(8080);
    expect(peekTable(k.host, 'filter')!.chains.get('FORWARD')!.rules[0].counters.pkts).toBe(1);
  });

  it('no conntrack entries without a rule that needs conntrack; a dropped first packet leaves none', () => {
    const k = makeKernel();
    const a = link(k, 'a0', 2, '10.0.0.1');
    const b = link(k, 'b0', 3, '10.1.0.1');
    ipt(k, '-A FORWARD -j ACCEPT');
    forward(k, echo('10.0.0.2', '10.1.0.2'), a, b);
    expect(runCmd(k, conntrackCommand, ['conntrack', '-C']).out).toBe('0\n');
    ipt(k, '-I FORWARD -m conntrack --ctstate NEW -d 10.1.0.3 -j DROP');
    expect(forward(k, echo('10.0.0.2', '10.1.0.3'), a, b)).toBe('drop');
    expect(runCmd(k, conntrackCommand, ['conntrack', '-C']).out).toBe('0\n');
    expect(forward(k, echo('10.0.0.2', '10.1.0.2'), a, b)).toBe('accept');
    expect(runCmd(k, conntrackCommand, ['conntrack', '-C']).out).toBe('1\n');
    k.state.clock.advance(30001);
    expect(runCmd(k, conntrackCommand, ['conntrack', '-C']).out).toBe('0\n');
  });
});
