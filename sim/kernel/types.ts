/**
 * The simulated kernel's state, as plain data. Only modules under sim/kernel mutate it;
 * commands go through the kernel's operations (netlink-like, see errno.ts) and read it back
 * through sim/observe. Keep everything here JSON-friendly where possible (Maps are fine,
 * snapshot() turns them into plain objects).
 */
import type { Clock } from './clock.ts';
import type { Rng } from './rng.ts';

/** Kinds of link the simulator models. */
export type LinkKind = 'loopback' | 'veth' | 'bridge' | 'dummy' | 'ether';

/** IFF_* flags the way `ip link` prints them (the kernel's order is decided by the printer). */
export interface LinkFlags {
  /** Administratively up (`ip link set X up`). */
  up: boolean;
  /** Carrier present: for veth, the peer is up; for a bridge, at least one port is forwarding. */
  lowerUp: boolean;
}

export interface Link {
  /** ifindex, unique within the namespace, allocated as the kernel does (see netns.ts). */
  index: number;
  name: string;
  kind: LinkKind;
  /** Back-reference to the owning namespace's id. */
  netnsId: number;
  mtu: number;
  /** Lower-case colon-separated MAC, e.g. "02:42:ac:11:00:02". */
  mac: string;
  /** MAC was set explicitly by the user (bridges then stop taking their ports' MAC). */
  macSetByUser?: boolean;
  flags: LinkFlags;
  txqlen: number;
  /** ifindex of the master bridge in the same namespace, if enslaved. */
  master?: number;
  /** For veth: the peer (namespace id + ifindex). */
  peer?: { netnsId: number; index: number };
  /** Altnames, aliases and other rarely used attributes. */
  alias?: string;
  /** Interface statistics, updated by the datapath. */
  stats: LinkStats;
  /** Bridge-specific state when kind === 'bridge'. */
  bridge?: BridgeState;
  /**
   * Queueing discipline `ip link` shows: "noop" until the device is first brought up, then its
   * default ("noqueue" for virtual devices, "fq_codel" etc. for a NIC). Kept after it goes down.
   */
  qdisc?: string;
  /**
   * RFC 2863 operational state as the kernel last computed it (linkwatch, see link-state.ts).
   * `ip link` prints DOWN whenever the link is administratively down, whatever this says.
   */
  operstate?: 'UP' | 'DOWN' | 'LOWERLAYERDOWN' | 'UNKNOWN';
  /** When enslaved to a bridge: the port's STP state, port number and settings. */
  port?: BridgePort;
  /**
   * The device's own multicast list (`bridge fdb show` prints it as "self permanent"), in the
   * order the kernel joined the groups: 33:33:00:00:00:01 at registration, 01:00:5e:00:00:01
   * when IPv4 comes up, the solicited-node group of its link-local address, ...
   */
  mcList?: string[];
}

/** A bridge port's state (kind-independent: any device enslaved with `master`). */
export interface BridgePort {
  /** br_port state: disabled while down or without carrier, forwarding otherwise (STP off). */
  state: 'disabled' | 'listening' | 'learning' | 'forwarding' | 'blocking';
  /** Port number (1-based, lowest free), as brctl showmacs and `port_no` show it. */
  portNo: number;
  priority: number;
  cost: number;
  /** BR_HAIRPIN_MODE: frames may leave through the port they came in on (`bridge link set hairpin on`). */
  hairpin?: boolean;
}

export interface LinkStats {
  rxPackets: number; rxBytes: number; rxErrors: number; rxDropped: number;
  txPackets: number; txBytes: number; txErrors: number; txDropped: number;
}

export interface FdbEntry {
  mac: string;
  /** ifindex of the bridge port the MAC was learned on or added to. */
  port: number;
  /** Local (the bridge's own or a port's own address) or learned dynamically. */
  local: boolean;
  permanent: boolean;
  /** Virtual time (ms) of last update, for ageing. */
  updatedAt: number;
}

export interface BridgeState {
  /** Bridge id priority, 0x8000 by default (brctl prints 8000.<mac>). */
  priority: number;
  stp: boolean;
  /** Ageing time in ms (default 300000). */
  ageingTime: number;
  fdb: FdbEntry[];
}

export interface Ipv4Address {
  /** ifindex the address is on. */
  index: number;
  /** Dotted quad. */
  address: string;
  prefixLen: number;
  /** Peer/broadcast/label as `ip addr` shows them. */
  broadcast?: string;
  label?: string;
  scope: 'global' | 'link' | 'host' | 'site' | number;
  /** Secondary addresses (a second address in an existing subnet on the same link). */
  secondary: boolean;
  /** Remaining lifetimes, 'forever' for static addresses. */
  validLft: 'forever' | number;
  preferredLft: 'forever' | number;
  noprefixroute?: boolean;
}

export interface Ipv6Address {
  index: number;
  address: string;
  prefixLen: number;
  scope: 'global' | 'link' | 'host';
  /** DAD state; the normalizer masks it but we keep it honest. */
  tentative?: boolean;
  /** Created by the kernel (link-local from the MAC) rather than the user. */
  kernel: boolean;
}

export type RouteType = 'unicast' | 'local' | 'broadcast' | 'multicast' | 'blackhole' | 'unreachable' | 'prohibit' | 'throw' | 'anycast';

export interface Route {
  /** Routing table id: 255 local, 254 main, 253 default, or user ids. */
  table: number;
  type: RouteType;
  /** Destination prefix; "0.0.0.0/0" for default. */
  dst: string;
  dstLen: number;
  /** Output device ifindex, if any. */
  dev?: number;
  gateway?: string;
  prefsrc?: string;
  protocol: 'kernel' | 'boot' | 'static' | 'dhcp' | 'redirect' | string;
  scope: 'global' | 'link' | 'host' | 'nowhere' | 'site' | number;
  metric?: number;
  /**
   * RTNH_F_ONLINK: the gateway was accepted without a connected route (`onlink`).
   * "linkdown" is not stored: it is the output device having no carrier, computed when printed.
   */
  onlink?: boolean;
  /** IPv6 routes only: router preference `ip -6 route` prints ("medium"). */
  pref?: 'low' | 'medium' | 'high';
}

export type NeighState = 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'NOARP' | 'PERMANENT';

export interface Neighbour {
  index: number;
  address: string;
  lladdr?: string;
  state: NeighState;
  router?: boolean;
  /** Virtual time (ms) the entry was last confirmed. */
  updatedAt: number;
}

/** One network namespace: devices, addresses, routes, neighbours, sysctls, and (later) netfilter and sockets. */
export interface Netns {
  /** Internal unique id; the host namespace is 0. */
  id: number;
  /** Name under /run/netns, if any. The host namespace has none. */
  name?: string;
  links: Map<number, Link>;
  /** Next ifindex to try (the kernel allocates the lowest free index above the last one, see netns.ts). */
  nextIndex: number;
  addrs4: Ipv4Address[];
  addrs6: Ipv6Address[];
  routes: Route[];
  neigh: Neighbour[];
  /** Sysctl values by dotted key, e.g. "net.ipv4.ip_forward" -> "0". Per-device keys use the device name. */
  sysctl: Map<string, string>;
  /**
   * Namespace ids this namespace has assigned to others (`ip netns list` "(id: N)", link-netnsid).
   * Key: other netns internal id, value: the nsid as seen from this namespace.
   */
  nsids: Map<number, number>;
  /** Extension slots owned by other subsystems (netfilter, conntrack, sockets, docker). */
  ext: Record<string, unknown>;
  /**
   * Hidden namespaces (a world's LAN hosts) have no name and are not listed by `ip netns`;
   * set for namespaces the kernel creates for worlds rather than users.
   */
  hidden?: boolean;
  /** Order of creation (`ip netns list` prints newest first, like tmpfs readdir of /run/netns). */
  createdSeq?: number;
}

/** The whole simulated machine. */
export interface MachineState {
  clock: Clock;
  rng: Rng;
  /** All namespaces alive, by internal id. Id 0 is the host's (init_net of the simulated host). */
  netns: Map<number, Netns>;
  nextNetnsId: number;
  /** Kernel log (dmesg) lines, for the LOG target. */
  dmesg: string[];
}
