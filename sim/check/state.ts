/**
 * State checks: read the machine as it is now, change nothing. Each returns whether it
 * passes and, when it does not, a sentence about the topology that says what is missing.
 */
import { Address4 } from 'ip-address';
import type { Kernel } from '../kernel/kernel.ts';
import type { Link, Netns } from '../kernel/types.ts';
import { peekTable } from '../kernel/netfilter/tables.ts';
import { ruleSpecText } from '../kernel/netfilter/print.ts';
import type { TableName } from '../kernel/netfilter/types.ts';
import type { Check } from './schema.ts';
import { placeName, resolveNetns } from './resolve.ts';
import { canonicalRule } from './rules.ts';

export interface Verdict {
  pass: boolean;
  /** Why it fails, in terms of the topology (empty when it passes). */
  why: string;
}

const yes: Verdict = { pass: true, why: '' };
const no = (why: string): Verdict => ({ pass: false, why });

type StateCheck = Extract<Check, { kind: 'netns' | 'link' | 'no-link-kind' | 'route' | 'sysctl' | 'rule' | 'policy' }>;

/** Evaluates one state check against the machine's kernel. */
export function evaluateState(kernel: Kernel, c: StateCheck): Verdict {
  switch (c.kind) {
    case 'netns': {
      const exists = kernel.netnsByName(c.name) !== undefined;
      if (exists === c.present) return yes;
      return no(c.present ? `there is no network namespace named ${c.name}` : `namespace ${c.name} still exists`);
    }
    case 'link':
      return linkVerdict(kernel, c);
    case 'no-link-kind': {
      const ns = resolveNetns(kernel, c.netns);
      if (!ns) return yes;
      const found = kernel.links(ns.id).find((l) => l.kind === c.type);
      return found ? no(`${placeName(c.netns)} has a ${c.type} (${found.name}), which this exercise does without`) : yes;
    }
    case 'route':
      return routeVerdict(kernel, c);
    case 'sysctl': {
      const ns = resolveNetns(kernel, c.netns);
      if (!ns) return no(`${placeName(c.netns)} does not exist`);
      const v = kernel.sysctlGet(ns.id, c.key);
      return v === c.value ? yes : no(`${c.key} is ${v ?? 'not set'} in ${placeName(c.netns)}, not ${c.value}`);
    }
    case 'rule':
      return ruleVerdict(kernel, c);
    case 'policy': {
      const ns = resolveNetns(kernel, c.netns);
      if (!ns) return no(`${placeName(c.netns)} does not exist`);
      const policy = peekTable(ns, c.table as TableName)?.chains.get(c.chain)?.policy ?? 'ACCEPT';
      return policy === c.policy ? yes : no(`the ${c.chain} policy of the ${c.table} table is ${policy}, not ${c.policy}`);
    }
  }
}

function inPrefix(address: string, prefix: string): boolean {
  try {
    return new Address4(address).isInSubnet(new Address4(prefix));
  } catch {
    return false;
  }
}

function linkVerdict(kernel: Kernel, c: Extract<Check, { kind: 'link' }>): Verdict {
  const where = placeName(c.netns);
  const ns = resolveNetns(kernel, c.netns);
  const link = ns ? kernel.linkByName(ns.id, c.name) : undefined;
  if (!c.present) return link ? no(`${c.name} still exists in ${where}`) : yes;
  if (!ns) return no(`${where} does not exist`);
  if (!link) return no(`${where} has no interface named ${c.name}`);
  if (c.type && link.kind !== c.type) return no(`${c.name} in ${where} is a ${link.kind}, not a ${c.type}`);
  if (c.up !== undefined) {
    if (c.up && !link.flags.up) return no(`${c.name} in ${where} is DOWN: bring it up`);
    if (!c.up && link.flags.up) return no(`${c.name} in ${where} is UP`);
    if (c.up && link.kind === 'veth' && !link.flags.lowerUp) return no(`${c.name} in ${where} is up but has no carrier: its peer is down`);
  }
  const addrs = ns.addrs4.filter((a) => a.index === link.index);
  if (c.address) {
    const [ip, len] = c.address.split('/');
    const has = addrs.some((a) => a.address === ip && (len === undefined || a.prefixLen === Number(len)));
    if (!has) {
      const now = addrs.map((a) => `${a.address}/${a.prefixLen}`).join(', ');
      return no(`${c.name} in ${where} does not have ${c.address}${now ? ` (it has ${now})` : ' (it has no IPv4 address)'}`);
    }
  }
  if (c.noAddressIn) {
    const stray = addrs.find((a) => inPrefix(a.address, c.noAddressIn!));
    if (stray) return no(`${c.name} in ${where} still has ${stray.address}/${stray.prefixLen}, inside ${c.noAddressIn}`);
  }
  if (c.master) {
    const master = link.master === undefined ? undefined : kernel.linkByIndex(ns.id, link.master);
    if (master?.name !== c.master) return no(`${c.name} in ${where} is not a port of ${c.master}${master ? ` (its master is ${master.name})` : ''}`);
  }
  if (c.peerNetns) return peerVerdict(kernel, link, c.name, where, c.peerNetns);
  return yes;
}

function peerVerdict(kernel: Kernel, link: Link, name: string, where: string, want: string): Verdict {
  if (link.kind !== 'veth') return no(`${name} in ${where} is not a veth, so it has no peer`);
  const peer = kernel.peerOf(link);
  const wantNs = resolveNetns(kernel, want);
  if (!peer || !wantNs || peer.netnsId !== wantNs.id) return no(`the other end of ${name} is not in ${placeName(want)}`);
  return yes;
}

function routeVerdict(kernel: Kernel, c: Extract<Check, { kind: 'route' }>): Verdict {
  const where = placeName(c.netns);
  const ns = resolveNetns(kernel, c.netns);
  if (!ns) return no(`${where} does not exist`);
  const [dst, len] = c.dst === 'default' ? ['0.0.0.0', 0] : [c.dst.split('/')[0], Number(c.dst.split('/')[1] ?? 32)];
  const found = ns.routes.some(
    (r) =>
      r.table === 254 &&
      r.dst === dst &&
      r.dstLen === len &&
      (c.via === undefined || r.gateway === c.via) &&
      (c.dev === undefined || (r.dev !== undefined && kernel.linkByIndex(ns.id, r.dev)?.name === c.dev)),
  );
  if (found === c.present) return yes;
  const what = `${c.dst}${c.via ? ` via ${c.via}` : ''}${c.dev ? ` dev ${c.dev}` : ''}`;
  return no(c.present ? `${where} has no route ${what}` : `${where} still has the route ${what}`);
}

/** The chain's rules as `iptables -S` prints them, without `-A CHAIN`. */
export function chainRuleTexts(ns: Netns, table: string, chain: string): string[] {
  const c = peekTable(ns, table as TableName)?.chains.get(chain);
  return c ? c.rules.map((r) => ruleSpecText(r).trim()) : [];
}

function ruleVerdict(kernel: Kernel, c: Extract<Check, { kind: 'rule' }>): Verdict {
  const where = placeName(c.netns);
  const ns = resolveNetns(kernel, c.netns);
  if (!ns) return no(`${where} does not exist`);
  const wanted = [c.rule, ...(c.anyOf ?? [])].map((r) => canonicalRule(c.table, c.chain, r));
  const have = new Set(chainRuleTexts(ns, c.table, c.chain));
  const found = wanted.some((w) => w !== undefined && have.has(w));
  if (found === c.present) return yes;
  return no(
    c.present
      ? `the ${c.table} table's ${c.chain} chain in ${where} has no rule like \`${c.rule}\``
      : `the ${c.table} table's ${c.chain} chain in ${where} still has \`${c.rule}\``,
  );
}
