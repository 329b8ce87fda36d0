/**
 * The simulator's benchmarks (issue 2): machine creation, per-command latency by class,
 * a 1,000-container topology on one bridge (time and heap) and one ping across it. Every
 * command is run through the public surface (`machine.run(line)`) and must succeed, so a
 * figure is never the speed of an error path.
 */
import { createMachine, type Machine } from '../../sim/index.ts';
import type { BenchRow } from './types.ts';
import { heapAfterGcMb, percentile, timeMs } from './stats.ts';

/** Runs a line and insists it worked: a benchmark of a failing command measures nothing. */
function mustRun(m: Machine, line: string): void {
  const r = m.run(line);
  if (r.exitCode !== 0) throw new Error(`\`${line}\` exited ${r.exitCode}: ${r.output.trim().slice(0, 200)}`);
}

function errorRow(name: string, unit: string, e: unknown, target?: BenchRow['target']): BenchRow {
  return { name, value: NaN, unit, target, error: e instanceof Error ? e.message : String(e) };
}

/** A small lab: a bridge with two containers, lo up everywhere, a few iptables rules. */
const SMALL_LAB = [
  'ip link set lo up',
  'ip link add br0 type bridge',
  'ip link set br0 up',
  'ip addr add 10.0.0.1/24 dev br0',
  ...[1, 2].flatMap((c) => [
    `ip netns add c${c}`,
    `ip link add v${c} type veth peer name eth0 netns c${c}`,
    `ip link set v${c} master br0 up`,
    `ip -n c${c} addr add 10.0.0.${c + 1}/24 dev eth0`,
    `ip -n c${c} link set eth0 up`,
    `ip -n c${c} link set lo up`,
    `ip -n c${c} route add default via 10.0.0.1`,
  ]),
  ...Array.from({ length: 20 }, (_, i) => `iptables -A FORWARD -s 10.9.${i}.0/24 -j ACCEPT`),
];

/** A class of commands: the lines of iteration i (each line is one sample). */
interface CommandClass {
  name: string;
  lines: (i: number) => string[];
}

const oct = (i: number) => `${(i >> 8) & 255}.${i & 255}`;

const CLASSES: CommandClass[] = [
  { name: 'ip link show', lines: () => ['ip link show'] },
  { name: 'ip addr show', lines: () => ['ip addr show'] },
  { name: 'ip route show', lines: () => ['ip route show'] },
  { name: 'ip link add/del veth', lines: (i) => [`ip link add b${i} type veth peer name p${i}`, `ip link del b${i}`] },
  { name: 'ip addr add/del', lines: (i) => [`ip addr add 10.77.${oct(i)}/32 dev br0`, `ip addr del 10.77.${oct(i)}/32 dev br0`] },
  { name: 'ip route add/del', lines: (i) => [`ip route add 10.88.${oct(i)}/32 via 10.0.0.2`, `ip route del 10.88.${oct(i)}/32`] },
  { name: 'ping -c1 across the bridge', lines: () => ['ip netns exec c1 ping -c1 10.0.0.3'] },
  { name: 'iptables -A', lines: (i) => [`iptables -A INPUT -s 10.66.${oct(i)} -p tcp --dport 80 -j ACCEPT`] },
  { name: 'iptables -S (20 rules)', lines: () => ['iptables -S FORWARD'] },
  { name: 'shell utilities', lines: () => ['echo hello | grep -c hello', 'cat /proc/sys/net/ipv4/ip_forward', "printf 'b\\na\\n' | sort | head -n 1"] },
];

/** Machine creation, bare and on the course's default world: mean over many machines. */
function creationRows(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const world of ['bare', 'host']) {
    const name = `machine creation (${world})`;
    try {
      for (let i = 0; i < 20; i++) createMachine({ seed: i, world });
      const samples = Array.from({ length: 200 }, (_, i) => timeMs(() => createMachine({ seed: i, world })));
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      rows.push({ name, value: mean, unit: 'ms', target: { op: '<', value: 5 }, note: `mean of 200, p95 ${percentile(samples, 95).toFixed(3)} ms` });
    } catch (e) {
      rows.push(errorRow(name, 'ms', e, { op: '<', value: 5 }));
    }
  }
  return rows;
}

/** p95 (and p50 in the note) of each command class on a small lab. */
function commandRows(iterations = 300, warmup = 30): BenchRow[] {
  return CLASSES.map((c) => {
    const name = `${c.name} p95`;
    try {
      const m = createMachine({ seed: 7, world: 'bare' });
      for (const line of SMALL_LAB) mustRun(m, line);
      const samples: number[] = [];
      for (let i = 0; i < warmup + iterations; i++) {
        for (const line of c.lines(i)) {
          const t = timeMs(() => mustRun(m, line));
          if (i >= warmup) samples.push(t);
        }
      }
      return {
        name, value: percentile(samples, 95), unit: 'ms', target: { op: '<', value: 2 },
        note: `p50 ${percentile(samples, 50).toFixed(3)} ms, ${samples.length} runs`,
      };
    } catch (e) {
      return errorRow(name, 'ms', e, { op: '<', value: 2 });
    }
  });
}

/** The lines that build `n` containers on one bridge, the way Docker lays them out. */
export function topologyLines(n: number): string[] {
  const lines = ['ip link add br0 type bridge', 'ip addr add 10.10.255.254/16 dev br0', 'ip link set br0 up'];
  for (let i = 1; i <= n; i++) {
    lines.push(
      `ip netns add c${i}`,
      `ip link add veth${i} type veth peer name eth0 netns c${i}`,
      `ip link set veth${i} master br0 up`,
      `ip -n c${i} addr add 10.10.${oct(i)}/16 dev eth0`,
      `ip -n c${i} link set eth0 up`,
    );
  }
  return lines;
}

/** Builds 1,000 containers: build time, heap after gc, then one ping from the first to the last. */
function topologyRows(n = 1000): BenchRow[] {
  const rows: BenchRow[] = [];
  const build = `${n}-container build (${5 * n + 3} commands)`;
  const heap = `${n}-container heap after gc`;
  let m: Machine;
  const baseline = heapAfterGcMb();
  try {
    m = createMachine({ seed: 42, world: 'bare' });
    const lines = topologyLines(n);
    const ms = timeMs(() => lines.forEach((l) => mustRun(m, l)));
    rows.push({ name: build, value: ms, unit: 'ms', target: { op: '<', value: 1000 }, note: `${(ms / lines.length).toFixed(3)} ms per command` });
  } catch (e) {
    return [errorRow(build, 'ms', e, { op: '<', value: 1000 }), errorRow(heap, 'MB', e, { op: '<', value: 100 })];
  }
  const after = heapAfterGcMb();
  rows.push({
    name: heap, value: after, unit: 'MB', target: { op: '<', value: 100 },
    note: Number.isNaN(after) ? 'run with --expose-gc' : `heapUsed; ${(after - baseline).toFixed(1)} MB over the ${baseline.toFixed(1)} MB before`,
  });
  const ping = `ping -c1 across ${n} containers`;
  try {
    const last = `10.10.${oct(n)}`;
    let out = '';
    const ms = timeMs(() => {
      const r = m.run(`ip netns exec c1 ping -c1 ${last}`);
      out = r.output;
      if (r.exitCode !== 0 || !/1 received/.test(r.output)) throw new Error(`ping failed (exit ${r.exitCode}): ${r.output.trim()}`);
    });
    rows.push({ name: ping, value: ms, unit: 'ms', note: out.includes('ttl=64') ? 'c1 -> last, through br0' : undefined });
  } catch (e) {
    rows.push(errorRow(ping, 'ms', e));
  }
  return rows;
}

/** All simulator benchmarks, in table order. */
export function bench(): BenchRow[] {
  return [...creationRows(), ...commandRows(), ...topologyRows()];
}
