/**
 * What the bridge driver asks of its firewall, independent of the rule layout. Each method
 * returns the Steps (iptables command idioms) the daemon of that version execs, in order.
 */
import type { Step } from './steps.ts';

/** Daemon-wide firewall options. */
export interface DaemonFwConfig {
  /** `--userland-proxy=false` is "hairpin mode" in moby's code. */
  hairpin: boolean;
}

/** One bridge network as the firewall sees it. */
export interface NetworkFw {
  /** Bridge device name (docker0, br-0123456789ab). */
  bridge: string;
  /** IPv4 subnet in CIDR form, e.g. 172.17.0.0/16. */
  subnet: string;
  icc: boolean;
  masquerade: boolean;
  internal: boolean;
}

/** One port binding (a single host address; [::] bindings never reach iptables for IPv4 containers). */
export interface PortFw {
  proto: 'tcp' | 'udp' | 'sctp';
  /** Host address: "0.0.0.0", "127.0.0.1", "::"... */
  hostIp: string;
  hostPort: number;
  ctrIp: string;
  ctrPort: number;
}

/** The per-version rule layout (classic ≤27.x, or 28+/29.x). */
export interface Firewaller {
  /**
   * Steps at daemon start, before any network: chains, jumps and the DOCKER-USER chain, for
   * iptables (4) or ip6tables (6; on by default, so the chains exist even with no IPv6 network).
   */
  daemonStart(cfg: DaemonFwConfig, ipv?: 4 | 6): Step[];
  /** Steps after a network was created (docker0 at start, or `docker network create`). */
  networkAdd(cfg: DaemonFwConfig, n: NetworkFw): Step[];
  networkDel(cfg: DaemonFwConfig, n: NetworkFw): Step[];
  /** Steps when a container's endpoint joins / leaves the network. */
  endpointAdd(n: NetworkFw, ip: string): Step[];
  endpointDel(n: NetworkFw, ip: string): Step[];
  /** Steps for published ports (DNAT, filter ACCEPT, hairpin and raw rules as the version does). */
  portsAdd(cfg: DaemonFwConfig, n: NetworkFw, ports: PortFw[]): Step[];
  portsDel(cfg: DaemonFwConfig, n: NetworkFw, ports: PortFw[]): Step[];
  /** `--link` ACCEPT rules, only programmed when icc is off. */
  link(n: NetworkFw, parentIp: string, childIp: string, ports: { proto: string; port: number }[], add: boolean): Step[];
}

/** `-C`-checked jump from the nat table's PREROUTING/OUTPUT to DOCKER, as addNATJumpRules builds them. */
export function natJumpArgs(hairpin: boolean, ipv: 4 | 6 = 4): { pre: string[]; out: string[] } {
  const base = ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'DOCKER'];
  return { pre: base, out: hairpin ? base : [...base, '!', '--dst', loopbackNet(ipv)] };
}

/** loopbackAddress(ipVer): what the OUTPUT jump excludes while the userland proxy is on. */
export const loopbackNet = (ipv: 4 | 6): string => (ipv === 6 ? '::1/128' : '127.0.0.0/8');

/** The ACCEPT rules for a link: forward, then the reverse with --sport (iptables.go ChainInfo.Link). */
export function linkArgs(br: string, parentIp: string, childIp: string, proto: string, port: number): string[][] {
  const fwd = ['-i', br, '-o', br, '-p', proto, '-s', parentIp, '-d', childIp, '--dport', String(port), '-j', 'ACCEPT'];
  const rev = ['-i', br, '-o', br, '-p', proto, '-s', childIp, '-d', parentIp, '--sport', String(port), '-j', 'ACCEPT'];
  return [fwd, rev];
}

/** `0/0` for an unspecified host address, as setPerPortNAT writes it. */
export function dnatHostArg(hostIp: string): string {
  return hostIp === '0.0.0.0' ? '0/0' : hostIp;
}

/** True for IPv4 addresses (dotted quads). */
export function isV4(ip: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(ip);
}
