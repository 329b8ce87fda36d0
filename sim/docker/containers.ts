/**
 * Container lifecycle on the Engine: create (with the daemon's validation and its error
 * texts), start (namespace, endpoints, ports, /etc files, main process), stop, remove,
 * network connect/disconnect, and the embedded DNS's view of names.
 */
import type { DockerEngine, R } from './engine.ts';
import type { Container, DockerNetwork } from './state.ts';
import type { ImageInfo } from './images.ts';
import type { PortSpec } from './ports.ts';
import { newId } from './ids.ts';
import { uniqueName } from './names.ts';
import { existingContainerFs } from './rootfs.ts';
import { buildHosts, buildResolv, type HostsEntry } from './etcfiles.ts';
import { isUserDefinedMode, legacyLinkStartError, linkAliasTarget, registerLinksError, type LinkSpec } from './links.ts';
import { createNamespace, gatewayEndpoint, gatewayNetwork, joinNetwork, leaveNetwork, moveGateway, publishPorts, unpublishPorts } from './sandbox.ts';

const bad = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** What `docker create/run` sends the daemon. */
export interface CreateRequest {
  name?: string;
  image: ImageInfo;
  imageRef: string;
  cmd: string[];
  network: string;
  ip?: string;
  aliases: string[];
  hostname?: string;
  portSpecs: PortSpec[];
  exposed: string[];
  publishAll: boolean;
  dns: string[];
  addHosts: string[];
  links: LinkSpec[];
  autoRemove: boolean;
  tty: boolean;
  interactive: boolean;
}

const isContainerMode = (m: string) => m.startsWith('container:');

/** Daemon-side validation of the network options (runconfig validateNetContainerMode and friends). */
function validate(e: DockerEngine, r: CreateRequest): string | undefined {
  const m = r.network;
  if (isContainerMode(m)) {
    if (m.slice(10) === '') return 'invalid network mode: invalid container format container:<name|id>';
    if (r.hostname) return 'conflicting options: hostname and the network mode';
    if (r.links.length) return "conflicting options: container type network can't be used with links. This would result in undefined behavior";
    if (r.dns.length) return 'conflicting options: dns and the network mode';
    if (r.addHosts.length) return 'conflicting options: custom host-to-IP mapping and the network mode';
    if (r.portSpecs.length || r.publishAll) return 'conflicting options: port publishing and the container type network mode';
    if (r.exposed.length) return 'conflicting options: port exposing and the container type network mode';
  }
  if (m === 'host' && r.links.length) return "conflicting options: host type networking can't be used with links. This would result in undefined behavior";
  if (r.ip && (m === 'bridge' || m === 'default')) return 'user specified IP address is supported on user defined networks only';
  // On a user-defined network a link is an endpoint alias: nothing to register or check.
  if (!isUserDefinedMode(m)) return registerLinksError(e, r.links);
  return undefined;
}

/** `docker create`: registers the container (no network resources until start). */
export function createContainer(e: DockerEngine, r: CreateRequest): R<{ c: Container; warnings: string[] }> {
  const err = validate(e, r);
  if (err) return bad(err);
  if (r.name !== undefined) {
    if (!/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(r.name)) return bad(`Invalid container name (${r.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    const other = e.findContainer(r.name);
    if (other && other.name === r.name.replace(/^\//, '')) {
      return bad(`Conflict. The container name "/${other.name}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`);
    }
  }
  let mode = r.network === 'default' ? 'bridge' : r.network;
  if (isContainerMode(mode)) {
    const t = e.findContainer(mode.slice(10));
    if (!t) return bad(`No such container: ${mode.slice(10)}`);
    mode = 'container:' + t.id;
  }
  const warnings: string[] = [];
  const userNet = isUserDefinedMode(mode);
  // daemon/create.go: only a default-bridge container's links draw the deprecation warning.
  if (r.links.length && mode === 'bridge' && e.profile.linkWarning) {
    warnings.push('Links on the default bridge network are deprecated and will be removed in a future release. Use a custom network instead.');
  }
  if (mode === 'host' && (r.portSpecs.length || r.publishAll)) warnings.push('Published ports are discarded when using host network mode');
  const id = newId(e.host.rng);
  const name = r.name?.replace(/^\//, '') ?? uniqueName(e.host.rng, (n) => e.containers.some((c) => c.name === n));
  const wanted: Container['wanted'] = [];
  if (mode !== 'host' && mode !== 'none' && !isContainerMode(mode)) {
    wanted.push({ networkId: mode, ip: r.ip, aliases: r.aliases, ...(userNet && r.links.length ? { links: r.links.map((l) => l.raw) } : {}) });
  }
  const c: Container = {
    id, name, image: r.image, imageRef: r.imageRef, cmd: r.cmd.length ? r.cmd : r.image.cmd, created: e.host.nowIso(),
    state: 'created', exitCode: 0, startedAt: '0001-01-01T00:00:00Z', finishedAt: '0001-01-01T00:00:00Z',
    hostname: r.hostname ?? (mode === 'host' ? '' : id.slice(0, 12)), networkMode: mode, wanted,
    portSpecs: mode === 'host' ? [] : r.portSpecs, exposed: r.exposed, publishAll: r.publishAll, dns: r.dns,
    addHosts: r.addHosts, links: userNet ? [] : r.links.map(({ name, alias }) => ({ name, alias })), autoRemove: r.autoRemove, tty: r.tty, interactive: r.interactive,
    endpoints: [], ports: [], proxyPids: [], restartCount: 0, logs: '', etc: { hosts: '', resolv: '', hostname: '' },
  };
  e.containers.push(c);
  return { ok: true, value: { c, warnings } };
}

/** The daemon's wrapping of network set-up failures at start. */
function netError(e: DockerEngine, msg: string): string {
  return e.profile.modernErrors ? `failed to set up container networking: ${msg}` : msg;
}

/** `docker start`: brings up the container's network and its main process. */
export function startContainer(e: DockerEngine, c: Container): string | undefined {
  if (c.state === 'running') return undefined;
  const mode = c.networkMode;
  if (isContainerMode(mode)) {
    const t = e.findContainer(mode.slice(10));
    if (!t) return `No such container: ${mode.slice(10)}`;
    if (t === c) return 'cannot join own network namespace';
    if (t.state !== 'running') return `cannot join network namespace of a non running container: container ${t.name} is ${t.state}`;
    c.netnsId = t.netnsId;
  } else if (mode === 'host') {
    c.netnsId = 0;
  } else {
    const le = legacyLinkStartError(e, c);
    if (le) return le;
    const nets: DockerNetwork[] = [];
    for (const w of c.wanted) {
      const n = e.findNetwork(w.networkId);
      if (!n) return netError(e, `network ${w.networkId} not found`);
      nets.push(n);
    }
    c.netnsId = createNamespace(e);
    const gw = gatewayNetwork(nets);
    for (let i = 0; i < nets.length; i++) {
      const n = nets[i];
      const r = joinNetwork(e, c, n, c.wanted[i], n === gw);
      if (!r.ok) {
        teardown(e, c);
        return netError(e, r.error);
      }
      if (n === gw && !n.internal) {
        const pe = publishPorts(e, c, n, r.value);
        if (pe) {
          teardown(e, c);
          return netError(e, pe);
        }
      }
    }
    if (!e.opts.icc) linkRules(e, c, true);
  }
  writeEtc(e, c);
  c.state = 'running';
  c.startedAt = e.host.nowIso();
  c.finishedAt = '0001-01-01T00:00:00Z';
  const b = c.image.behaviour;
  const interp = isInterpreter(c);
  c.pid = e.host.startProcess({
    argv: [...c.image.entrypoint.slice(0, 0), ...c.cmd],
    netnsId: c.netnsId!,
    behaviour: b.kind === 'shell' || interp ? { kind: 'idle' } : serverArgs(b, c.cmd),
    etc: c.etc,
    rootFiles: c.image.rootFiles,
    onOutput: (t) => (c.logs += t),
    // A shell image given a command (sleep 1000, ping ..., sh -c '...') runs it; the container exits with it.
    runCommand: b.kind === 'shell' && c.cmd.length > 0 && !(c.cmd.length === 1 && /(^|\/)(ba)?sh$/.test(c.cmd[0]!)),
    onExit: (code) => {
      if (c.state !== 'running') return;
      c.pid = undefined;
      stopContainer(e, c, code);
    },
  });
  // A shell image running its shell with stdin closed and no terminal (no -i, no -t) reads
  // end-of-file at once and exits 0: `docker run -d alpine` is "Exited (0)" straight away.
  const onlyShell = c.cmd.length === 0 || (c.cmd.length === 1 && /(^|\/)(ba)?sh$/.test(c.cmd[0]!));
  if ((b.kind === 'shell' && onlyShell || interp) && !c.interactive && !c.tty) stopContainer(e, c, 0);
  return undefined;
}

/**
 * An image whose server runs only as one module of its interpreter (python's http.server)
 * started without it: the interpreter reads its program from stdin (the REPL on a terminal).
 * No stdin (no -i, no -t) is end of file at once, so it exits 0, as `docker run python` does.
 */
export function isInterpreter(c: Container): boolean {
  const b = c.image.behaviour;
  return b.kind === 'http' && !!b.serves && !c.cmd.includes(b.serves);
}

/**
 * A server image's behaviour as its command line sets it: `python3 -m http.server [PORT]
 * [--bind ADDR]` listens where it is told (8000 on all addresses by default).
 */
function serverArgs<B extends { kind: string; port?: number }>(b: B, cmd: readonly string[]): B & { addr?: string } {
  const i = cmd.indexOf('http.server');
  if (b.kind !== 'http' || i < 0) return b;
  let port = 8000;
  let addr: string | undefined;
  for (let j = i + 1; j < cmd.length; j++) {
    const a = cmd[j]!;
    if (a === '--bind' || a === '-b') addr = cmd[++j];
    else if (a.startsWith('--bind=')) addr = a.slice(7);
    else if (/^\d+$/.test(a)) port = Number(a);
  }
  return { ...b, port, ...(addr ? { addr } : {}) };
}

/** --link ACCEPT rules (only with icc=false), for the linked containers' exposed ports. */
function linkRules(e: DockerEngine, c: Container, add: boolean): void {
  const n = e.networks.find((x) => x.isDefault);
  const me = c.endpoints.find((x) => x.networkId === n?.id);
  if (!n || !me) return;
  for (const l of c.links) {
    const t = e.findContainer(l.name);
    const ep = t?.endpoints.find((x) => x.networkId === n.id);
    if (!t || !ep) continue;
    const ports = [...t.image.exposed, ...t.exposed].map((p) => ({ proto: p.split('/')[1] ?? 'tcp', port: Number(p.split('/')[0]) }));
    e.fw(e.profile.firewall.link(e.netFw(n), me.ip, ep.ip, ports, add));
  }
}

/** The container's /etc/hosts, /etc/resolv.conf and /etc/hostname. */
export function writeEtc(e: DockerEngine, c: Container): void {
  const extra: HostsEntry[] = c.addHosts.map((h) => {
    const i = h.indexOf(':');
    return { ip: h.slice(i + 1), names: h.slice(0, i) };
  });
  for (const l of c.links) {
    const t = e.findContainer(l.name);
    const ep = t?.endpoints.find((x) => e.findNetwork(x.networkId)?.isDefault);
    if (!t || !ep) continue;
    // addLegacyLinks: alias and hostname, then the name unless the alias is the name.
    const names = [l.alias, t.hostname, ...(l.alias !== t.name ? [t.name] : [])];
    extra.push({ ip: ep.ip, names: names.join(' ') });
  }
  const self = c.endpoints.map((ep) => ({ ip: ep.ip, names: c.hostname }));
  const userNet = c.endpoints.some((ep) => !e.findNetwork(ep.networkId)?.isDefault);
  const hostResolv = e.host.hostResolvConf();
  const owner = isContainerMode(c.networkMode) ? e.findContainer(c.networkMode.slice(10)) : undefined;
  // container: mode uses the owner's files themselves (initializeNetworkingPaths).
  c.etc = owner
    ? owner.etc
    : {
        hosts: buildHosts({ ipv6: true, legacyV6: e.profile.hostsLegacyV6, extra, self }),
        resolv: buildResolv(hostResolv, { internal: userNet, dns: c.dns }),
        hostname: (c.hostname || 'localhost') + '\n',
      };
}

/** Releases network resources: ports, endpoints, the namespace. */
function teardown(e: DockerEngine, c: Container): void {
  if (!e.opts.icc) linkRules(e, c, false);
  const gw = gatewayEndpoint(e, c);
  for (const ep of [...c.endpoints].reverse()) {
    const n = e.findNetwork(ep.networkId);
    if (!n) continue;
    if (c.ports.length && ep === gw?.ep) unpublishPorts(e, c, n, ep);
    leaveNetwork(e, c, n);
  }
  if (c.netnsId !== undefined && c.netnsId !== 0 && !isContainerMode(c.networkMode)) e.host.delNetns(c.netnsId);
  c.netnsId = undefined;
}

/** `docker stop` / the main process ending: exit code 0 for servers, 137 for a shell killed after the grace period. */
export function stopContainer(e: DockerEngine, c: Container, exitCode?: number): void {
  if (c.state !== 'running') return;
  if (c.pid !== undefined) e.host.stopProcess(c.pid);
  c.pid = undefined;
  teardown(e, c);
  c.state = 'exited';
  c.exitCode = exitCode ?? (c.image.behaviour.kind === 'shell' ? 137 : 0);
  c.finishedAt = e.host.nowIso();
  if (c.autoRemove) removeContainer(e, c);
}

/** `docker rm` (running containers need force). */
export function removeContainer(e: DockerEngine, c: Container): void {
  if (c.state === 'running') stopContainer(e, c, 137);
  e.containers = e.containers.filter((x) => x !== c);
}

/** `docker network connect`. */
export function connectNetwork(e: DockerEngine, n: DockerNetwork, c: Container, o: { ip?: string; aliases: string[]; links?: string[] }): string | undefined {
  if (n.driver === 'host') return 'container cannot be disconnected from host network or connected to host network';
  if (c.networkMode === 'host' || isContainerMode(c.networkMode)) return 'container sharing network namespace with another container or host cannot be connected to any other network';
  if (c.wanted.some((w) => e.findNetwork(w.networkId) === n)) return `endpoint with name ${c.name} already exists in network ${n.name}`;
  if (n.driver === 'null' || c.networkMode === 'none') return 'container cannot be connected to multiple networks with one of the networks in private (none) mode';
  c.wanted.push({ networkId: n.id, ip: o.ip, aliases: o.aliases, ...(o.links?.length ? { links: o.links } : {}) });
  if (c.state === 'running') {
    const before = gatewayEndpoint(e, c);
    const r = joinNetwork(e, c, n, { ip: o.ip, aliases: o.aliases }, false);
    if (!r.ok) {
      c.wanted.pop();
      return r.error;
    }
    moveGateway(e, c, before);
    writeEtc(e, c);
  }
  return undefined;
}

/** `docker network disconnect`. */
export function disconnectNetwork(e: DockerEngine, n: DockerNetwork, c: Container): string | undefined {
  const i = c.wanted.findIndex((w) => e.findNetwork(w.networkId) === n);
  if (i < 0) return `container ${c.id} is not connected to network ${n.name}`;
  if (c.state === 'running') {
    const ep = c.endpoints.find((x) => x.networkId === n.id);
    const before = gatewayEndpoint(e, c);
    if (ep && ep === before?.ep && c.ports.length) unpublishPorts(e, c, n, ep);
    leaveNetwork(e, c, n);
    moveGateway(e, c, before);
    writeEtc(e, c);
  }
  c.wanted.splice(i, 1);
  return undefined;
}

/**
 * Whether the container's resolver sends its queries to 127.0.0.11: the address is among the
 * first three `nameserver` lines of its /etc/resolv.conf as it reads now (glibc and musl both
 * use at most MAXNS = 3; glibc tries them in turn, musl all at once, so either finds the
 * embedded server when it is listed). The lab has no other DNS server to answer.
 */
function asksEmbeddedDns(c: Container): boolean {
  const fs = existingContainerFs(c.etc);
  const r = fs?.readFile(['etc', 'resolv.conf'], { netnsId: c.netnsId ?? 0 });
  const text = fs ? (r?.ok ? r.value : '') : c.etc.resolv;
  const servers = text.split('\n').map((l) => /^\s*nameserver\s+(\S+)/.exec(l)?.[1]).filter((x): x is string => !!x);
  return servers.slice(0, 3).includes('127.0.0.11');
}

/**
 * The embedded DNS (127.0.0.11): resolves a container name, alias, short id or hostname for a
 * process in namespace `netnsId`, over the user-defined networks that namespace's container
 * is on. The default bridge has no such service, so undefined there.
 */
export function embeddedLookup(e: DockerEngine, netnsId: number, name: string): string | undefined {
  const me = e.containers.find((c) => c.state === 'running' && c.netnsId === netnsId && netnsId !== 0);
  if (!me || !asksEmbeddedDns(me)) return undefined;
  const nets = me.endpoints.map((ep) => e.findNetwork(ep.networkId)).filter((n): n is DockerNetwork => !!n && !n.isDefault);
  const onNet = (n: DockerNetwork, want: string): string | undefined => {
    for (const c of e.containers) {
      const cep = c.endpoints.find((x) => x.networkId === n.id);
      if (!cep || c.state !== 'running') continue;
      if (c.name === want || c.id.startsWith(want) && want.length >= 12 || c.hostname === want || cep.aliases.includes(want)) return cep.ip;
    }
    return undefined;
  };
  // Sandbox.ResolveName: first the asking endpoint's own link aliases, then names on each network.
  for (const n of nets) {
    const w = me.wanted.find((x) => e.findNetwork(x.networkId) === n);
    const target = linkAliasTarget(w?.links, name);
    const ip = target ? onNet(n, target) : undefined;
    if (ip) return ip;
  }
  for (const n of nets) {
    const ip = onNet(n, name);
    if (ip) return ip;
  }
  return undefined;
}
