/**
 * Table-driven netfilter tests: a ruleset (iptables command lines), one packet at one hook,
 * the expected verdict and the counters iptables -v then shows.
 */
import { describe, expect, it } from 'vitest';
import { makeKernel, runCmd } from './helpers.ts';
import { iptablesCommand } from '../../../sim/commands/iptables/index.ts';
import type { Ipv4Packet, SkbMeta } from '../../../sim/kernel/packet.ts';
import type { NfHookName } from '../../../sim/observe/trace.ts';
import type { Link } from '../../../sim/kernel/types.ts';
import { peekTable } from '../../../sim/kernel/netfilter/tables.ts';

const icmp = (src: string, dst: string): Ipv4Packet => ({
  src, dst, ttl: 64, tos: 0, id: 1, df: true, l4: { proto: 'icmp', icmp: { type: 8, code: 0, id: 7, seq: 1, dataLen: 56 } },
});
const tcp = (src: string, dst: string, dport: number, syn = true): Ipv4Packet => ({
  src, dst, ttl: 64, tos: 0, id: 2, df: true,
  l4: { proto: 'tcp', tcp: { sport: 40000, dport, seq: 1, ack: 0, flags: syn ? { syn: true } : { ack: true }, window: 64240, data: '', headerLen: syn ? 40 : 32 } },
});
const udp = (src: string, dst: string, dport: number): Ipv4Packet => ({
  src, dst, ttl: 64, tos: 0, id: 3, df: true, l4: { proto: 'udp', udp: { sport: 5000, dport, data: 'hi' } },
});

interface Case {
  name: string;
  rules: string[];
  hook: NfHookName;
  /** A hook the packet passed before (conntrack looks packets up in PREROUTING/OUTPUT). */
  via?: NfHookName;
  pkt: Ipv4Packet;
  inDev?: string;
  outDev?: string;
  skb?: Partial<SkbMeta>;
  verdict: 'accept' | 'drop';
  /** chain -> [pkts of rule 1, rule 2, ...] */
  counters?: Record<string, number[]>;
  policy?: Record<string, [number, number]>;
}

const CASES: Case[] = [
  { name: 'empty ruleset accepts', rules: [], hook: 'INPUT', pkt: icmp('10.0.0.1', '10.0.0.2'), verdict: 'accept' },
  {
    name: 'first matching rule wins and counts ipLength bytes',
    rules: ['-A INPUT -p icmp -j DROP', '-A INPUT -j ACCEPT'], hook: 'INPUT', pkt: icmp('10.0.0.1', '10.0.0.2'),
    verdict: 'drop', counters: { INPUT: [1, 0] },
  },
  {
    name: 'source prefix and inversion',
    rules: ['-A INPUT ! -s 10.0.0.0/8 -j DROP', '-A INPUT -s 10.0.0.0/8 -j ACCEPT'], hook: 'INPUT', pkt: icmp('10.9.9.9', '10.0.0.2'),
    verdict: 'accept', counters: { INPUT: [0, 1] },
  },
  {
    name: 'interface wildcard',
    rules: ['-A FORWARD -i veth+ -j DROP'], hook: 'FORWARD', inDev: 'veth12', outDev: 'eth0', pkt: icmp('10.0.0.1', '8.8.8.8'),
    verdict: 'drop', counters: { FORWARD: [1] },
  },
  {
    name: 'tcp port range and multiport',
    rules: ['-A INPUT -p tcp --dport 1000:2000 -j DROP', '-A INPUT -p tcp -m multiport --dports 22,80 -j DROP'],
    hook: 'INPUT', pkt: tcp('10.0.0.1', '10.0.0.2', 80), verdict: 'drop', counters: { INPUT: [0, 1] },
  },
  {
    name: '--syn matches only the first segment',
    rules: ['-A INPUT -p tcp --syn -j DROP'], hook: 'INPUT', pkt: tcp('10.0.0.1', '10.0.0.2', 80, false), verdict: 'accept', counters: { INPUT: [0] },
  },
  {
    name: 'udp dport inversion',
    rules: ['-A INPUT -p udp ! --dport 53 -j DROP'], hook: 'INPUT', pkt: udp('10.0.0.1', '10.0.0.2', 53), verdict: 'accept', counters: { INPUT: [0] },
  },
  {
    name: 'jump, RETURN and the policy',
    rules: ['-P INPUT DROP', '-N SUB', '-A SUB -p icmp -j RETURN', '-A SUB -j ACCEPT', '-A INPUT -j SUB', '-A INPUT -j ACCEPT'],
    hook: 'INPUT', pkt: icmp('10.0.0.1', '10.0.0.2'), verdict: 'accept', counters: { SUB: [1, 0], INPUT: [1, 1] },
  },
  {
    name: 'goto does not come back: falling off the goto chain applies the policy',
    rules: ['-P INPUT DROP', '-N G', '-A INPUT -g G', '-A INPUT -j ACCEPT'], hook: 'INPUT', pkt: icmp('10.0.0.1', '10.0.0.2'),
    verdict: 'drop', counters: { INPUT: [1, 0] }, policy: { INPUT: [1, 84] },
  },
  {
    name: 'a rule without target counts and continues',
    rules: ['-A OUTPUT -p icmp', '-A OUTPUT -j DROP'], hook: 'OUTPUT', outDev: 'eth0', pkt: icmp('10.0.0.2', '10.0.0.1'),
    verdict: 'drop', counters: { OUTPUT: [1, 1] },
  },
  {
    name: 'physdev sees the bridge ports',
    rules: ['-A FORWARD -m physdev --physdev-in pa --physdev-out pb -j DROP'], hook: 'FORWARD', inDev: 'br0', outDev: 'br0',
    skb: { physIn: 'pa', physOut: 'pb' }, pkt: icmp('10.1.0.2', '10.1.0.3'), verdict: 'drop', counters: { FORWARD: [1] },
  },
  {
    name: 'ctstate NEW for a first packet',
    rules: ['-A INPUT -m conntrack --ctstate ESTABLISHED -j DROP', '-A INPUT -m conntrack --ctstate NEW -j DROP'],
    hook: 'INPUT', via: 'PREROUTING', pkt: icmp('10.0.0.1', '10.0.0.2'), verdict: 'drop', counters: { INPUT: [0, 1] },
  },
  {
    name: 'comment and mark matches',
    rules: ['-A INPUT -m mark --mark 0x5 -m comment --comment x -j DROP'], hook: 'INPUT', skb: { mark: 5 },
    pkt: icmp('10.0.0.1', '10.0.0.2'), verdict: 'drop', counters: { INPUT: [1] },
  },
];

function dev(name: string | undefined, index: number): Link | undefined {
  if (!name) return undefined;
  return { index, name, kind: 'veth', netnsId: 0, mtu: 1500, mac: '02:00:00:00:00:01', flags: { up: true, lowerUp: true }, txqlen: 1000,
    stats: { rxPackets: 0, rxBytes: 0, rxErrors: 0, rxDropped: 0, txPackets: 0, txBytes: 0, txErrors: 0, txDropped: 0 } };
}

describe('netfilter traversal', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const k = makeKernel();
      for (const r of c.rules) {
        const res = runCmd(k, iptablesCommand, ['iptables', ...r.split(' ')]);
        expect(res.all).toBe('');
      }
      const sent: Ipv4Packet[] = [];
      const skb: SkbMeta = { traceId: 1, mark: 0, ...c.skb };
      const at = (hook: NfHookName) => k.nf!.hook({
        netns: k.host, hook, pkt: c.pkt, skb, inDev: dev(c.inDev, 50), outDev: dev(c.outDev, 51), sendLocal: (p) => sent.push(p),
      });
      if (c.via) expect(at(c.via).verdict).toBe('accept');
      const v = at(c.hook);
      expect(v.verdict).toBe(c.verdict);
      const t = peekTable(k.host, 'filter');
      for (const [chain, want] of Object.entries(c.counters ?? {})) {
        expect(t!.chains.get(chain)!.rules.map((r) => r.counters.pkts)).toEqual(want);
      }
      for (const [chain, [p, b]] of Object.entries(c.policy ?? {})) {
        expect(t!.chains.get(chain)!.policyCounters).toEqual({ pkts: p, bytes: b });
      }
    });
  }

  it('REJECT answers through sendLocal with the chosen ICMP code or a TCP reset', () => {
    const k = makeKernel();
    runCmd(k, iptablesCommand, ['iptables', '-A', 'INPUT', '-p', 'icmp', '-j', 'REJECT', '--reject-with', 'icmp-host-unreachable']);
    runCmd(k, iptablesCommand, ['iptables', '-A', 'INPUT', '-p', 'tcp', '-j', 'REJECT', '--reject-with', 'tcp-reset']);
    const sent: Ipv4Packet[] = [];
    const hook = (pkt: Ipv4Packet) => k.nf!.hook({ netns: k.host, hook: 'INPUT', pkt, skb: { traceId: 1, mark: 0 }, sendLocal: (p) => sent.push(p) });
    expect(hook(icmp('10.0.0.1', '10.0.0.2')).verdict).toBe('drop');
    expect(hook(tcp('10.0.0.1', '10.0.0.2', 81)).verdict).toBe('drop');
    expect(sent[0].l4).toMatchObject({ proto: 'icmp', icmp: { type: 3, code: 1 } });
    expect(sent[0].dst).toBe('10.0.0.1');
    expect(sent[1].l4).toMatchObject({ proto: 'tcp', tcp: { sport: 81, dport: 40000, flags: { rst: true, ack: true }, ack: 2 } });
  });

  it('a jump loop reachable from a base chain is refused (Too many links)', () => {
    const k = makeKernel();
    for (const l of ['-N A', '-N B', '-A A -j B', '-A B -j A']) expect(runCmd(k, iptablesCommand, ['iptables', ...l.split(' ')]).code).toBe(0);
    const r = runCmd(k, iptablesCommand, ['iptables', '-A', 'INPUT', '-j', 'A']);
    expect(r.code).toBe(4);
    expect(r.err).toBe('iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Too many links): rule in chain INPUT\n');
  });

  it('LOG writes the kernel line into dmesg and continues', () => {
    const k = makeKernel();
    runCmd(k, iptablesCommand, ['iptables', '-A', 'OUTPUT', '-j', 'LOG', '--log-prefix', 'OUT: ']);
    const v = k.nf!.hook({ netns: k.host, hook: 'OUTPUT', pkt: icmp('10.0.0.2', '10.0.0.1'), skb: { traceId: 1, mark: 0 }, outDev: dev('eth0', 2), sendLocal: () => {} });
    expect(v.verdict).toBe('accept');
    expect(k.state.dmesg.at(-1)).toBe('[    0.000000] OUT: IN= OUT=eth0 SRC=10.0.0.2 DST=10.0.0.1 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=ICMP TYPE=8 CODE=0 ID=7 SEQ=1 ');
  });

  it('emits trace events: hook, matched rule with its number and -S text, conntrack, NAT', () => {
    const k = makeKernel();
    runCmd(k, iptablesCommand, ['iptables', '-A', 'INPUT', '-p', 'tcp', '-j', 'ACCEPT']);
    runCmd(k, iptablesCommand, ['iptables', '-A', 'INPUT', '-p', 'icmp', '-m', 'conntrack', '--ctstate', 'NEW', '-j', 'DROP']);
    const from = k.trace.length;
    const skb: SkbMeta = { traceId: 42, mark: 0 };
    const pkt = icmp('10.0.0.1', '10.0.0.2');
    k.nf!.hook({ netns: k.host, hook: 'PREROUTING', pkt, skb, sendLocal: () => {} });
    k.nf!.hook({ netns: k.host, hook: 'INPUT', pkt, skb, sendLocal: () => {} });
    const ev = k.trace.since(from).filter((e) => e.id === 42);
    expect(ev.find((e) => e.kind === 'conntrack')?.detail).toBe('ctstate NEW original');
    const rule = ev.find((e) => e.kind === 'rule')!;
    expect(rule).toMatchObject({ hook: 'INPUT', table: 'filter', chain: 'INPUT', rule: 2, verdict: 'DROP',
      ruleText: '-A INPUT -p icmp -m conntrack --ctstate NEW -j DROP' });
    expect(ev.some((e) => e.kind === 'hook' && e.table === 'filter')).toBe(true);
  });
});
