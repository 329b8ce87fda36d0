/**
 * Netfilter benchmarks (issue 3): packets per second through a NAT path (PREROUTING, FORWARD
 * with N non-matching rules then an ACCEPT, POSTROUTING with MASQUERADE) at 1,000 and 10,000
 * FORWARD rules, and the time of `iptables -S` and `iptables-save` on 10,000 rules. Rules are
 * loaded through `iptables-restore` and listed through `machine.run`, the public surface;
 * packets are handed to the netfilter seam the datapath calls (kernel.nf.hook), so the figure
 * is netfilter's own cost, without the rest of the datapath. Tracing is off while packets run.
 */
import { createMachine, type Machine } from '../../sim/index.ts';
import type { Ipv4Packet, SkbMeta } from '../../sim/kernel/packet.ts';
import type { Link } from '../../sim/kernel/types.ts';
import type { BenchRow } from './types.ts';
import { timeMs } from './stats.ts';

function mustRun(m: Machine, line: string): string {
  const r = m.run(line);
  if (r.exitCode !== 0) throw new Error(`\`${line.slice(0, 80)}\` exited ${r.exitCode}: ${r.output.trim().slice(0, 200)}`);
  return r.output;
}

/** A machine whose FORWARD chain holds `n` rules that do not match the test flow, then ACCEPT. */
function machineWithRules(n: number): Machine {
  const m = createMachine({ seed: 1, world: 'bare' });
  const lines = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]'];
  for (let i = 0; i < n; i++) lines.push(`-A FORWARD -s 10.${(i >> 8) & 255}.${i & 255}.0/24 -p tcp -m tcp --dport ${1 + (i % 60000)} -j DROP`);
  lines.push('-A FORWARD -j ACCEPT', 'COMMIT', '*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]',
    '-A POSTROUTING -s 192.168.0.0/16 -o wan0 -j MASQUERADE', 'COMMIT', '');
  const w = m.fs.writeFile(['tmp', 'rules.v4'], lines.join('\n'), { netnsId: 0 });
  if (!w.ok) throw new Error(`cannot write /tmp/rules.v4: ${w.errno}`);
  mustRun(m, 'iptables-restore /tmp/rules.v4');
  return m;
}

function fakeLink(index: number, name: string): Link {
  return { index, name, kind: 'veth', netnsId: 0, mtu: 1500, mac: '02:00:00:00:00:01', flags: { up: true, lowerUp: true }, txqlen: 1000,
    stats: { rxPackets: 0, rxBytes: 0, rxErrors: 0, rxDropped: 0, txPackets: 0, txBytes: 0, txErrors: 0, txDropped: 0 } };
}

/** Packets per second of one UDP flow (first packet NEW and NATed, the rest ESTABLISHED-by-NAT). */
function packetsPerSecond(m: Machine, count: number): number {
  const k = m.kernel;
  const ns = k.host;
  const lan = fakeLink(90, 'lan0');
  const wan = fakeLink(91, 'wan0');
  ns.addrs4.push({ index: 91, address: '203.0.113.1', prefixLen: 24, scope: 'global', secondary: false, validLft: 'forever', preferredLft: 'forever' });
  const nf = k.nf!;
  const tracing = k.trace.enabled;
  k.trace.enabled = false;
  const send = (i: number) => {
    const pkt: Ipv4Packet = { src: '192.168.1.2', dst: '8.8.8.8', ttl: 64, tos: 0, id: i, df: true, l4: { proto: 'udp', udp: { sport: 5000, dport: 53, data: 'x' } } };
    const skb: SkbMeta = { traceId: i, mark: 0 };
    const sendLocal = () => {};
    if (nf.hook({ netns: ns, hook: 'PREROUTING', pkt, skb, inDev: lan, sendLocal }).verdict !== 'accept') throw new Error('dropped in PREROUTING');
    if (nf.hook({ netns: ns, hook: 'FORWARD', pkt, skb, inDev: lan, outDev: wan, sendLocal }).verdict !== 'accept') throw new Error('dropped in FORWARD');
    if (nf.hook({ netns: ns, hook: 'POSTROUTING', pkt, skb, outDev: wan, sendLocal }).verdict !== 'accept') throw new Error('dropped in POSTROUTING');
    if (pkt.src !== '203.0.113.1') throw new Error('not masqueraded');
  };
  // Warm up (the first packet creates the connection; the JIT settles on the hot path).
  for (let i = 0; i < Math.min(500, count); i++) send(i);
  const ms = timeMs(() => {
    for (let i = 1; i <= count; i++) send(i);
  });
  k.trace.enabled = tracing;
  return count / (ms / 1000);
}

function row(name: string, unit: string, f: () => { value: number; note?: string }, target?: BenchRow['target']): BenchRow {
  try {
    return { name, unit, target, ...f() };
  } catch (e) {
    return { name, value: NaN, unit, target, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The netfilter rows of `npm run bench`. */
export function bench(): BenchRow[] {
  const rows: BenchRow[] = [];
  const m1k = machineWithRules(1000);
  rows.push(row('netfilter NAT path, 1,000 FORWARD rules', 'pkt/s', () => ({ value: Math.round(packetsPerSecond(m1k, 20000)), note: 'PREROUTING+FORWARD+POSTROUTING hooks, tracing off' }), { op: '>=', value: 50000 }));
  const m10k = machineWithRules(10000);
  rows.push(row('netfilter NAT path, 10,000 FORWARD rules', 'pkt/s', () => ({ value: Math.round(packetsPerSecond(m10k, 3000)), note: 'no target in the issue; 10x the rules' })));
  rows.push(row('iptables -S, 10,000 rules', 'ms', () => {
    mustRun(m10k, 'iptables -S > /dev/null');
    const samples = [0, 1, 2].map(() => timeMs(() => mustRun(m10k, 'iptables -S > /dev/null')));
    return { value: Math.min(...samples), note: 'best of 3 through machine.run' };
  }, { op: '<', value: 50 }));
  rows.push(row('iptables-save, 10,000 rules', 'ms', () => {
    mustRun(m10k, 'iptables-save > /dev/null');
    const samples = [0, 1, 2].map(() => timeMs(() => mustRun(m10k, 'iptables-save > /dev/null')));
    return { value: Math.min(...samples), note: 'best of 3 through machine.run' };
  }, { op: '<', value: 50 }));
  return rows;
}
