/**
 * net-tools 2.10 `route` and `netstat -r`: the kernel's main IPv4 table as /proc/net/route
 * gives it (FIB order, as `ip route` dumps it), with route's and netstat's column layouts.
 * Without -n the default destination reads `default` and addresses are looked up in
 * /etc/hosts (the lab has no DNS to ask). Both exit 1 when the table is empty, as the real
 * ones do.
 */
import type { Kernel } from '../../kernel/kernel.ts';
import type { Route } from '../../kernel/types.ts';
import { dumpOrder } from '../ip/route.ts';
import { numToIp4 } from '../../kernel/addr-util.ts';
import type { ProcContext } from '../../shell/process.ts';

/** One row's fields, before layout. */
interface RouteRow {
  dest: string;
  gw: string;
  mask: string;
  flags: string;
  metric: string;
  ref: string;
  iface: string;
}

const maskOf = (len: number) => numToIp4(len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0);

/** The main table's IPv4 routes as /proc/net/route lists them. */
function rows(k: Kernel, netnsId: number, numeric: boolean, hosts: Map<string, string>): RouteRow[] {
  const ns = k.netns(netnsId)!;
  const routes = ns.routes.filter((r) => r.table === 254 && !r.dst.includes(':')).sort(dumpOrder);
  const name = (a: string) => (numeric ? a : (hosts.get(a) ?? a));
  return routes.map((r: Route) => {
    const dev = r.dev !== undefined ? k.linkByIndex(netnsId, r.dev)?.name : undefined;
    const reject = r.type === 'unreachable' || r.type === 'prohibit' || r.type === 'throw';
    let flags = reject ? '!' : 'U';
    if (!reject && r.gateway) flags += 'G';
    if (!reject && r.dstLen === 32) flags += 'H';
    return {
      dest: r.dstLen === 0 && !numeric ? 'default' : name(r.dst),
      gw: reject ? '-' : r.gateway ? name(r.gateway) : '0.0.0.0',
      mask: maskOf(r.dstLen),
      flags,
      metric: String(r.metric ?? 0),
      ref: reject ? '-' : '0',
      iface: reject ? '-' : (dev ?? '*'),
    };
  });
}

/** /etc/hosts as the process sees it: address -> first name. */
export function hostsByAddress(ctx: ProcContext): Map<string, string> {
  const fs = ctx.fs ?? ctx.machine.fs;
  const r = fs.readFile(['etc', 'hosts'], { netnsId: ctx.netnsId });
  const m = new Map<string, string>();
  if (!r.ok) return m;
  for (const line of r.value.split('\n')) {
    const f = line.split('#')[0]!.trim().split(/\s+/);
    if (f.length >= 2 && !m.has(f[0]!)) m.set(f[0]!, f[1]!);
  }
  return m;
}

const pad = (s: string, n: number) => s.padEnd(n);

/** `route [-n]`: prints the table; returns the exit status. */
export function printRoute(ctx: ProcContext, k: Kernel, numeric: boolean): number {
  const list = rows(k, ctx.netnsId, numeric, hostsByAddress(ctx));
  ctx.out('Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n');
  for (const r of list) {
    ctx.out(`${pad(r.dest, 15)} ${pad(r.gw, 15)} ${pad(r.mask, 15)} ${pad(r.flags, 5)} ${pad(r.metric, 6)} ${pad(r.ref, 2)} ${'0'.padStart(7)} ${r.iface}\n`);
  }
  return list.length ? 0 : 1;
}

/** `netstat -r [-n]`: the same table in netstat's columns. */
export function printNetstatRoute(ctx: ProcContext, k: Kernel, numeric: boolean): number {
  const list = rows(k, ctx.netnsId, numeric, hostsByAddress(ctx));
  ctx.out('Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n');
  for (const r of list) {
    const z = r.ref === '-' ? '-' : '0';
    ctx.out(`${pad(r.dest, 15)} ${pad(r.gw, 15)} ${pad(r.mask, 15)} ${pad(r.flags, 5)} ${z.padStart(5)} ${pad(z, 6)} ${z.padStart(5)} ${r.iface}\n`);
  }
  return list.length ? 0 : 1;
}
