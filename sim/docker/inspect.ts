/**
 * The API objects `docker inspect` and `docker network inspect` print, with the field order
 * of the selected Engine version (moby api/types), as plain ordered JS objects.
 */
import type { DockerEngine } from './engine.ts';
import type { Container, DockerNetwork } from './state.ts';

/** NetworkResource / network.Inspect. */
export function networkJson(e: DockerEngine, n: DockerNetwork): Record<string, unknown> {
  const p = e.profile;
  const containers: Record<string, unknown> = {};
  // Go marshals maps with their keys sorted.
  for (const c of [...e.attached(n)].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const ep = c.endpoints.find((x) => x.networkId === n.id)!;
    containers[c.id] = { Name: c.name, EndpointID: ep.id, MacAddress: ep.mac, IPv4Address: `${ep.ip}/${ep.prefixLen}`, IPv6Address: '' };
  }
  const options: Record<string, string> = n.isDefault
    ? {
        'com.docker.network.bridge.default_bridge': 'true',
        'com.docker.network.bridge.enable_icc': String(e.opts.icc),
        'com.docker.network.bridge.enable_ip_masquerade': String(e.opts.ipMasq),
        'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        'com.docker.network.bridge.name': 'docker0',
        'com.docker.network.driver.mtu': '1500',
      }
    : Object.fromEntries(Object.entries(n.options).sort(([a], [b]) => (a < b ? -1 : 1)));
  const ipamConfig = n.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway }] : [];
  const o: Record<string, unknown> = {
    Name: n.name, Id: n.id, Created: n.created, Scope: 'local', Driver: n.driver,
  };
  if (p.hasEnableIPv4) o.EnableIPv4 = n.driver === 'bridge';
  Object.assign(o, {
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: n.isDefault || n.driver !== 'bridge' ? null : {}, Config: ipamConfig },
    Internal: n.internal, Attachable: false, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false,
  });
  if (!p.hasNetworkStatus) o.Containers = containers;
  o.Options = options;
  o.Labels = n.labels;
  if (p.hasNetworkStatus) {
    o.Containers = containers;
    if (n.pool) {
      const used = n.pool.inUse();
      o.Status = { IPAM: { Subnets: { [n.subnet!]: { IPsInUse: used, DynamicIPsAvailable: n.pool.size() - used } } } };
    }
  }
  return o;
}

/** One network's EndpointSettings in container inspect. */
function endpointJson(e: DockerEngine, c: Container, n: DockerNetwork): Record<string, unknown> {
  const ep = c.endpoints.find((x) => x.networkId === n.id);
  const w = c.wanted.find((x) => e.findNetwork(x.networkId) === n);
  const running = !!ep;
  const dnsNames = n.isDefault || n.driver !== 'bridge' ? null : [c.name, ...(w?.aliases ?? []), c.id.slice(0, 12)];
  const o: Record<string, unknown> = { IPAMConfig: w?.ip ? { IPv4Address: w.ip } : null, Links: w?.links?.length ? w.links : null, Aliases: w?.aliases.length ? w.aliases : null };
  if (!e.profile.randomMac) o.MacAddress = ep?.mac ?? '';
  Object.assign(o, {
    DriverOpts: null, GwPriority: 0, NetworkID: n.id, EndpointID: ep?.id ?? '', Gateway: running && n.driver === 'bridge' ? n.gateway : '',
    IPAddress: ep?.ip ?? '',
  });
  if (e.profile.randomMac) o.MacAddress = ep?.mac ?? '';
  Object.assign(o, { IPPrefixLen: ep?.prefixLen ?? 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: dnsNames });
  return o;
}

/** The Ports map of NetworkSettings: exposed ports with their bindings (null when unpublished). */
export function portsJson(c: Container): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = new Set<string>([...c.image.exposed, ...c.exposed, ...c.portSpecs.map((s) => `${s.port}/${s.proto}`)]);
  if (c.state !== 'running' || c.networkMode === 'host') return {};
  for (const k of [...keys].sort()) {
    const b = c.ports.filter((p) => `${p.port}/${p.proto}` === k);
    out[k] = b.length ? b.map((x) => ({ HostIp: x.hostIp, HostPort: String(x.hostPort) })) : null;
  }
  return out;
}

/** container.InspectResponse (the parts the lab models). */
export function containerJson(e: DockerEngine, c: Container): Record<string, unknown> {
  const networks: Record<string, unknown> = {};
  if (c.networkMode === 'host' || c.networkMode === 'none') {
    const n = e.findNetwork(c.networkMode)!;
    networks[n.name] = endpointJson(e, c, n);
  } else if (!c.networkMode.startsWith('container:')) {
    for (const w of c.wanted) {
      const n = e.findNetwork(w.networkId);
      if (n) networks[n.name] = endpointJson(e, c, n);
    }
  }
  const running = c.state === 'running';
  const ns: Record<string, unknown> = {
    SandboxID: running && c.netnsId !== 0 ? c.id.split('').reverse().join('') : '',
    SandboxKey: running ? (c.networkMode === 'host' ? '/var/run/docker/netns/default' : `/var/run/docker/netns/${c.id.slice(3, 15)}`) : '',
    Ports: portsJson(c),
  };
  if (e.profile.hasTopLevelIp) {
    const first = c.endpoints[0];
    const n = first && e.findNetwork(first.networkId);
    const legacy = n?.isDefault ? first : undefined;
    Object.assign(ns, {
      HairpinMode: false, LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0, SecondaryIPAddresses: null, SecondaryIPv6Addresses: null,
      EndpointID: legacy?.id ?? '', Gateway: legacy ? n!.gateway : '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
      IPAddress: legacy?.ip ?? '', IPPrefixLen: legacy?.prefixLen ?? 0, IPv6Gateway: '', MacAddress: legacy?.mac ?? '',
    });
  }
  ns.Networks = networks;
  const bindings: Record<string, unknown> = {};
  for (const s of [...c.portSpecs].sort((a, b) => (`${a.port}/${a.proto}` < `${b.port}/${b.proto}` ? -1 : 1))) {
    const k = `${s.port}/${s.proto}`;
    const hp = s.hostStart === 0 ? '' : s.hostEnd !== s.hostStart ? `${s.hostStart}-${s.hostEnd}` : String(s.hostStart);
    bindings[k] = [...((bindings[k] as unknown[]) ?? []), { HostIp: s.hostIp, HostPort: hp }];
  }
  const sortedNetworks = Object.fromEntries(Object.keys(networks).sort().map((k) => [k, networks[k]]));
  ns.Networks = sortedNetworks;
  return {
    Id: c.id,
    Created: c.created,
    Path: c.cmd[0] ?? '',
    Args: c.cmd.slice(1),
    State: {
      Status: c.state, Running: running, Paused: false, Restarting: false, OOMKilled: false, Dead: false,
      Pid: running ? c.pid ?? 0 : 0, ExitCode: c.exitCode, Error: '', StartedAt: c.startedAt, FinishedAt: c.finishedAt,
    },
    Image: 'sha256:' + c.image.id,
    ResolvConfPath: `/var/lib/docker/containers/${c.id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${c.id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${c.id}/hosts`,
    LogPath: `/var/lib/docker/containers/${c.id}/${c.id}-json.log`,
    Name: '/' + c.name,
    RestartCount: c.restartCount,
    Driver: 'overlayfs',
    Platform: 'linux',
    HostConfig: {
      NetworkMode: c.networkMode,
      PortBindings: bindings,
      AutoRemove: c.autoRemove,
      Dns: c.dns,
      ExtraHosts: c.addHosts.length ? c.addHosts : null,
      Links: c.links.length ? c.links.map((l) => `/${l.name}:/${c.name}/${l.alias}`) : null,
      PublishAllPorts: c.publishAll,
    },
    Config: {
      Hostname: c.hostname, Domainname: '', User: '', AttachStdin: c.interactive, AttachStdout: !c.tty || true, AttachStderr: true,
      ExposedPorts: Object.fromEntries([...new Set([...c.image.exposed, ...c.exposed, ...c.portSpecs.map((s) => `${s.port}/${s.proto}`)])].sort().map((k) => [k, {}])),
      Tty: c.tty, OpenStdin: c.interactive, StdinOnce: false, Cmd: c.cmd, Image: c.imageRef,
      Entrypoint: c.image.entrypoint.length ? c.image.entrypoint : null, Labels: {},
    },
    NetworkSettings: ns,
  };
}
