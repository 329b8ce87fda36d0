/**
 * The escape hatch: checks that need code. Each is a pure function over the kernel's state
 * (read only) and its arguments; exercises name them with `kind: custom, fn: NAME`.
 * Keep them few: a check that can be data should be data.
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { Verdict } from './state.ts';
import { placeName, resolveNetns } from './resolve.ts';
import { chainRuleTexts } from './state.ts';

export type CustomCheck = (kernel: Kernel, args: Record<string, unknown>) => Verdict;

const registry = new Map<string, CustomCheck>();

/** Registers a custom check under a name. */
export function registerCustomCheck(name: string, fn: CustomCheck): void {
  registry.set(name, fn);
}

export function customCheck(name: string): CustomCheck | undefined {
  return registry.get(name);
}

/** The root namespace's visible link names are exactly those listed (lesson 1: "nothing else changed"). */
registerCustomCheck('host-links-unchanged', (kernel, args) => {
  const want = (args.links as string[] | undefined) ?? ['lo'];
  const host = resolveNetns(kernel, 'host')!;
  const have = kernel.links(host.id).map((l) => l.name);
  const extra = have.filter((n) => !want.includes(n));
  const missing = want.filter((n) => !have.includes(n));
  if (!extra.length && !missing.length) return { pass: true, why: '' };
  return {
    pass: false,
    why: [extra.length ? `the host gained ${extra.join(', ')}` : '', missing.length ? `the host lost ${missing.join(', ')}` : '']
      .filter(Boolean)
      .join('; '),
  };
});

/**
 * The other end of a veth (a container's `eth0`, whose host-side name Docker draws at random)
 * is a port of a given bridge: args `netns` (e.g. `container:web`), `name` (e.g. `eth0`),
 * `master` (e.g. `docker0`, or `br-*` for any user-defined network's bridge).
 */
registerCustomCheck('peer-master', (kernel, args) => {
  const where = String(args.netns ?? 'host');
  const name = String(args.name ?? 'eth0');
  const want = String(args.master ?? '');
  const ns = resolveNetns(kernel, where);
  const link = ns ? kernel.linkByName(ns.id, name) : undefined;
  if (!ns) return { pass: false, why: `${placeName(where)} does not exist` };
  if (!link) return { pass: false, why: `${placeName(where)} has no interface named ${name}` };
  const peer = link.kind === 'veth' ? kernel.peerOf(link) : undefined;
  if (!peer) return { pass: false, why: `${name} in ${placeName(where)} is not a veth with a peer` };
  const master = peer.master === undefined ? undefined : kernel.linkByIndex(peer.netnsId, peer.master);
  // `br-*`: any bridge of a user-defined network, whose name carries the network's random id.
  const fits = (n?: string) => n !== undefined && (want.endsWith('*') ? n.startsWith(want.slice(0, -1)) : n === want);
  if (fits(master?.name)) return { pass: true, why: '' };
  return {
    pass: false,
    why: `the other end of ${name} in ${placeName(where)} (${peer.name}) is ${master ? `a port of ${master.name}` : 'not a port of any bridge'}, not of ${want.endsWith('*') ? `a bridge named ${want}` : want}`,
  };
});

/**
 * Two places are one network namespace (a `--network container:web` or `--network host`
 * container shares it): args `netns` and `same` (e.g. `container:sidecar` and `container:web`,
 * or `container:metrics` and `host`). Compares the kernel's namespace ids, not addresses.
 */
registerCustomCheck('same-netns', (kernel, args) => {
  const a = String(args.netns ?? 'host');
  const b = String(args.same ?? 'host');
  const na = resolveNetns(kernel, a);
  const nb = resolveNetns(kernel, b);
  if (!na) return { pass: false, why: `${placeName(a)} does not exist (or is not running)` };
  if (!nb) return { pass: false, why: `${placeName(b)} does not exist (or is not running)` };
  if (na.id === nb.id) return { pass: true, why: '' };
  return { pass: false, why: `${placeName(a)} has a network namespace of its own, not the one of ${placeName(b)}` };
});

/**
 * A chain holds at least one rule with one of the given targets, whatever it matches: args
 * `netns` (default host), `table` (default filter), `chain`, `targets` (default DROP and
 * REJECT). For "your filter lives in DOCKER-USER" when a rule can be written many ways.
 */
registerCustomCheck('chain-has-target', (kernel, args) => {
  const where = String(args.netns ?? 'host');
  const table = String(args.table ?? 'filter');
  const chain = String(args.chain ?? '');
  const targets = (args.targets as string[] | undefined) ?? ['DROP', 'REJECT'];
  const ns = resolveNetns(kernel, where);
  if (!ns) return { pass: false, why: `${placeName(where)} does not exist` };
  const rules = chainRuleTexts(ns, table, chain);
  if (rules.some((r) => targets.some((t) => new RegExp(`(^|\\s)-j ${t}(\\s|$)`).test(r)))) return { pass: true, why: '' };
  return {
    pass: false,
    why: `the ${table} table's ${chain} chain in ${placeName(where)} has ${rules.length ? `no ${targets.join(' or ')} rule (only ${rules.map((r) => `\`${r}\``).join(', ')})` : 'no rules'}`,
  };
});

/**
 * A link's MTU is no larger than the uplink's: args `netns`/`name` (e.g. `container:web`,
 * `eth0`) and `uplink` (a host link, default `eth0`). Full-size packets from a container whose
 * MTU exceeds the path's are what hang TLS and bulk transfers (curriculum pitfall 13).
 */
registerCustomCheck('mtu-fits', (kernel, args) => {
  const where = String(args.netns ?? 'host');
  const name = String(args.name ?? 'eth0');
  const upName = String(args.uplink ?? 'eth0');
  const ns = resolveNetns(kernel, where);
  const link = ns ? kernel.linkByName(ns.id, name) : undefined;
  const up = kernel.linkByName(0, upName);
  if (!link) return { pass: false, why: `${placeName(where)} has no interface named ${name}` };
  if (!up) return { pass: false, why: `the host has no interface named ${upName}` };
  if (link.mtu <= up.mtu) return { pass: true, why: '' };
  return { pass: false, why: `${name} in ${placeName(where)} sends packets of up to ${link.mtu} bytes, but the host's ${upName} carries only ${up.mtu}` };
});

/**
 * No route of the host's main table carves a piece out of a LAN: args `prefix` (e.g.
 * `192.0.2.0/24`) and `dev` (the LAN's link, e.g. `eth0`). A more specific route inside the
 * prefix through another device (a Docker bridge with an overlapping subnet) fails it.
 */
registerCustomCheck('lan-not-shadowed', (kernel, args) => {
  const [lanAddr, lanLen] = String(args.prefix ?? '').split('/');
  const len = Number(lanLen);
  const devName = String(args.dev ?? 'eth0');
  const host = resolveNetns(kernel, 'host')!;
  // Compare the top `len` bits of the two network addresses.
  const v4 = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const top = (a: string) => Math.floor(v4(a) / 2 ** (32 - len));
  for (const r of host.routes) {
    if (r.table !== 254 || r.dstLen <= len) continue;
    const dev = r.dev === undefined ? undefined : kernel.linkByIndex(host.id, r.dev)?.name;
    if (dev === devName || top(r.dst.split('/')[0]) !== top(lanAddr)) continue;
    return { pass: false, why: `the host routes ${r.dst}/${r.dstLen}, part of the LAN ${args.prefix}, to ${dev ?? 'nowhere'} instead of ${devName}` };
  }
  return { pass: true, why: '' };
});
