/**
 * What the Engine needs from the machine it runs on. The daemon changes the kernel only
 * through these operations (netlink in the real one) and execs iptables like the real one;
 * machine-host.ts implements them on the simulated Machine.
 */

/** Result of a host operation: undefined on success, or the error text. */
import type { Rng } from '../kernel/rng.ts';

export type OpError = string | undefined;

export interface HostOps {
  /** Random source (the machine's seeded generator). */
  rng: Rng;
  /** Wall-clock time for Created/StartedAt, from the virtual clock. */
  nowIso(): string;
  /** Execs `iptables ...` in a namespace (the host's by default); returns its exit status (output discarded, as the daemon keeps it). */
  iptables(argv: string[], netnsId?: number): number;
  sysctlGet(netnsId: number, key: string): string | undefined;
  sysctlSet(netnsId: number, key: string, value: string): OpError;
  /** A new anonymous network namespace (not under /run/netns); its id. */
  newNetns(): number;
  delNetns(id: number): void;
  linkExists(netnsId: number, name: string): boolean;
  addBridge(name: string, mac: string | undefined, mtu: number): OpError;
  /** Creates a veth pair in the host namespace: `name` and `peer`, with `peerMac` on the peer. */
  addVeth(name: string, peer: string, peerMac: string | undefined): OpError;
  setMaster(name: string, bridge: string): OpError;
  /** Sets a device's MTU (RTM_NEWLINK IFLA_MTU). */
  setMtu(netnsId: number, name: string, mtu: number): OpError;
  setUp(netnsId: number, name: string): OpError;
  /** Moves a host device into a namespace and renames it there. */
  moveLink(name: string, toNetns: number, newName: string): OpError;
  delLink(netnsId: number, name: string): OpError;
  addAddr(netnsId: number, dev: string, ip: string, prefixLen: number): OpError;
  addDefaultRoute(netnsId: number, gateway: string, dev: string): OpError;
  /** Removes a namespace's IPv4 default route (the gateway endpoint changed). */
  delDefaultRoute(netnsId: number): OpError;
  /** IPv4 prefixes of the host's routes (the IPAM avoids overlapping pools). */
  hostPrefixes(): string[];
  /** Host /etc/resolv.conf content. */
  hostResolvConf(): string;
  /** Starts a long-running process (container main process, docker-proxy); returns its pid. */
  startProcess(p: ProcessSpec): number;
  stopProcess(pid: number): void;
}

/** A process the Engine starts. */
export interface ProcessSpec {
  argv: string[];
  netnsId: number;
  /** What it does: serve HTTP/TCP on a port, idle as a shell, or relay for docker-proxy. */
  behaviour:
    | { kind: 'http'; port: number; banner: string }
    | { kind: 'tcp'; port: number; banner: string }
    | { kind: 'idle' }
    | { kind: 'proxy'; proto: string; hostIp: string; hostPort: number; ctrIp: string; ctrPort: number };
  /** Container root view (its /etc files), when in a container. */
  etc?: { hosts: string; resolv: string; hostname: string };
  /** The image's own files, beside `etc` (see ImageInfo.rootFiles). */
  rootFiles?: Record<string, string>;
  onOutput?(text: string): void;
  /** Run the registered command named by argv[0] as the process (a container's own command), if the machine has it. */
  runCommand?: boolean;
  /** Called with the exit status when the process ends on its own. */
  onExit?(code: number): void;
}
