/**
 * The Docker Engine of the simulated host: daemon start-up, networks and the registry of
 * containers. Container lifecycle lives in containers.ts and the per-container network
 * plumbing in sandbox.ts. Every kernel change goes through HostOps, every firewall change
 * through the version's rule plan executed as iptables command lines.
 */
import type { HostOps } from './hostops.ts';
import type { Container, DockerNetwork } from './state.ts';
import type { Step } from './firewall/steps.ts';
import { runSteps } from './firewall/steps.ts';
import type { DaemonFwConfig, NetworkFw } from './firewall/types.ts';
import { type EngineProfile, engineProfile } from './version.ts';
import { SubnetPool, intToIp, ipToInt, isIpv4, overlaps, parsePrefix, pickPool, prefixString, type Prefix } from './ipam.ts';
import { newId, randomLaaMac, legacyBridgeMac } from './ids.ts';

/** dockerd options the lab supports. */
export interface DaemonOptions {
  /** "29" (default) or "27": the Engine line to simulate. */
  version?: string;
  bip?: string;
  icc: boolean;
  ipMasq: boolean;
  userlandProxy: boolean;
  iptables: boolean;
  /** `--ip6tables` (on by default since 27.0): the IPv6 chains are made even with no IPv6 network. */
  ip6tables: boolean;
  ipForward: boolean;
}

export const DEFAULT_DAEMON: DaemonOptions = { icc: true, ipMasq: true, userlandProxy: true, iptables: true, ip6tables: true, ipForward: true };

export type R<T> = { ok: true; value: T } | { ok: false; error: string };
const bad = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** `docker network create` as the daemon receives it. */
export interface NetworkRequest {
  name: string;
  driver: string;
  subnet?: string;
  gateway?: string;
  internal: boolean;
  options: Record<string, string>;
  labels: Record<string, string>;
}

export class DockerEngine {
  running = false;
  profile: EngineProfile = engineProfile();
  opts: DaemonOptions = { ...DEFAULT_DAEMON };
  networks: DockerNetwork[] = [];
  containers: Container[] = [];
  /** Last host port handed out dynamically (the allocator continues upward from it). */
  lastDynamicPort = 0;
  /** Images pulled into the local store, as "repo:tag". */
  readonly images = new Set<string>();
  /** Host bindings in use: "proto/ip/port". */
  readonly boundPorts = new Set<string>();

  /** Rebound when a Machine adopts an engine its world started (see machine-host.ts). */
  constructor(public host: HostOps) {}

  get fwConfig(): DaemonFwConfig {
    return { hairpin: !this.opts.userlandProxy };
  }

  /** Runs firewall steps unless the daemon was started with --iptables=false. */
  fw(steps: Step[]): void {
    if (this.opts.iptables) runSteps(steps, (argv) => this.host.iptables(argv));
  }

  /** dockerd start-up: forwarding, chains, the default bridge and the host/none networks. */
  start(opts: Partial<DaemonOptions> = {}): string | undefined {
    if (this.running) return undefined;
    this.opts = { ...DEFAULT_DAEMON, ...opts };
    this.profile = engineProfile(this.opts.version);
    let bip: Prefix | undefined;
    let gw = '172.17.0.1';
    if (this.opts.bip) {
      const [addr, len] = this.opts.bip.split('/');
      bip = parsePrefix(this.opts.bip);
      if (!bip || !isIpv4(addr) || len === undefined) return `invalid bip: ${this.opts.bip}`;
      gw = addr;
    }
    if (this.opts.ipForward && this.host.sysctlGet(0, 'net.ipv4.ip_forward') === '0') {
      this.host.sysctlSet(0, 'net.ipv4.ip_forward', '1');
      // Docker only closes FORWARD when it was the one to switch forwarding on.
      if (this.opts.iptables) this.host.iptables(['iptables', '--wait', '-t', 'filter', '-P', 'FORWARD', 'DROP']);
    }
    this.fw(this.profile.firewall.daemonStart(this.fwConfig));
    // NewIptabler sets up the IPv6 chains too; the 27.x layout's IPv6 start is not modelled.
    if (this.opts.iptables && this.opts.ip6tables && this.profile.line === '29') {
      runSteps(this.profile.firewall.daemonStart(this.fwConfig, 6), (argv) => this.host.iptables(argv), 'ip6tables');
    }
    this.running = true;
    if (this.networks.length) {
      // A restart: networks persist in the daemon's store and their rules are programmed again.
      for (const n of this.networks) if (n.driver === 'bridge') this.fw(this.profile.firewall.networkAdd(this.fwConfig, this.netFw(n)));
      return undefined;
    }
    const subnet = bip ?? { base: ipToInt('172.17.0.0'), len: 16 };
    const net = this.makeBridgeNetwork({
      name: 'bridge', bridge: 'docker0', subnet, gateway: gw, internal: false, isDefault: true,
      icc: this.opts.icc, masquerade: this.opts.ipMasq, options: {}, ipamUser: false, labels: {},
      // The daemon's --mtu, DefaultNetworkMtu (config.go).
      mtu: 1500,
    });
    if (!net.ok) return net.error;
    this.networks.push(this.plainNetwork('host', 'host'), this.plainNetwork('none', 'null'));
    return undefined;
  }

  private plainNetwork(name: string, driver: 'host' | 'null'): DockerNetwork {
    return {
      id: newId(this.host.rng), name, driver, created: this.host.nowIso(), internal: false, icc: true,
      masquerade: true, isDefault: false, options: {}, ipamUser: false, labels: {},
    };
  }

  /** The firewall's view of a bridge network. */
  netFw(n: DockerNetwork): NetworkFw {
    return { bridge: n.bridge!, subnet: n.subnet!, icc: n.icc, masquerade: n.masquerade, internal: n.internal };
  }

  private makeBridgeNetwork(o: {
    name: string; bridge?: string; subnet: Prefix; gateway?: string; internal: boolean; isDefault: boolean;
    icc: boolean; masquerade: boolean; options: Record<string, string>; ipamUser: boolean; labels: Record<string, string>; mtu: number;
  }): R<DockerNetwork> {
    const id = newId(this.host.rng);
    const bridge = o.bridge ?? 'br-' + id.slice(0, 12);
    const pool = new SubnetPool(o.subnet);
    const gateway = o.gateway ?? intToIp(o.subnet.base + 1);
    pool.take(gateway);
    const n: DockerNetwork = {
      id, name: o.name, driver: 'bridge', created: this.host.nowIso(), bridge, subnet: prefixString(o.subnet), gateway, pool,
      internal: o.internal, icc: o.icc, masquerade: o.masquerade, isDefault: o.isDefault, options: o.options,
      ipamUser: o.ipamUser, labels: o.labels, mtu: o.mtu,
    };
    n.ownsBridge = !this.host.linkExists(0, bridge);
    if (n.ownsBridge) {
      const mac = this.profile.randomMac ? randomLaaMac(this.host.rng) : legacyBridgeMac(this.host.rng);
      const e = this.host.addBridge(bridge, mac, 1500);
      if (e) return bad(e);
    }
    // setupMTU runs whenever an MTU is configured, on a bridge Docker made or found.
    if (o.mtu > 0) {
      const e = this.host.setMtu(0, bridge, o.mtu);
      if (e) return bad(e);
    }
    this.host.sysctlSet(0, `net.ipv6.conf.${bridge}.accept_ra`, '0');
    this.host.addAddr(0, bridge, gateway, o.subnet.len);
    if (this.opts.icc === false || !this.opts.userlandProxy) this.host.sysctlSet(0, 'net.bridge.bridge-nf-call-iptables', '1');
    if (!this.opts.userlandProxy) this.host.sysctlSet(0, `net.ipv4.conf.${bridge}.route_localnet`, '1');
    this.fw(this.profile.firewall.networkAdd(this.fwConfig, this.netFw(n)));
    this.host.setUp(0, bridge);
    this.networks.push(n);
    return { ok: true, value: n };
  }

  /** `docker network create`. */
  createNetwork(req: NetworkRequest): R<DockerNetwork> {
    if (req.driver !== 'bridge') {
      if (req.driver === 'host' || req.driver === 'null') return bad(`only one instance of "${req.driver}" network is allowed`);
      return bad(`plugin "${req.driver}" not found`);
    }
    if (this.networks.some((n) => n.name === req.name)) return bad(`network with name ${req.name} already exists`);
    let subnet: Prefix | undefined;
    if (req.subnet) {
      subnet = parsePrefix(req.subnet);
      if (!subnet) return bad(`invalid CIDR address: ${req.subnet}`);
      const taken = this.networks.find((n) => n.subnet && overlaps(parsePrefix(n.subnet)!, subnet!));
      if (taken) return bad('invalid pool request: Pool overlaps with other one on this address space');
    } else {
      if (req.gateway) return bad('no matching subnet for gateway ' + req.gateway);
      const allocated = this.networks.filter((n) => n.subnet).map((n) => parsePrefix(n.subnet!)!);
      const avoid = this.host.hostPrefixes().map((p) => parsePrefix(p)).filter((p): p is Prefix => !!p && p.len > 0);
      subnet = pickPool(allocated, avoid);
      if (!subnet) return bad('all predefined address pools have been fully subnetted');
    }
    if (req.gateway && !(isIpv4(req.gateway) && ((ipToInt(req.gateway) & ~((1 << (32 - subnet.len)) - 1)) >>> 0) === subnet.base)) {
      return bad('no matching subnet for gateway ' + req.gateway);
    }
    const opt = req.options;
    const mtu = parseMtu(opt['com.docker.network.driver.mtu']);
    if (typeof mtu === 'string') return bad(mtu);
    const bridge = opt['com.docker.network.bridge.name'];
    const clash = bridge ? this.networks.find((n) => n.bridge === bridge) : undefined;
    if (clash) return bad(`cannot create network (${bridge}): conflicts with network ${clash.id} (${clash.bridge}): networks have same bridge name`);
    return this.makeBridgeNetwork({
      name: req.name, bridge, subnet, gateway: req.gateway, internal: req.internal, isDefault: false,
      icc: opt['com.docker.network.bridge.enable_icc'] !== 'false',
      masquerade: opt['com.docker.network.bridge.enable_ip_masquerade'] !== 'false',
      options: opt, ipamUser: !!req.subnet, labels: req.labels, mtu,
    });
  }

  /** Network by exact name, full id, or unique id prefix. */
  findNetwork(ref: string): DockerNetwork | undefined {
    return (
      this.networks.find((n) => n.name === ref) ??
      this.networks.find((n) => n.id === ref) ??
      (ref.length > 0 ? this.networks.filter((n) => n.id.startsWith(ref)).at(0) : undefined)
    );
  }

  /** Container by full id, name (with or without leading slash), or unique id prefix. */
  findContainer(ref: string): Container | undefined {
    const name = ref.replace(/^\//, '');
    return (
      this.containers.find((c) => c.id === ref) ??
      this.containers.find((c) => c.name === name) ??
      (ref.length > 0 ? this.containers.filter((c) => c.id.startsWith(ref)).at(0) : undefined)
    );
  }

  /** Containers with an endpoint on `n`. */
  attached(n: DockerNetwork): Container[] {
    return this.containers.filter((c) => c.endpoints.some((e) => e.networkId === n.id));
  }

  /** `docker network rm`. */
  removeNetwork(n: DockerNetwork): string | undefined {
    if (n.driver !== 'bridge' || n.isDefault) return `${n.name} is a pre-defined network and cannot be removed`;
    const users = this.attached(n);
    if (users.length) {
      const c = users[0];
      const ep = c.endpoints.find((e) => e.networkId === n.id)!;
      return `error while removing network: network ${n.name} has active endpoints (name:"${c.name}" id:"${ep.id.slice(0, 12)}")`;
    }
    this.fw(this.profile.firewall.networkDel(this.fwConfig, this.netFw(n)));
    if (n.ownsBridge) this.host.delLink(0, n.bridge!);
    this.networks = this.networks.filter((x) => x !== n);
    return undefined;
  }
}

/**
 * The bridge driver's reading of com.docker.network.driver.mtu (fromLabels, strconv.Atoi,
 * then Validate): the MTU, 0 when not given, or the daemon's error text.
 */
function parseMtu(v: string | undefined): number | string {
  const label = 'com.docker.network.driver.mtu';
  if (v === undefined) return 0;
  if (!/^[+-]?\d+$/.test(v)) return `failed to parse ${label} value: ${v} (strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax)`;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63 - 1) return `failed to parse ${label} value: ${v} (strconv.Atoi: parsing ${JSON.stringify(v)}: value out of range)`;
  if (n < 0) return `invalid MTU number: ${n}`;
  return n;
}
