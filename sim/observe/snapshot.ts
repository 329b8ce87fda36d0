/**
 * snapshot(kernel): the whole machine as plain JSON, for the topology view, exercise checks
 * and diffs. Read-only: it copies, never exposes live kernel objects. Names are resolved
 * (a link's master and veth peer are given by namespace and name), so consumers need no
 * index arithmetic.
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { Link, Netns, Route } from '../kernel/types.ts';
import { bridgeIdMac } from '../kernel/bridge.ts';
import { fdbEntries } from '../kernel/fdb.ts';
import { neighStateNow } from '../kernel/neigh.ts';

/** A device. */
export interface SnapshotLink {
  index: number;
  name: string;
  kind: Link['kind'];
  mtu: number;
  mac: string;
  /** Administratively up (IFF_UP). */
  up: boolean;
  /** Carrier (IFF_LOWER_UP while up). */
  lowerUp: boolean;
  /** `state X` as `ip link` prints it. */
  state: string;
  qdisc: string;
  txqlen: number;
  /** Name of the master bridge, if enslaved. */
  master?: string;
  /** Bridge port state when enslaved. */
  portState?: string;
  /** The veth peer: its namespace (display name: "host" for the root) and device. */
  peer?: { netnsId: number; netns: string; name: string; index: number };
  stats: Link['stats'];
  /** For bridges: STP, id, port names and the forwarding database (newest first). */
  bridge?: {
    stp: boolean;
    bridgeId: string;
    ports: string[];
    fdb: { mac: string; port: string; local: boolean; permanent: boolean; ageMs: number }[];
  };
}

/** An address (IPv4 or IPv6). */
export interface SnapshotAddress {
  family: 4 | 6;
  dev: string;
  address: string;
  prefixLen: number;
  scope: string;
  broadcast?: string;
  secondary?: boolean;
  label?: string;
}

/** A route with its device by name and "linkdown" computed. */
export interface SnapshotRoute {
  family: 4 | 6;
  table: number;
  type: Route['type'];
  dst: string;
  dstLen: number;
  dev?: string;
  gateway?: string;
  prefsrc?: string;
  protocol: string;
  scope: string;
  metric?: number;
  onlink?: boolean;
  linkdown: boolean;
}

/** A neighbour entry with its state as shown now. */
export interface SnapshotNeighbour {
  dev: string;
  address: string;
  lladdr?: string;
  state: string;
}

/** One namespace. */
export interface SnapshotNetns {
  id: number;
  /** Name under /run/netns; "host" is not a name, the root namespace has none. */
  name?: string;
  /** Display name: the name, "host" for the root namespace, or "netns<id>". */
  display: string;
  hidden: boolean;
  links: SnapshotLink[];
  addresses: SnapshotAddress[];
  routes: SnapshotRoute[];
  neighbours: SnapshotNeighbour[];
  /** The forwarding/bridge-netfilter switches plus every sysctl changed from its default. */
  sysctls: Record<string, string>;
  /** Extension slots (netfilter, sockets, ...) that provide toJSON(). */
  ext: Record<string, unknown>;
}

/** The machine. */
export interface Snapshot {
  /** Virtual time, ms. */
  time: number;
  netns: SnapshotNetns[];
}

/** Keys always included in `sysctls`. */
export const SNAPSHOT_SYSCTLS = [
  'net.ipv4.ip_forward',
  'net.ipv4.conf.all.forwarding',
  'net.bridge.bridge-nf-call-iptables',
  'net.bridge.bridge-nf-call-ip6tables',
  'net.ipv4.conf.all.route_localnet',
  'net.ipv4.ip_local_port_range',
];

/** Display name of a namespace ("host" for the root one). */
export function netnsDisplayName(ns: Netns): string {
  return ns.id === 0 ? 'host' : ns.name ?? `netns${ns.id}`;
}

/** Plain JSON of every namespace. */
export function snapshot(k: Kernel): Snapshot {
  const now = k.state.clock.now();
  return { time: now, netns: [...k.state.netns.values()].sort((a, b) => a.id - b.id).map((ns) => netnsSnapshot(k, ns, now)) };
}

function netnsSnapshot(k: Kernel, ns: Netns, now: number): SnapshotNetns {
  const name = (i: number | undefined) => (i === undefined ? undefined : ns.links.get(i)?.name);
  const links = k.links(ns.id).map((l): SnapshotLink => {
    const peer = k.peerOf(l);
    const out: SnapshotLink = {
      index: l.index,
      name: l.name,
      kind: l.kind,
      mtu: l.mtu,
      mac: l.mac,
      up: l.flags.up,
      lowerUp: l.flags.up && l.flags.lowerUp,
      state: l.flags.up ? l.operstate ?? 'UNKNOWN' : 'DOWN',
      qdisc: l.qdisc ?? 'noop',
      txqlen: l.txqlen,
      stats: { ...l.stats },
    };
    if (l.master !== undefined) out.master = name(l.master);
    if (l.port) out.portState = l.port.state;
    if (peer) out.peer = { netnsId: peer.netnsId, netns: netnsDisplayName(k.netns(peer.netnsId)!), name: peer.name, index: peer.index };
    if (l.bridge) {
      out.bridge = {
        stp: l.bridge.stp,
        bridgeId: `${l.bridge.priority.toString(16).padStart(4, '0')}.${bridgeIdMac(l).replace(/:/g, '')}`,
        ports: k.links(ns.id).filter((p) => p.master === l.index).map((p) => p.name),
        fdb: fdbEntries(l).map((e) => ({ mac: e.mac, port: name(e.port) ?? String(e.port), local: e.local, permanent: e.permanent, ageMs: now - e.updatedAt })),
      };
    }
    return out;
  });
  const addresses: SnapshotAddress[] = [
    ...ns.addrs4.map((a) => ({
      family: 4 as const,
      dev: name(a.index)!,
      address: a.address,
      prefixLen: a.prefixLen,
      scope: String(a.scope),
      ...(a.broadcast ? { broadcast: a.broadcast } : {}),
      ...(a.secondary ? { secondary: true } : {}),
      ...(a.label ? { label: a.label } : {}),
    })),
    ...ns.addrs6.map((a) => ({ family: 6 as const, dev: name(a.index)!, address: a.address, prefixLen: a.prefixLen, scope: a.scope })),
  ];
  const routes = ns.routes.map((r): SnapshotRoute => {
    const dev = r.dev !== undefined ? ns.links.get(r.dev) : undefined;
    return {
      family: r.dst.includes(':') ? 6 : 4,
      table: r.table,
      type: r.type,
      dst: r.dst,
      dstLen: r.dstLen,
      ...(dev ? { dev: dev.name } : {}),
      ...(r.gateway ? { gateway: r.gateway } : {}),
      ...(r.prefsrc ? { prefsrc: r.prefsrc } : {}),
      protocol: r.protocol,
      scope: String(r.scope),
      ...(r.metric !== undefined ? { metric: r.metric } : {}),
      ...(r.onlink ? { onlink: true } : {}),
      linkdown: !!dev && r.type !== 'local' && dev.flags.up && !dev.flags.lowerUp,
    };
  });
  const neighbours = ns.neigh.map((n) => ({ dev: name(n.index)!, address: n.address, ...(n.lladdr ? { lladdr: n.lladdr } : {}), state: neighStateNow(k, n) }));
  const sysctls: Record<string, string> = {};
  for (const key of SNAPSHOT_SYSCTLS) {
    const v = ns.sysctl.get(key);
    if (v !== undefined) sysctls[key] = v;
  }
  const changed = (ns.sysctl as { changed?: () => Map<string, string> }).changed?.();
  if (changed) for (const [key, v] of changed) sysctls[key] = v;
  const ext: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(ns.ext)) {
    const j = (v as { toJSON?: () => unknown } | null)?.toJSON;
    if (typeof j === 'function') ext[key] = j.call(v);
  }
  return {
    id: ns.id,
    ...(ns.name !== undefined ? { name: ns.name } : {}),
    display: netnsDisplayName(ns),
    hidden: !!ns.hidden,
    links,
    addresses,
    routes,
    neighbours,
    sysctls,
    ext,
  };
}
