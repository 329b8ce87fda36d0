/**
 * Tab completion for the network tools, as data: what may follow each word. Completers read
 * the machine (device names, namespaces, chains, containers) but never change it.
 */
import type { Machine } from '../machine.ts';
import { peekTable, isTableName } from '../kernel/netfilter/tables.ts';
import { dockerOf } from '../docker/machine-host.ts';

type Ctx = { machine: Machine; netnsId: number };

const IP_OBJECTS = ['address', 'link', 'route', 'neigh', 'netns', 'help'];
const IP_VERBS: Record<string, string[]> = {
  link: ['add', 'delete', 'set', 'show', 'help'],
  address: ['add', 'del', 'flush', 'show', 'help'],
  route: ['add', 'del', 'replace', 'get', 'show', 'flush', 'help'],
  neigh: ['add', 'del', 'replace', 'flush', 'show', 'help'],
  netns: ['add', 'delete', 'list', 'exec', 'identify', 'pids', 'set', 'help'],
};
const IP_ALIAS: Record<string, string> = { a: 'address', addr: 'address', l: 'link', r: 'route', n: 'neigh', neighbour: 'neigh' };
const IP_LINK_SET = ['up', 'down', 'master', 'nomaster', 'netns', 'name', 'mtu', 'address'];

const devices = (c: Ctx, netnsId = c.netnsId) => c.machine.kernel.links(netnsId).map((l) => l.name);
const namespaces = (c: Ctx) => c.machine.kernel.netnsList().map((n) => n.name!);

/** `ip [-n NS] OBJECT VERB ...`: objects, verbs, then devices, namespaces and keywords. */
export function completeIp(argv: string[], c: Ctx): string[] {
  const words = argv.slice(1, -1);
  let ns = c.netnsId;
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '-n' || words[i] === '-netns') {
      const found = c.machine.kernel.netnsByName(words[i + 1] ?? '');
      if (found) ns = found.id;
      i++;
    } else if (!words[i].startsWith('-')) rest.push(words[i]);
  }
  if (words[words.length - 1] === '-n' || words[words.length - 1] === '-netns') return namespaces(c);
  if (rest.length === 0) return [...IP_OBJECTS, '-br', '-n', '-d', '-s', '-4', '-6', '-o'];
  const obj = IP_ALIAS[rest[0]] ?? rest[0];
  if (rest.length === 1) return IP_VERBS[obj] ?? [];
  const prev = rest[rest.length - 1];
  if (obj === 'netns') return ['exec', 'delete', 'del', 'pids', 'set', 'identify'].includes(rest[1]) && rest.length === 2 ? namespaces(c) : [];
  if (prev === 'netns') return namespaces(c);
  if (['dev', 'master', 'set', 'del', 'delete', 'show'].includes(prev) && obj === 'link') return devices(c, ns);
  if (prev === 'dev' || prev === 'master') return devices(c, ns);
  if (obj === 'link' && rest[1] === 'set') return IP_LINK_SET;
  if (obj === 'link' && rest[1] === 'add') return ['type', 'peer', 'name', 'netns', 'veth', 'bridge'];
  return ['dev'];
}

/** `iptables [-t TABLE] -A CHAIN ...`: options, tables, then the table's chains. */
export function completeIptables(argv: string[], c: Ctx): string[] {
  const words = argv.slice(1, -1);
  const prev = words[words.length - 1];
  const ti = words.indexOf('-t');
  const table = ti >= 0 && isTableName(words[ti + 1] ?? '') ? words[ti + 1] : 'filter';
  if (prev === '-t') return ['filter', 'nat', 'mangle', 'raw'];
  if (['-A', '-I', '-D', '-R', '-C', '-L', '-S', '-F', '-Z', '-N', '-X', '-E', '-P', '-j', '-g'].includes(prev ?? '')) {
    const ns = c.machine.kernel.netns(c.netnsId);
    const chains = ns && isTableName(table) ? [...(peekTable(ns, table)?.chains.keys() ?? [])] : [];
    const builtins = { filter: ['INPUT', 'FORWARD', 'OUTPUT'], nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'], raw: ['PREROUTING', 'OUTPUT'] }[table] ?? [];
    const targets = prev === '-j' ? ['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'LOG', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT'] : [];
    return [...new Set([...builtins, ...chains, ...targets])];
  }
  if (prev === '-i' || prev === '-o') return devices(c);
  if (prev === '-p') return ['tcp', 'udp', 'icmp', 'all'];
  return ['-t', '-A', '-I', '-D', '-L', '-S', '-F', '-N', '-X', '-P', '-s', '-d', '-i', '-o', '-p', '-j', '-m', '--dport', '--sport', '-n', '-v'];
}

const DOCKER_VERBS = ['run', 'ps', 'exec', 'inspect', 'logs', 'port', 'stop', 'start', 'restart', 'rm', 'create', 'top', 'images', 'pull', 'network', 'version', 'info'];
const DOCKER_NETWORK = ['ls', 'create', 'inspect', 'rm', 'connect', 'disconnect', 'prune'];

/** `docker VERB ...`: verbs, then container or network names. */
export function completeDocker(argv: string[], c: Ctx): string[] {
  const words = argv.slice(1, -1);
  if (words.length === 0) return DOCKER_VERBS;
  let engine;
  try {
    engine = dockerOf(c.machine as never);
  } catch {
    return [];
  }
  const containers = engine.containers.map((x) => (x as { name: string }).name);
  const networks = engine.networks.map((x) => (x as { name: string }).name);
  if (words[0] === 'network') {
    if (words.length === 1) return DOCKER_NETWORK;
    if (['connect', 'disconnect'].includes(words[1])) return words.length === 2 ? networks : containers;
    return ['inspect', 'rm'].includes(words[1]) ? networks : [];
  }
  if (words[words.length - 1] === '--network') return [...networks, 'host', 'none', ...containers.map((n) => `container:${n}`)];
  if (['exec', 'inspect', 'logs', 'port', 'stop', 'start', 'restart', 'rm', 'top'].includes(words[0])) return containers;
  return [];
}
