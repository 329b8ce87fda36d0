/**
 * `ifconfig` (net-tools 2.10): show (`-a`, one interface), and the common settings:
 * `IF ADDR[/LEN] [netmask M] [broadcast B] [mtu N] [up|down]`. Setting an address replaces the
 * interface's primary address and brings it up, as net-tools does.
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import type { Link } from '../../kernel/types.ts';
import { kernelOf, parsePrefix4 } from '../ip/common.ts';
import { isRunning } from '../ip/print-link.ts';
import { devAddrs4, netmaskOf } from '../../kernel/addr.ts';
import { broadcastOf, ip4ToNum, numToIp4 } from '../../kernel/addr-util.ts';

function* ifconfigProgram(ctx: ProcContext): Generator<Wait, number, void> {
  const k = kernelOf(ctx);
  const ns = ctx.netnsId;
  const argv = ctx.argv.slice(1);
  let all = false;
  while (argv[0] === '-a' || argv[0] === '-v' || argv[0] === '-s') if (argv.shift() === '-a') all = true;
  if (!argv.length) {
    // net-tools keeps its interface list sorted by name (nstrcmp: digits compare as numbers).
    const links = k.links(ns).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    for (const l of links) if (all || l.flags.up) ctx.out(format(k, l));
    return 0;
  }
  const [name, ...rest] = argv;
  const link = k.linkByName(ns, name);
  if (!link) {
    ctx.err(`${name}: error fetching interface information: Device not found\n`);
    return 1;
  }
  if (!rest.length) {
    ctx.out(format(k, link));
    return 0;
  }
  let addr: { address: string; len?: number } | undefined;
  let mask: number | undefined;
  let brd: string | undefined;
  let up: boolean | undefined;
  let mtu: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === 'up') up = true;
    else if (w === 'down') up = false;
    else if (w === 'netmask') {
      const m = ip4ToNum(rest[++i] ?? '');
      if (m === undefined) return hostFail(ctx, rest[i]);
      mask = m;
    } else if (w === 'broadcast') brd = rest[++i];
    else if (w === 'mtu') mtu = Number(rest[++i]);
    else if (w === 'inet') continue;
    else {
      const p = /^[\d.]+(\/\d+)?$/.test(w) ? parsePrefix4(w) : undefined;
      if (!p || !/^\d+\.\d+\.\d+\.\d+/.test(w)) return hostFail(ctx, w);
      addr = { address: p.address, len: p.explicitLen ? p.len : undefined };
    }
  }
  if (mtu !== undefined) {
    const r = Number.isInteger(mtu) ? k.linkSetMtu(link, mtu) : { ok: false };
    if (!r.ok) {
      ctx.err('SIOCSIFMTU: Invalid argument\n');
      return 1;
    }
  }
  const nsRec = k.netns(ns)!;
  const cur = devAddrs4(nsRec, link.index).find((a) => (a.label ?? link.name) === link.name);
  if (addr || mask !== undefined || brd !== undefined) {
    const address = addr?.address ?? cur?.address;
    if (!address) {
      ctx.err('SIOCSIFNETMASK: Cannot assign requested address\n');
      return 1;
    }
    const n = ip4ToNum(address)!;
    let len = addr?.len ?? (addr ? classful(n) : cur!.prefixLen);
    if (mask !== undefined) len = 32 - countZeros(mask);
    const b = brd ?? numToIp4(broadcastOf(n, len));
    if (cur) k.addrDel(link, cur.address, cur.prefixLen);
    k.addrAdd(link, { address, prefixLen: len, broadcast: b, scope: address.startsWith('127.') ? 'host' : 'global' });
    if (addr && up === undefined) up = true;
  }
  if (up !== undefined) k.linkSetUp(link, up);
  return 0;
}

function countZeros(mask: number): number {
  let z = 0;
  while (z < 32 && ((mask >>> z) & 1) === 0) z++;
  return z;
}

function classful(n: number): number {
  const a = n >>> 24;
  return a < 128 ? 8 : a < 192 ? 16 : 24;
}

function hostFail(ctx: ProcContext, w: string | undefined): number {
  ctx.err(`${w}: Host name lookup failure\nifconfig: \`--help' gives usage information.\n`);
  return 1;
}

/** net-tools' byte counts: "(90.0 B)", "(1.4 KiB)". */
function scaled(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

/** One interface block, as `ifconfig` prints it. */
export function format(k: Kernel, l: Link): string {
  const ns = k.netns(l.netnsId)!;
  let flags = 0;
  const names: string[] = [];
  if (l.flags.up) (flags |= 1), names.push('UP');
  if (l.kind !== 'loopback') (flags |= 2), names.push('BROADCAST');
  if (l.kind === 'loopback') (flags |= 8), names.push('LOOPBACK');
  if (isRunning(l)) (flags |= 0x40), names.push('RUNNING');
  if (l.kind !== 'loopback') (flags |= 0x1000), names.push('MULTICAST');
  const lines = [`${l.name}: flags=${flags}<${names.join(',')}>  mtu ${l.mtu}`];
  const a = devAddrs4(ns, l.index).find((x) => (x.label ?? l.name) === l.name);
  if (a) lines.push(`        inet ${a.address}  netmask ${netmaskOf(a.prefixLen)}` + (a.broadcast ? `  broadcast ${a.broadcast}` : ''));
  for (const x of ns.addrs6.filter((y) => y.index === l.index)) {
    const sc = x.scope === 'host' ? '0x10<host>' : x.scope === 'link' ? '0x20<link>' : '0x0<global>';
    lines.push(`        inet6 ${x.address}  prefixlen ${x.prefixLen}  scopeid ${sc}`);
  }
  if (l.kind === 'loopback') lines.push(`        loop  txqueuelen ${l.txqlen}  (Local Loopback)`);
  else lines.push(`        ether ${l.mac}  txqueuelen ${l.txqlen}  (Ethernet)`);
  const s = l.stats;
  lines.push(`        RX packets ${s.rxPackets}  bytes ${s.rxBytes} (${scaled(s.rxBytes)})`);
  lines.push(`        RX errors ${s.rxErrors}  dropped ${s.rxDropped}  overruns 0  frame 0`);
  lines.push(`        TX packets ${s.txPackets}  bytes ${s.txBytes} (${scaled(s.txBytes)})`);
  lines.push(`        TX errors ${s.txErrors}  dropped ${s.txDropped} overruns 0  carrier 0  collisions 0`);
  return lines.join('\n') + '\n\n';
}

/** The `ifconfig` command module. */
export const ifconfigCommand: CommandModule = { name: 'ifconfig', run: ifconfigProgram };
