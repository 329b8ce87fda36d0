/**
 * Which device tcpdump captures on: the one named by -i (or `any`), else the first device
 * pcap_findalldevs lists (a running non-loopback device, else `any`), and the -D listing in
 * libpcap's order with its flags ("[Up, Running, Connected]").
 */
import type { Link, Netns } from '../../kernel/types.ts';

const PSEUDO = [
  'bluetooth-monitor (Bluetooth Linux Monitor) [Wireless]',
  'nflog (Linux netfilter log (NFLOG) interface) [none]',
  'nfqueue (Linux netfilter queue (NFQUEUE) interface) [none]',
  'dbus-system (D-Bus system bus) [none]',
  'dbus-session (D-Bus session bus) [none]',
];

function links(ns: Netns): Link[] {
  return [...ns.links.values()].sort((a, b) => a.index - b.index);
}

const running = (l: Link) => l.flags.up && (l.flags.lowerUp || l.kind === 'loopback');

/** The device tcpdump picks when no -i is given; undefined means `any`. */
export function defaultDevice(ns: Netns): Link | undefined {
  return links(ns).find((l) => l.kind !== 'loopback' && running(l));
}

/** The device named `name` in the namespace. */
export function deviceByName(ns: Netns, name: string): Link | undefined {
  return links(ns).find((l) => l.name === name);
}

function flagsOf(l: Link): string {
  const f: string[] = [];
  if (l.flags.up) f.push('Up');
  if (running(l)) f.push('Running');
  if (l.kind === 'loopback') f.push('Loopback');
  else f.push(running(l) ? 'Connected' : 'Disconnected');
  return `[${f.join(', ')}]`;
}

/** `tcpdump -D`. */
export function listDevices(ns: Netns): string {
  const all = links(ns);
  const first = all.filter((l) => l.kind !== 'loopback' && running(l));
  const loops = all.filter((l) => l.kind === 'loopback' && running(l));
  const rest = all.filter((l) => !first.includes(l) && !loops.includes(l));
  const rows = [
    ...first.map((l) => `${l.name} ${flagsOf(l)}`),
    'any (Pseudo-device that captures on all interfaces) [Up, Running]',
    ...loops.map((l) => `${l.name} ${flagsOf(l)}`),
    ...PSEUDO,
    ...rest.map((l) => `${l.name} ${flagsOf(l)}`),
  ];
  return rows.map((r, i) => `${i + 1}.${r}\n`).join('');
}
