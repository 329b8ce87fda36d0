/**
 * Device lifecycle: registration, deletion, moving between namespaces, renaming, admin
 * up/down, mtu/MAC/txqueuelen changes. Kind-specific behaviour (veth carrier, bridge ports)
 * lives in veth.ts and bridge.ts; addresses and routes react through addr.ts.
 */
import type { Kernel } from './kernel.ts';
import type { Link, LinkKind, Netns } from './types.ts';
import { fail, ok, type KResult } from './errno.ts';
import { randomMac } from './rng.ts';
import { nsidAlloc } from './netns.ts';
import { addrconfDown, addrconfUp, ipv4DevDown, ipv4DevUp, ipv4DevDestroyed } from './addr.ts';
import { bridgePortChanged, bridgeRelease, bridgeDestroyed, bridgeMacChanged } from './bridge.ts';
import { neighFlushDev } from './neigh.ts';

const zeroStats = () => ({ rxPackets: 0, rxBytes: 0, rxErrors: 0, rxDropped: 0, txPackets: 0, txBytes: 0, txErrors: 0, txDropped: 0 });

/** A Link record with the kernel's defaults for its kind (not registered yet). */
export function makeLink(k: Kernel, kind: LinkKind, name: string, index: number, mac?: string): Link {
  const loop = kind === 'loopback';
  return {
    index,
    name,
    kind,
    netnsId: -1,
    mtu: loop ? 65536 : 1500,
    mac: mac ?? (loop ? '00:00:00:00:00:00' : randomMac(k.state.rng)),
    flags: { up: false, lowerUp: kind === 'loopback' || kind === 'bridge' || kind === 'dummy' },
    txqlen: 1000,
    stats: zeroStats(),
    qdisc: 'noop',
    mcList: loop ? [] : ['33:33:00:00:00:01'],
  };
}

/** Registers `lo` (ifindex 1) in a new namespace. */
export function createLoopback(k: Kernel, ns: Netns): Link {
  const lo = makeLink(k, 'loopback', 'lo', k.reserveIndex(ns));
  k.register(ns, lo);
  k.linkwatch.init(lo);
  return lo;
}

/** IFNAMSIZ and dev_valid_name. */
export function validIfname(name: string): boolean {
  return name.length > 0 && name.length < 16 && name !== '.' && name !== '..' && !/[/:\s]/.test(name);
}

/** The first free name for a `prefix%d` pattern, as dev_alloc_name picks it. */
export function allocName(k: Kernel, netnsId: number, pattern: string): string {
  for (let i = 0; ; i++) {
    const n = pattern.replace('%d', String(i));
    if (!k.linkByName(netnsId, n)) return n;
  }
}

/** Deletes a device (and what goes with it: a veth's peer, a bridge's ports are released). */
export function linkDelete(k: Kernel, link: Link): KResult {
  if (link.kind === 'loopback') return fail('EOPNOTSUPP');
  const peer = k.peerOf(link);
  destroyLink(k, link);
  if (peer) destroyLink(k, peer);
  return ok(undefined);
}

/** Unregisters one device: close it, drop its addresses, routes, neighbours, ports. */
export function destroyLink(k: Kernel, link: Link): void {
  if (!k.linkByIndex(link.netnsId, link.index)) return;
  if (link.flags.up) setDown(k, link);
  if (link.master !== undefined) bridgeRelease(k, link);
  if (link.kind === 'bridge') bridgeDestroyed(k, link);
  ipv4DevDestroyed(k, link);
  neighFlushDev(k, link.netnsId, link.index);
  k.linkwatch.forget(link);
  k.unregister(link);
  // A veth whose peer is gone keeps no dangling reference.
  const peer = link.peer && k.linkByIndex(link.peer.netnsId, link.peer.index);
  if (peer && peer.peer && peer.peer.index === link.index && peer.peer.netnsId === link.netnsId) {
    peer.flags.lowerUp = false;
  }
}

/** Admin up (dev_open). */
export function setUp(k: Kernel, link: Link): void {
  if (link.flags.up) return;
  link.flags.up = true;
  link.qdisc = link.kind === 'ether' ? (link.qdisc === 'noop' ? 'fq_codel' : link.qdisc) : 'noqueue';
  if (link.kind === 'loopback') link.flags.lowerUp = true;
  // Multicast groups joined while opening (bridge snooping, then IPv4 all-hosts), before any
  // carrier event lets IPv6 join its solicited-node group: `bridge fdb show` lists them so.
  if (link.kind === 'bridge') {
    for (const g of ['01:00:5e:00:00:6a', '33:33:00:00:00:6a']) if (!link.mcList!.includes(g)) link.mcList!.push(g);
  }
  if (!link.mcList!.includes('01:00:5e:00:00:01') && link.kind !== 'loopback') link.mcList!.push('01:00:5e:00:00:01');
  if (link.kind === 'veth') {
    const peer = k.peerOf(link);
    if (peer && peer.flags.up) {
      k.linkwatch.setCarrier(link, true);
      k.linkwatch.setCarrier(peer, true);
    }
  }
  k.linkwatch.opened(link);
  if (link.kind === 'ether' || link.kind === 'dummy') {
    // A NIC with its cable in: carrier is reported as the device opens.
    if (link.operstate !== 'UP') {
      link.flags.lowerUp = true;
      k.linkwatch.fire(link, true);
    }
  }
  // NETDEV_UP consumers.
  ipv4DevUp(k, link);
  if (ipv6Ready(link)) addrconfUp(k, link);
  bridgePortChanged(k, link);
  k.linkwatch.sync(link);
}

/** Admin down (dev_close). */
export function setDown(k: Kernel, link: Link): void {
  if (!link.flags.up) return;
  link.flags.up = false;
  if (link.kind === 'veth') {
    const peer = k.peerOf(link);
    k.linkwatch.setCarrier(link, false);
    if (peer) k.linkwatch.setCarrier(peer, false);
  }
  ipv4DevDown(k, link);
  addrconfDown(k, link);
  neighFlushDev(k, link.netnsId, link.index);
  bridgePortChanged(k, link);
}

/** IPv6 configures a device once it is up with carrier (addrconf_link_ready). */
export function ipv6Ready(link: Link): boolean {
  return link.flags.up && link.flags.lowerUp;
}

/** NETDEV_CHANGE as linkwatch delivers it: bridge ports and IPv6 react to carrier. */
export function linkStateChanged(k: Kernel, link: Link): void {
  if (!k.linkByIndex(link.netnsId, link.index)) return;
  if (ipv6Ready(link)) addrconfUp(k, link);
  bridgePortChanged(k, link);
}

/** dev_change_net_namespace: closes the device and re-registers it in `to`. */
export function linkMove(k: Kernel, link: Link, to: Netns): KResult {
  if (link.kind === 'loopback' || link.kind === 'bridge') return fail('EINVAL', 'The interface netns is immutable');
  if (link.netnsId === to.id) return ok(undefined);
  if (k.linkByName(to.id, link.name)) return fail('EEXIST', 'An interface with the same name exists in the target netns');
  if (link.flags.up) setDown(k, link);
  if (link.master !== undefined) bridgeRelease(k, link);
  ipv4DevDestroyed(k, link);
  neighFlushDev(k, link.netnsId, link.index);
  k.unregister(link);
  if (to.links.has(link.index)) link.index = k.reserveIndex(to);
  k.register(to, link);
  link.mcList = ['33:33:00:00:00:01'];
  const peer = k.peerOf(link);
  if (link.kind === 'veth' && peer) {
    // The peer's record of where we are.
    peer.peer = { netnsId: to.id, index: link.index };
    noteNsids(k, link, peer);
  }
  k.linkwatch.init(link);
  return ok(undefined);
}

/** Both namespaces learn an nsid for each other when a veth pair spans them (rtnl_fill_link_netnsid). */
export function noteNsids(k: Kernel, a: Link, b: Link): void {
  if (a.netnsId === b.netnsId) return;
  const na = k.netns(a.netnsId)!;
  const nb = k.netns(b.netnsId)!;
  nsidAlloc(nb, na);
  nsidAlloc(na, nb);
}

/** Renames a device (EEXIST if the name is taken; the reference kernel allows it while up). */
export function linkRename(k: Kernel, link: Link, name: string): KResult {
  if (name === link.name) return ok(undefined);
  if (k.linkByName(link.netnsId, name)) return fail('EEXIST');
  k.reindexName(link, name);
  return ok(undefined);
}

/** Sets the MTU within the kind's limits. */
export function linkSetMtu(link: Link, mtu: number): KResult {
  const min = link.kind === 'loopback' ? 0 : 68;
  const max = link.kind === 'loopback' ? 0x7fffffff : 65535;
  if (mtu < min) return fail('EINVAL', 'mtu less than device minimum');
  if (mtu > max) return fail('EINVAL', 'mtu greater than device maximum');
  link.mtu = mtu;
  return ok(undefined);
}

/** Sets the MAC (bridges then keep it; a port's change moves the bridge's). */
export function linkSetMac(k: Kernel, link: Link, mac: string): KResult {
  if (link.kind === 'loopback') return fail('EOPNOTSUPP');
  if (/^(..):/.exec(mac) && parseInt(mac.slice(0, 2), 16) & 1) return fail('EADDRNOTAVAIL');
  const old = link.mac;
  link.mac = mac;
  if (link.kind === 'bridge') link.macSetByUser = true;
  bridgeMacChanged(k, link, old);
  return ok(undefined);
}
