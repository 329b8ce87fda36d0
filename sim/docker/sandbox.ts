/**
 * A container's network plumbing, as libnetwork builds it on start and tears it down on
 * stop: the namespace, one veth pair per bridge endpoint (host side `vethXXXXXXX` enslaved to
 * the bridge, peer moved in and renamed eth0/eth1), addresses, default route, sysctls, the
 * firewall's endpoint and port rules, and docker-proxy for each published binding.
 */
import type { DockerEngine, R } from './engine.ts';
import type { Container, DockerNetwork, Endpoint } from './state.ts';
import type { PortBinding } from './ports.ts';
import type { PortFw } from './firewall/types.ts';
import { macFromIp, newId, randomLaaMac, vethName } from './ids.ts';
import { resolverSteps } from './firewall/resolver.ts';
import { runSteps } from './firewall/steps.ts';

const bad = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Creates the container's namespace (none/bridge modes) with lo up and Docker's sysctls. */
export function createNamespace(e: DockerEngine): number {
  const ns = e.host.newNetns();
  e.host.setUp(ns, 'lo');
  e.host.sysctlSet(ns, 'net.ipv4.ip_unprivileged_port_start', '0');
  e.host.sysctlSet(ns, 'net.ipv4.ping_group_range', '0 2147483647');
  return ns;
}

/** Joins `c` (already in its namespace) to bridge network `n` as the next ethN. */
export function joinNetwork(e: DockerEngine, c: Container, n: DockerNetwork, want: { ip?: string; aliases: string[] }, gateway: boolean): R<Endpoint> {
  const h = e.host;
  const ns = c.netnsId!;
  let ip: string | undefined;
  if (want.ip) {
    if (!n.pool!.take(want.ip)) return bad(`Address already in use`);
    ip = want.ip;
  } else {
    ip = n.pool!.next();
    if (!ip) return bad(`no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`);
  }
  const prefixLen = Number(n.subnet!.split('/')[1]);
  const mac = e.profile.randomMac ? randomLaaMac(h.rng) : macFromIp(ip);
  const taken = (name: string) => h.linkExists(0, name);
  const veth = vethName(h.rng, taken);
  const tmp = vethName(h.rng, (x) => taken(x) || x === veth);
  const ifName = 'eth' + c.endpoints.length;
  const ep: Endpoint = { id: newId(h.rng), networkId: n.id, ip, prefixLen, mac, veth, ifName, aliases: want.aliases, ipamIp: want.ip };
  const err =
    h.addVeth(veth, tmp, mac) ??
    // The bridge driver's Join: both ends take the network's MTU before the host end is enslaved.
    (n.mtu ? h.setMtu(0, veth, n.mtu) ?? h.setMtu(0, tmp, n.mtu) : undefined) ??
    h.setMaster(veth, n.bridge!) ??
    h.setUp(0, veth) ??
    h.moveLink(tmp, ns, ifName) ??
    h.sysctlSet(ns, `net.ipv6.conf.${ifName}.disable_ipv6`, '1') ??
    h.addAddr(ns, ifName, ip, prefixLen) ??
    h.setUp(ns, ifName) ??
    (gateway && !n.internal ? h.addDefaultRoute(ns, n.gateway!, ifName) : undefined);
  if (err) {
    n.pool!.release(ip);
    return bad(err);
  }
  const firstUserNet = !n.isDefault && !c.endpoints.some((x) => !e.findNetwork(x.networkId)?.isDefault);
  c.endpoints.push(ep);
  e.fw(e.profile.firewall.endpointAdd(e.netFw(n), ip));
  if (firstUserNet && e.opts.iptables) {
    // The embedded DNS starts with the sandbox's first user-defined network, on random ports.
    const udp = h.rng.int(32768, 60999);
    const tcp = h.rng.int(32768, 60999);
    runSteps(resolverSteps(udp, tcp), (argv) => h.iptables(argv, ns));
  }
  return { ok: true, value: ep };
}

/**
 * The network that gives a container its default route and carries its published ports:
 * libnetwork's Endpoint.Less puts non-internal networks first (internal ones have no
 * gateway), then orders by network name, so `bridge` wins over `mynet` and `back` over `front`.
 */
export function gatewayNetwork(nets: DockerNetwork[]): DockerNetwork | undefined {
  return [...nets].sort((a, b) => Number(a.internal) - Number(b.internal) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
}

/** The container's gateway endpoint and its network, among the endpoints it has now. */
export function gatewayEndpoint(e: DockerEngine, c: Container): { n: DockerNetwork; ep: Endpoint } | undefined {
  const pairs = c.endpoints.flatMap((ep) => {
    const n = e.findNetwork(ep.networkId);
    return n ? [{ n, ep }] : [];
  });
  const n = gatewayNetwork(pairs.map((p) => p.n));
  return pairs.find((p) => p.n === n);
}

/**
 * After a connect or disconnect: if another endpoint now sorts first, the default route and
 * the published ports move to it (libnetwork's updateGateway and the bridge driver's
 * ProgramExternalConnectivity), as on a real host.
 */
export function moveGateway(e: DockerEngine, c: Container, before: { n: DockerNetwork; ep: Endpoint } | undefined): string | undefined {
  const after = gatewayEndpoint(e, c);
  if (after?.ep === before?.ep) return undefined;
  const ns = c.netnsId!;
  if (before && c.endpoints.includes(before.ep)) {
    if (c.ports.length) unpublishPorts(e, c, before.n, before.ep);
    if (!before.n.internal) e.host.delDefaultRoute(ns);
  }
  if (!after || after.n.internal) return undefined;
  return e.host.addDefaultRoute(ns, after.n.gateway!, after.ep.ifName) ?? (c.portSpecs.length || c.publishAll ? publishPorts(e, c, after.n, after.ep) : undefined);
}

/** Leaves network `n`: firewall rules, the veth (deleting one end deletes both), the address. */
export function leaveNetwork(e: DockerEngine, c: Container, n: DockerNetwork): void {
  const ep = c.endpoints.find((x) => x.networkId === n.id);
  if (!ep) return;
  e.fw(e.profile.firewall.endpointDel(e.netFw(n), ep.ip));
  e.host.delLink(0, ep.veth);
  n.pool!.release(ep.ip);
  c.endpoints = c.endpoints.filter((x) => x !== ep);
}

const key = (proto: string, ip: string, port: number) => `${proto}/${ip}/${port}`;

/** Whether a host binding clashes with one in use (an unspecified address clashes with its family). */
function clashes(e: DockerEngine, proto: string, ip: string, port: number): boolean {
  const v4 = !ip.includes(':');
  for (const k of e.boundPorts) {
    const [p, kip, kport] = k.split('/');
    if (p !== proto || Number(kport) !== port || !kip.includes(':') !== v4) continue;
    if (kip === ip || ip === '0.0.0.0' || ip === '::' || kip === '0.0.0.0' || kip === '::') return true;
  }
  return false;
}

/** Next dynamic host port: upward from the last one, wrapping within the ephemeral range. */
function dynamicPort(e: DockerEngine, proto: string, ips: string[], range?: [number, number]): number | undefined {
  const r = (e.host.sysctlGet(0, 'net.ipv4.ip_local_port_range') ?? '32768\t60999').split(/\s+/).map(Number);
  const [lo, hi] = range ?? [r[0], r[1]];
  const size = hi - lo + 1;
  const startAt = range ? lo : e.lastDynamicPort >= lo && e.lastDynamicPort < hi ? e.lastDynamicPort + 1 : lo;
  for (let i = 0; i < size; i++) {
    const p = lo + ((startAt - lo + i) % size);
    if (ips.every((ip) => !clashes(e, proto, ip, p))) {
      if (!range) e.lastDynamicPort = p;
      return p;
    }
  }
  return undefined;
}

/** Publishes the container's ports on the gateway network: bindings, docker-proxy, rules. */
export function publishPorts(e: DockerEngine, c: Container, n: DockerNetwork, ep: Endpoint): string | undefined {
  const specs = [...c.portSpecs];
  if (c.publishAll) {
    for (const x of [...c.image.exposed, ...c.exposed]) {
      const [port, proto] = x.split('/');
      if (!specs.some((s) => s.port === Number(port) && s.proto === proto)) {
        specs.push({ port: Number(port), proto: (proto ?? 'tcp') as 'tcp', hostIp: '', hostStart: 0, hostEnd: 0 });
      }
    }
  }
  const bindings: PortBinding[] = [];
  for (const s of specs) {
    const ips = s.hostIp === '' ? ['0.0.0.0', '::'] : [s.hostIp];
    let port = s.hostStart;
    if (s.hostStart === 0 || s.hostEnd !== s.hostStart) {
      const p = dynamicPort(e, s.proto, ips, s.hostStart ? [s.hostStart, s.hostEnd] : undefined);
      if (p === undefined) return `driver failed programming external connectivity on endpoint ${c.name} (${ep.id}): Bind for ${ips[0]}:${s.hostStart} failed: port is already allocated`;
      port = p;
    }
    for (const ip of ips) {
      if (clashes(e, s.proto, ip, port) || bindings.some((b) => b.hostPort === port && b.proto === s.proto && b.hostIp === ip)) {
        const shown = ip.includes(':') ? `[${ip}]` : ip;
        return `driver failed programming external connectivity on endpoint ${c.name} (${ep.id}): Bind for ${shown}:${port} failed: port is already allocated`;
      }
      bindings.push({ port: s.port, proto: s.proto, hostIp: ip, hostPort: port });
    }
  }
  for (const b of bindings) e.boundPorts.add(key(b.proto, b.hostIp, b.hostPort));
  c.ports = bindings;
  if (e.opts.userlandProxy) {
    for (const b of bindings) {
      const argv = ['/usr/bin/docker-proxy', '-proto', b.proto, '-host-ip', b.hostIp, '-host-port', String(b.hostPort), '-container-ip', ep.ip, '-container-port', String(b.port)];
      if (e.profile.line !== '27') argv.push('-use-listen-fd');
      c.proxyPids.push(e.host.startProcess({ argv, netnsId: 0, behaviour: { kind: 'proxy', proto: b.proto, hostIp: b.hostIp, hostPort: b.hostPort, ctrIp: ep.ip, ctrPort: b.port } }));
    }
  }
  e.fw(e.profile.firewall.portsAdd(e.fwConfig, e.netFw(n), portFw(c, ep)));
  return undefined;
}

function portFw(c: Container, ep: Endpoint): PortFw[] {
  return c.ports.map((b) => ({ proto: b.proto, hostIp: b.hostIp, hostPort: b.hostPort, ctrIp: ep.ip, ctrPort: b.port }));
}

/** Undoes publishPorts. */
export function unpublishPorts(e: DockerEngine, c: Container, n: DockerNetwork, ep: Endpoint): void {
  e.fw(e.profile.firewall.portsDel(e.fwConfig, e.netFw(n), portFw(c, ep)));
  for (const pid of c.proxyPids) e.host.stopProcess(pid);
  c.proxyPids = [];
  for (const b of c.ports) e.boundPorts.delete(key(b.proto, b.hostIp, b.hostPort));
  c.ports = [];
}
