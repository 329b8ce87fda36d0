/**
 * What the datapath needs from the kernel, stated structurally so that the Kernel class (built
 * beside this code in sim/kernel/kernel.ts) satisfies it without either side importing the
 * other's internals. Also small read helpers over the kernel state that every datapath file uses.
 */
import type { Link, MachineState, Netns } from '../types.ts';
import type { TimerQueue } from '../timers.ts';
import type { TraceLog } from '../../observe/trace.ts';
import type { NetfilterSeam, TransportSeam } from '../hooks.ts';

/** The parts of the kernel the datapath reads and drives. */
export interface DatapathHost {
  readonly state: MachineState;
  readonly timers: TimerQueue;
  readonly trace: TraceLog;
  /** Registered by netfilter (sim/kernel/netfilter); absent means "no rules". */
  nf?: NetfilterSeam;
  /** Registered by the transport layer (sim/kernel/transport); absent means "no sockets". */
  transport?: TransportSeam;
}

/** Sysctl defaults of a new namespace on the reference kernel, for keys the control plane did not set. */
const SYSCTL_DEFAULTS: Record<string, string> = {
  'net.ipv4.ip_forward': '0',
  'net.ipv4.icmp_echo_ignore_all': '0',
  'net.ipv4.icmp_echo_ignore_broadcasts': '1',
  'net.ipv4.ip_default_ttl': '64',
  'net.bridge.bridge-nf-call-iptables': '1',
};

/** A sysctl value of a namespace, falling back to the new-namespace default. */
export function sysctl(ns: Netns, key: string): string {
  return ns.sysctl.get(key) ?? SYSCTL_DEFAULTS[key] ?? '0';
}

/** True when a switch-like sysctl is on (any non-zero value, as the kernel tests it). */
export function sysctlOn(ns: Netns, key: string): boolean {
  // The kernel tests these switches for non-zero: ip_forward=2 forwards as 1 does.
  const v = Number(sysctl(ns, key).trim());
  return Number.isFinite(v) && v !== 0;
}

/**
 * net.ipv4.conf.{all,DEV}.route_localnet (the kernel's IN_DEV_ROUTE_LOCALNET, either switch
 * will do): 127.0.0.0/8 may be routed to and from `dev` instead of being martian. Docker sets it
 * on its bridge when the userland proxy is off, so DNATed localhost traffic can reach a container.
 */
export function routeLocalnet(ns: Netns, dev: Link): boolean {
  const own = `net.ipv4.conf.${dev.name.replace(/\./g, '/')}.route_localnet`;
  return sysctlOn(ns, 'net.ipv4.conf.all.route_localnet') || sysctlOn(ns, own);
}

/** Name shown in trace events: the netns name, or "host" for the unnamed root namespace. */
export function nsLabel(ns: Netns): string {
  return ns.name ?? (ns.id === 0 ? 'host' : `netns${ns.id}`);
}

/** The device a veth/ether end is paired with, when both exist. */
export function peerOf(host: DatapathHost, link: Link): { ns: Netns; link: Link } | undefined {
  if (!link.peer) return undefined;
  const ns = host.state.netns.get(link.peer.netnsId);
  const peer = ns?.links.get(link.peer.index);
  return ns && peer ? { ns, link: peer } : undefined;
}

/** Device by name in a namespace. */
export function linkByName(ns: Netns, name: string): Link | undefined {
  for (const l of ns.links.values()) if (l.name === name) return l;
  return undefined;
}

/** The loopback device of a namespace. */
export function loopbackOf(ns: Netns): Link | undefined {
  for (const l of ns.links.values()) if (l.kind === 'loopback') return l;
  return undefined;
}

/** Administratively up and with carrier: the device can move frames. */
export function isRunning(link: Link): boolean {
  return link.flags.up && link.flags.lowerUp;
}
