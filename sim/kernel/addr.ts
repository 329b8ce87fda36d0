/**
 * Interface addresses and the routes the kernel derives from them.
 *
 * IPv4 (devinet + fib_add_ifaddr): a local route in table local for every address, always;
 * while the device is up also the prefix route (main table; for loopback a local route) and
 * the broadcast routes. A second address in a subnet already on the device is secondary;
 * deleting a primary deletes its secondaries (promote_secondaries = 0). Kernel routes are
 * regenerated per device from the address list, so they can never drift from it.
 *
 * IPv6 (addrconf): ::1 on lo when it goes up; on other devices, once up with carrier, the
 * EUI-64 link-local address with its fe80::/64, local and ff00::/8 routes. Admin down removes
 * them; losing carrier keeps them (routes show `linkdown`).
 */
import type { Kernel } from './kernel.ts';
import type { Ipv4Address, Link, Netns, Route } from './types.ts';
import { fail, ok, type KResult } from './errno.ts';
import { markTable } from './route-tables.ts';
import { broadcastOf, inPrefix, ip4ToNum, linkLocalFromMac, maskOf, networkOf, numToIp4, solicitedNodeMac } from './addr-util.ts';

/** Devices that have had IPv4 kernel routes (so a rebuild must look for old ones). */
const hasV4 = new WeakSet<Link>();

const SCOPES: Record<string, number> = { global: 0, site: 200, link: 253, host: 254, nowhere: 255 };
/** Numeric value of a scope (for ordering as the kernel does). */
export const scopeNum = (s: Ipv4Address['scope']): number => (typeof s === 'number' ? s : SCOPES[s] ?? 0);

export interface AddrAddRequest {
  address: string;
  prefixLen: number;
  broadcast?: string;
  label?: string;
  scope: Ipv4Address['scope'];
  noprefixroute?: boolean;
}

/** Addresses of one device, in the kernel's list order. */
export function devAddrs4(ns: Netns, index: number): Ipv4Address[] {
  return ns.addrs4.filter((a) => a.index === index);
}

/** Adds an IPv4 address (__inet_insert_ifa). */
export function addr4Add(k: Kernel, link: Link, req: AddrAddRequest): KResult<Ipv4Address> {
  const ns = k.netns(link.netnsId)!;
  const local = ip4ToNum(req.address)!;
  const mine = devAddrs4(ns, link.index);
  const ifa: Ipv4Address = {
    index: link.index,
    address: req.address,
    prefixLen: req.prefixLen,
    broadcast: req.broadcast,
    label: req.label,
    scope: req.scope,
    secondary: false,
    validLft: 'forever',
    preferredLft: 'forever',
    noprefixroute: req.noprefixroute,
  };
  let lastPrimary: Ipv4Address | undefined;
  for (const a of mine) {
    if (!a.secondary && scopeNum(ifa.scope) <= scopeNum(a.scope)) lastPrimary = a;
    if (a.prefixLen === ifa.prefixLen && inPrefix(ip4ToNum(a.address)!, local, ifa.prefixLen)) {
      if (a.address === ifa.address) return fail('EEXIST', 'ipv4: Address already assigned');
      if (scopeNum(a.scope) !== scopeNum(ifa.scope)) return fail('EINVAL', 'ipv4: Invalid scope value');
      ifa.secondary = true;
    }
  }
  let pos: number;
  if (ifa.secondary) {
    const last = mine[mine.length - 1];
    pos = last ? ns.addrs4.indexOf(last) + 1 : ns.addrs4.length;
  } else if (lastPrimary) {
    pos = ns.addrs4.indexOf(lastPrimary) + 1;
  } else {
    pos = mine.length ? ns.addrs4.indexOf(mine[0]) : ns.addrs4.length;
  }
  ns.addrs4.splice(pos, 0, ifa);
  syncKernelRoutes4(k, link);
  return ok(ifa);
}

/** Deletes the first address matching (address and, when given, prefix length). */
export function addr4Del(k: Kernel, link: Link, address: string, prefixLen?: number): KResult {
  const ns = k.netns(link.netnsId)!;
  const a = devAddrs4(ns, link.index).find((x) => x.address === address && (prefixLen === undefined || x.prefixLen === prefixLen));
  if (!a) return fail('EADDRNOTAVAIL', 'ipv4: Address not found');
  removeAddr(k, ns, link, a);
  return ok(undefined);
}

function removeAddr(k: Kernel, ns: Netns, link: Link, a: Ipv4Address): void {
  const gone = new Set<Ipv4Address>([a]);
  if (!a.secondary) {
    // promote_secondaries = 0: the primary's secondaries go with it.
    const net = networkOf(ip4ToNum(a.address)!, a.prefixLen);
    for (const s of devAddrs4(ns, link.index)) {
      if (s.secondary && s.prefixLen === a.prefixLen && networkOf(ip4ToNum(s.address)!, s.prefixLen) === net) gone.add(s);
    }
  }
  ns.addrs4 = ns.addrs4.filter((x) => !gone.has(x));
  // Routes using a vanished address as their source go too (fib_sync_down_addr).
  const srcs = new Set([...gone].map((x) => x.address));
  ns.routes = ns.routes.filter((r) => r.protocol === 'kernel' || !r.prefsrc || !srcs.has(r.prefsrc) || stillLocal(ns, r.prefsrc));
  syncKernelRoutes4(k, link);
}

function stillLocal(ns: Netns, a: string): boolean {
  return ns.addrs4.some((x) => x.address === a);
}

/** Removes every IPv4 address of a device (ip addr flush), or those matching `pred`. */
export function addr4Flush(k: Kernel, link: Link, pred: (a: Ipv4Address) => boolean = () => true, v6 = false): number {
  const ns = k.netns(link.netnsId)!;
  let n = 0;
  if (v6) {
    // `ip addr flush` without -4 takes the IPv6 addresses too (the link-local included).
    const gone = new Set(ns.addrs6.filter((a) => a.index === link.index).map((a) => a.address));
    n += gone.size;
    ns.addrs6 = ns.addrs6.filter((a) => a.index !== link.index);
    ns.routes = ns.routes.filter((r) => !(r.dev === link.index && r.type === 'local' && gone.has(r.dst)));
    if (link.mcList) link.mcList = link.mcList.filter((m) => !m.startsWith('33:33:ff:'));
  }
  for (const a of devAddrs4(ns, link.index)) {
    if (!ns.addrs4.includes(a) || !pred(a)) continue;
    removeAddr(k, ns, link, a);
    n++;
  }
  return n;
}

/** Rebuilds the kernel's IPv4 routes for a device from its addresses and state. */
export function syncKernelRoutes4(k: Kernel, link: Link): void {
  const ns = k.netns(link.netnsId)!;
  // Most devices of a big namespace (bridge ports) have no IPv4 address: nothing to rebuild.
  if (!hasV4.has(link) && !ns.addrs4.some((a) => a.index === link.index)) return;
  hasV4.add(link);
  ns.routes = ns.routes.filter((r) => !(r.protocol === 'kernel' && r.dev === link.index && !r.dst.includes(':')));
  const addrs = devAddrs4(ns, link.index);
  const add = (r: Omit<Route, 'protocol' | 'dev'>) => {
    const dup = ns.routes.some((x) => x.table === r.table && x.dst === r.dst && x.dstLen === r.dstLen && x.type === r.type && x.dev === link.index && x.protocol === 'kernel');
    if (!dup) {
      ns.routes.push({ ...r, protocol: 'kernel', dev: link.index });
      markTable(ns, r.table);
    }
  };
  for (const a of addrs) {
    const prim = a.secondary ? primaryOf(addrs, a) ?? a : a;
    add({ table: 255, type: 'local', dst: a.address, dstLen: 32, scope: 'host', prefsrc: prim.address });
  }
  if (!link.flags.up) {
    // Loopback keeps its local prefix route while down.
    if (link.kind === 'loopback') for (const a of addrs) if (!a.secondary) loPrefix(a, add);
    return;
  }
  for (const a of addrs) {
    const prim = a.secondary ? primaryOf(addrs, a) ?? a : a;
    const addr = ip4ToNum(a.address)!;
    if (a.broadcast && a.broadcast !== '255.255.255.255') {
      add({ table: 255, type: 'broadcast', dst: a.broadcast, dstLen: 32, scope: 'link', prefsrc: prim.address });
    }
    const prefix = networkOf(addr, a.prefixLen);
    if (prefix !== 0 && !a.secondary && (prefix !== addr || a.prefixLen < 32)) {
      if (!a.noprefixroute) {
        if (link.kind === 'loopback') loPrefix(a, add);
        else add({ table: 254, type: 'unicast', dst: numToIp4(prefix), dstLen: a.prefixLen, scope: 'link', prefsrc: a.address });
      }
      if (a.prefixLen < 31) {
        add({ table: 255, type: 'broadcast', dst: numToIp4(broadcastOf(addr, a.prefixLen)), dstLen: 32, scope: 'link', prefsrc: a.address });
      }
    }
  }
}

function loPrefix(a: Ipv4Address, add: (r: Omit<Route, 'protocol' | 'dev'>) => void): void {
  const addr = ip4ToNum(a.address)!;
  if (a.prefixLen >= 32) return;
  add({ table: 255, type: 'local', dst: numToIp4(networkOf(addr, a.prefixLen)), dstLen: a.prefixLen, scope: 'host', prefsrc: a.address });
}

function primaryOf(addrs: Ipv4Address[], s: Ipv4Address): Ipv4Address | undefined {
  const net = networkOf(ip4ToNum(s.address)!, s.prefixLen);
  return addrs.find((p) => !p.secondary && p.prefixLen === s.prefixLen && networkOf(ip4ToNum(p.address)!, p.prefixLen) === net);
}

/** NETDEV_UP for IPv4: loopback gets 127.0.0.1/8; the prefix and broadcast routes appear. */
export function ipv4DevUp(k: Kernel, link: Link): void {
  const ns = k.netns(link.netnsId)!;
  if (link.kind === 'loopback' && !devAddrs4(ns, link.index).some((a) => a.address === '127.0.0.1')) {
    addr4Add(k, link, { address: '127.0.0.1', prefixLen: 8, scope: 'host', label: 'lo' });
  }
  syncKernelRoutes4(k, link);
}

/** NETDEV_DOWN: routes through the device go, except the local ones. */
export function ipv4DevDown(k: Kernel, link: Link): void {
  const ns = k.netns(link.netnsId)!;
  ns.routes = ns.routes.filter((r) => r.dev !== link.index || r.protocol === 'kernel' || r.dst.includes(':'));
  syncKernelRoutes4(k, link);
}

/** The device is leaving the namespace: every address and route through it goes. */
export function ipv4DevDestroyed(k: Kernel, link: Link): void {
  const ns = k.netns(link.netnsId);
  if (!ns) return;
  ns.addrs4 = ns.addrs4.filter((a) => a.index !== link.index);
  ns.addrs6 = ns.addrs6.filter((a) => a.index !== link.index);
  ns.routes = ns.routes.filter((r) => r.dev !== link.index);
  configured6.delete(link);
  hasV4.delete(link);
}

// ---- IPv6 ----

/** Devices addrconf has configured (cleared on admin down, device removal or move). */
const configured6 = new WeakSet<Link>();

/** Forgets IPv6 state of a device leaving its namespace. */
export function addrconfForget(link: Link): void {
  configured6.delete(link);
}

function ipv6Disabled(k: Kernel, link: Link): boolean {
  return k.sysctlGet(link.netnsId, `net.ipv6.conf.${link.name.replace(/\./g, '/')}.disable_ipv6`) === '1';
}

/** addrconf for a device that is up with carrier: ::1 on lo, the EUI-64 link-local elsewhere. */
export function addrconfUp(k: Kernel, link: Link): void {
  const ns = k.netns(link.netnsId)!;
  if (configured6.has(link) || ipv6Disabled(k, link)) return;
  configured6.add(link);
  const v6 = (r: Omit<Route, 'dev' | 'protocol' | 'scope' | 'pref'>) =>
    ns.routes.push({ ...r, dev: link.index, protocol: 'kernel', scope: 'global', pref: 'medium' });
  if (link.kind === 'loopback') {
    ns.addrs6.push({ index: link.index, address: '::1', prefixLen: 128, scope: 'host', kernel: true });
    v6({ table: 255, type: 'local', dst: '::1', dstLen: 128, metric: 0 });
    return;
  }
  const ll = linkLocalFromMac(link.mac);
  ns.addrs6.push({ index: link.index, address: ll, prefixLen: 64, scope: 'link', kernel: true, tentative: true });
  v6({ table: 254, type: 'unicast', dst: 'fe80::', dstLen: 64, metric: 256 });
  v6({ table: 255, type: 'local', dst: ll, dstLen: 128, metric: 0 });
  v6({ table: 255, type: 'multicast', dst: 'ff00::', dstLen: 8, metric: 256 });
  const sol = solicitedNodeMac(link.mac);
  if (!link.mcList!.includes(sol)) link.mcList!.push(sol);
}

/** addrconf_ifdown: admin down removes the device's IPv6 addresses and routes. */
export function addrconfDown(k: Kernel, link: Link): void {
  const ns = k.netns(link.netnsId)!;
  if (!configured6.delete(link)) {
    if (link.mcList) link.mcList = link.mcList.filter((m) => m !== '01:00:5e:00:00:01');
    return;
  }
  const gone = ns.addrs6.filter((a) => a.index === link.index);
  ns.addrs6 = ns.addrs6.filter((a) => a.index !== link.index);
  ns.routes = ns.routes.filter((r) => !(r.dev === link.index && r.dst.includes(':')));
  if (gone.length && link.mcList) link.mcList = link.mcList.filter((m) => !m.startsWith('33:33:ff:'));
  if (link.mcList) link.mcList = link.mcList.filter((m) => m !== '01:00:5e:00:00:01');
}

/** Netmask of a prefix length as a dotted quad (ifconfig). */
export const netmaskOf = (len: number): string => numToIp4(maskOf(len));
