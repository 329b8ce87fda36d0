/**
 * How iproute2 6.1.0 prints a link: the header line (`N: name@peer: <FLAGS> mtu ... state X`),
 * the link/ether line with `link-netns`/`link-netnsid`, the brief form and the -s counters.
 */
import type { Kernel } from '../../kernel/kernel.ts';
import type { Link } from '../../kernel/types.ts';
import { nsidOf } from '../../kernel/netns.ts';

/** IFF_RUNNING as dev_get_flags reports it: running with operstate UP or UNKNOWN. */
export function isRunning(l: Link): boolean {
  return l.flags.up && (l.operstate === 'UP' || l.operstate === 'UNKNOWN');
}

/** `state X` as printed (DOWN whenever the device is administratively down). */
export function stateOf(l: Link): string {
  return l.flags.up ? (l.operstate ?? 'UNKNOWN') : 'DOWN';
}

/** The `<...>` flags list, in iproute2's order. */
export function flagsOf(k: Kernel, l: Link): string {
  const f: string[] = [];
  if (l.flags.up && !isRunning(l)) f.push('NO-CARRIER');
  if (l.kind === 'loopback') f.push('LOOPBACK');
  else f.push('BROADCAST', 'MULTICAST');
  if (l.flags.up) f.push('UP');
  if (l.flags.up && l.flags.lowerUp) f.push('LOWER_UP');
  if (l.kind === 'veth' && l.peer && l.peer.netnsId === l.netnsId) {
    const p = k.peerOf(l);
    if (p && !p.flags.up) f.push('M-DOWN');
  }
  return f.join(',');
}

/** `name@peer` / `name@ifN` as iproute2 prints a link with IFLA_LINK. */
export function nameWithPeer(k: Kernel, l: Link): string {
  if (l.kind !== 'veth' || !l.peer) return l.name;
  if (l.peer.netnsId === l.netnsId) return `${l.name}@${k.peerOf(l)?.name ?? `if${l.peer.index}`}`;
  return `${l.name}@if${l.peer.index}`;
}

/** ` link-netns NAME` or ` link-netnsid N` for a veth whose peer lives elsewhere. */
export function linkNetnsSuffix(k: Kernel, l: Link): string {
  if (l.kind !== 'veth' || !l.peer || l.peer.netnsId === l.netnsId) return '';
  const me = k.netns(l.netnsId)!;
  const other = k.netns(l.peer.netnsId);
  if (!other) return '';
  const id = nsidOf(me, other) ?? k.nsidFor(me, other);
  // iproute2 maps the nsid back to a name through the named namespaces it can see.
  if (other.name !== undefined && !other.hidden) return ` link-netns ${other.name}`;
  return ` link-netnsid ${id}`;
}

/** The first line of `ip link` / `ip addr` for a device. */
export function linkHeader(k: Kernel, l: Link, opts: { mode: boolean }): string {
  const master = l.master !== undefined ? k.linkByIndex(l.netnsId, l.master) : undefined;
  return (
    `${l.index}: ${nameWithPeer(k, l)}: <${flagsOf(k, l)}> mtu ${l.mtu} qdisc ${l.qdisc ?? 'noop'}` +
    (master ? ` master ${master.name}` : '') +
    ` state ${stateOf(l)}` +
    (opts.mode ? ' mode DEFAULT' : '') +
    ` group default qlen ${l.txqlen}`
  );
}

/** The `link/ether` (or `link/loopback`) line, without indentation. */
export function linkLayerLine(k: Kernel, l: Link): string {
  if (l.kind === 'loopback') return `link/loopback ${l.mac} brd 00:00:00:00:00:00`;
  return `link/ether ${l.mac} brd ff:ff:ff:ff:ff:ff${linkNetnsSuffix(k, l)}`;
}

/** The -s counters block (-s -s adds the error breakdown). */
export function statsBlock(l: Link, level = 1): string[] {
  const s = l.stats;
  const row = (vals: number[], widths: number[], indent = '    ') => indent + vals.map((v, i) => String(v).padStart(widths[i])).join(' ') + ' ';
  const w = [10, 7, 6, 7, 7, 7];
  const out = ['    RX:  bytes packets errors dropped  missed   mcast           ', row([s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped, 0, 0], w)];
  if (level > 1) out.push('    RX errors:  length    crc   frame    fifo overrun', row([0, 0, 0, 0, 0], [7, 6, 7, 7, 7], '               '));
  out.push('    TX:  bytes packets errors dropped carrier collsns           ', row([s.txBytes, s.txPackets, s.txErrors, s.txDropped, 0, 0], w));
  if (level > 1) out.push('    TX errors: aborted   fifo  window heartbt transns', row([0, 0, 0, 0, l.kind === 'loopback' ? 0 : 1], [7, 6, 7, 7, 7], '               '));
  return out;
}

/** `ip -br link` line. */
export function briefLink(k: Kernel, l: Link): string {
  return `${nameWithPeer(k, l).padEnd(16)} ${stateOf(l).padEnd(14)} ${l.mac} <${flagsOf(k, l)}> `;
}
