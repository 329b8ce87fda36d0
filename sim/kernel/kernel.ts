/**
 * The simulated kernel's control plane: namespaces, devices, addresses, routes, neighbours,
 * bridge FDBs and sysctls, with netlink-like operations that answer as the kernel does
 * (errno + extack, see errno.ts). Commands call these operations and print from the state;
 * the datapath (sim/kernel/datapath/) reads the same state and calls the FIB, neighbour and
 * FDB functions exported here and from route.ts, neigh.ts and fdb.ts.
 *
 * Device operations live in link.ts, veth.ts and bridge.ts; this file holds the registry
 * (lookups by name and index per namespace) and the namespace lifecycle.
 */
import type { Clock } from './clock.ts';
import type { Rng } from './rng.ts';
import type { TimerQueue } from './timers.ts';
import type { Link, MachineState, Netns } from './types.ts';
import type { NetfilterSeam, TransportSeam } from './hooks.ts';
import { TraceLog } from '../observe/trace.ts';
import { fail, ok, type KResult } from './errno.ts';
import { newNetns, nsidAlloc, nsidForget, nsidSet } from './netns.ts';
import { SysctlTable } from './sysctl.ts';
import { Linkwatch } from './link-state.ts';
import { createLoopback, destroyLink, linkDelete, linkMove, linkRename, linkSetMac, linkSetMtu, linkStateChanged, setDown, setUp } from './link.ts';
import { vethCreate, type VethRequest } from './veth.ts';
import { bridgeCreate, bridgeEnslave, bridgeRelease, bridgeSetStp } from './bridge.ts';
import { addr4Add, addr4Del, addr4Flush, type AddrAddRequest } from './addr.ts';
import { routeDelete, routeLookup, routeModify, type RouteOp, type RouteRequest, type RouteResult } from './route.ts';
import { neighConfirm, neighDelete, neighLookup, neighResolve, neighSet } from './neigh.ts';
import { fdbAge, fdbLearn, fdbLookup } from './fdb.ts';
import type { FdbEntry, Ipv4Address, Neighbour, NeighState } from './types.ts';

export class Kernel {
  readonly state: MachineState;
  readonly trace: TraceLog;
  readonly timers: TimerQueue;
  nf?: NetfilterSeam;
  transport?: TransportSeam;
  /** Kinds `ip link add type X` can create (this reference kernel has no dummy module). */
  readonly creatableKinds = new Set<string>(['veth', 'bridge']);
  /** Carrier/operstate engine (global, like the kernel's linkwatch). */
  readonly linkwatch: Linkwatch;
  private readonly byName = new WeakMap<Netns, Map<string, Link>>();
  private seq = 0;

  constructor(opts: { clock: Clock; rng: Rng; timers: TimerQueue; trace?: TraceLog }) {
    this.state = { clock: opts.clock, rng: opts.rng, netns: new Map(), nextNetnsId: 0, dmesg: [] };
    this.timers = opts.timers;
    this.trace = opts.trace ?? new TraceLog();
    this.linkwatch = new Linkwatch({
      now: () => this.state.clock.now(),
      after: (ms, fn) => void this.timers.after(ms, fn),
      byIndex: (link, index) => this.state.netns.get(link.netnsId)?.links.get(index),
      stateChanged: (link) => linkStateChanged(this, link),
    });
    this.createNetns({});
  }

  /** The host's namespace (init_net of the simulated machine). */
  get host(): Netns {
    return this.state.netns.get(0)!;
  }

  /** A namespace by internal id. */
  netns(id: number): Netns | undefined {
    return this.state.netns.get(id);
  }

  // ---- namespaces ----

  /** Creates a namespace (named, anonymous, or hidden) with its loopback device, down. */
  createNetns(opts: { name?: string; hidden?: boolean }): Netns {
    const id = this.state.nextNetnsId++;
    const ns = newNetns(id, opts.name, this.seq++);
    if (opts.hidden) ns.hidden = true;
    this.byName.set(ns, new Map());
    ns.sysctl = new SysctlTable({
      has: (n) => this.byName.get(ns)!.has(n.replace(/\//g, '.')),
      info: (n) => {
        const l = this.byName.get(ns)!.get(n.replace(/\//g, '.'));
        return l && { mtu: l.mtu, loopback: l.kind === 'loopback' };
      },
      names: () => [...this.byName.get(ns)!.keys()].map((n) => n.replace(/\./g, '/')),
    });
    this.state.netns.set(id, ns);
    createLoopback(this, ns);
    this.nf?.netnsCreated?.(ns);
    return ns;
  }

  /** `ip netns add NAME`. */
  netnsAdd(name: string): KResult<Netns> {
    if (this.netnsByName(name)) return fail('EEXIST');
    return ok(this.createNetns({ name }));
  }

  /** A named namespace (as under /run/netns). */
  netnsByName(name: string): Netns | undefined {
    for (const ns of this.state.netns.values()) if (ns.name === name && !ns.hidden) return ns;
    return undefined;
  }

  /** Named namespaces in `ip netns list` order (newest first, like tmpfs readdir). */
  netnsList(): Netns[] {
    return [...this.state.netns.values()]
      .filter((ns) => ns.name !== undefined && !ns.hidden)
      .sort((a, b) => (b.createdSeq ?? 0) - (a.createdSeq ?? 0));
  }

  /** `ip netns del NAME`: unnames it; with no process left inside, the namespace dies. */
  netnsDel(name: string): KResult {
    const ns = this.netnsByName(name);
    if (!ns) return fail('ENOENT');
    this.destroyNetns(ns.id);
    return ok(undefined);
  }

  /** Destroys a namespace: its devices go (veth peers elsewhere too), ids assigned to it are freed. */
  destroyNetns(id: number): void {
    const ns = this.state.netns.get(id);
    if (!ns || id === 0) return;
    // Physical-like devices would move back to init_net; the simulator's are all virtual.
    const links = [...ns.links.values()].sort((a, b) => b.index - a.index);
    for (const l of links) {
      if (l.kind === 'loopback') continue;
      const peer = this.peerOf(l);
      destroyLink(this, l);
      if (peer) destroyLink(this, peer);
    }
    for (const l of [...ns.links.values()]) destroyLink(this, l);
    this.nf?.netnsDestroyed?.(ns);
    this.transport?.netnsDestroyed?.(ns);
    this.state.netns.delete(id);
    for (const other of this.state.netns.values()) nsidForget(other, id);
  }

  /** `ip netns set NAME NSID`: assigns an nsid in `from` for `to`. */
  netnsSetId(from: Netns, to: Netns, nsid: number): KResult {
    if (from.nsids.has(to.id)) return fail('EEXIST', 'Peer netns already has a nsid assigned');
    for (const v of from.nsids.values()) if (v === nsid) return fail('EEXIST', 'The specified nsid is already used');
    nsidSet(from, to.id, nsid);
    return ok(undefined);
  }

  /** The nsid `from` uses for `to`, allocated on demand as the kernel does when it reports a link. */
  nsidFor(from: Netns, to: Netns): number {
    return nsidAlloc(from, to);
  }

  // ---- device registry ----

  /** Device by name in a namespace. */
  linkByName(netnsId: number, name: string): Link | undefined {
    const ns = this.state.netns.get(netnsId);
    return ns && this.byName.get(ns)!.get(name);
  }

  /** Device by ifindex in a namespace. */
  linkByIndex(netnsId: number, index: number): Link | undefined {
    return this.state.netns.get(netnsId)?.links.get(index);
  }

  /** Devices of a namespace in ifindex order. */
  links(netnsId: number): Link[] {
    const ns = this.state.netns.get(netnsId);
    if (!ns) return [];
    return [...ns.links.values()].sort((a, b) => a.index - b.index);
  }

  /** The veth peer of `link`, wherever it lives. */
  peerOf(link: Link): Link | undefined {
    return link.peer && this.linkByIndex(link.peer.netnsId, link.peer.index);
  }

  /** Reserves the next ifindex the way the kernel's cyclic allocator does. */
  reserveIndex(ns: Netns): number {
    let i = Math.max(1, ns.nextIndex);
    while (ns.links.has(i)) i++;
    ns.nextIndex = i + 1;
    return i;
  }

  /** Registers a device in `ns` (index already chosen and free). */
  register(ns: Netns, link: Link): void {
    link.netnsId = ns.id;
    ns.links.set(link.index, link);
    this.byName.get(ns)!.set(link.name, link);
    (ns.sysctl as SysctlTable).deviceAdded(link.name.replace(/\./g, '/'));
  }

  /** Removes a device from its namespace's tables (no side effects on peers). */
  unregister(link: Link): void {
    const ns = this.state.netns.get(link.netnsId);
    if (!ns) return;
    ns.links.delete(link.index);
    this.byName.get(ns)!.delete(link.name);
    (ns.sysctl as SysctlTable).deviceRemoved(link.name.replace(/\./g, '/'));
  }

  /** Renames a device in the name index. */
  reindexName(link: Link, newName: string): void {
    const ns = this.state.netns.get(link.netnsId)!;
    this.byName.get(ns)!.delete(link.name);
    (ns.sysctl as SysctlTable).deviceRenamed(link.name.replace(/\./g, '/'), newName.replace(/\./g, '/'));
    link.name = newName;
    this.byName.get(ns)!.set(newName, link);
  }

  // ---- device operations (netlink RTM_NEWLINK / RTM_DELLINK / RTM_SETLINK) ----

  /** Creates a veth pair (see veth.ts). */
  vethAdd(req: VethRequest): KResult<Link> {
    return vethCreate(this, req);
  }

  /** Creates a bridge in a namespace. */
  bridgeAdd(netnsId: number, name: string): KResult<Link> {
    return bridgeCreate(this, this.netns(netnsId)!, name);
  }

  /** Deletes a device (a veth takes its peer along). */
  linkDelete(link: Link): KResult {
    return linkDelete(this, link);
  }

  /** Admin up/down. */
  linkSetUp(link: Link, up: boolean): KResult {
    if (up) setUp(this, link);
    else setDown(this, link);
    return ok(undefined);
  }

  linkRename(link: Link, name: string): KResult {
    return linkRename(this, link, name);
  }

  linkSetMtu(link: Link, mtu: number): KResult {
    return linkSetMtu(link, mtu);
  }

  linkSetMac(link: Link, mac: string): KResult {
    return linkSetMac(this, link, mac);
  }

  /** Moves a device to another namespace. */
  linkMove(link: Link, to: Netns): KResult {
    return linkMove(this, link, to);
  }

  /** Enslaves to a bridge (`master`), or releases (`nomaster`) when `br` is undefined. */
  linkSetMaster(link: Link, br: Link | undefined): KResult {
    if (!br) {
      if (link.master !== undefined) bridgeRelease(this, link);
      return ok(undefined);
    }
    return bridgeEnslave(this, br, link);
  }

  /** brctl stp BR on|off. */
  bridgeSetStp(br: Link, on: boolean): void {
    bridgeSetStp(this, br, on);
  }

  // ---- addresses, routes, neighbours, FDB ----

  addrAdd(link: Link, req: AddrAddRequest): KResult<Ipv4Address> {
    return addr4Add(this, link, req);
  }

  addrDel(link: Link, address: string, prefixLen?: number): KResult {
    return addr4Del(this, link, address, prefixLen);
  }

  /** Removes a device's IPv4 addresses (matching `pred`), and its IPv6 ones when `v6`. */
  addrFlush(link: Link, pred?: (a: Ipv4Address) => boolean, v6 = false): number {
    return addr4Flush(this, link, pred, v6);
  }

  routeModify(netnsId: number, op: RouteOp, req: RouteRequest): KResult {
    return routeModify(this, this.netns(netnsId)!, op, req);
  }

  routeDelete(netnsId: number, req: Partial<RouteRequest> & { dst: string; dstLen: number; table: number }): KResult {
    return routeDelete(this.netns(netnsId)!, req);
  }

  /** The FIB lookup shared by `ip route get` and the datapath. */
  routeLookup(netnsId: number, dst: string, opts: { oif?: number; src?: string } = {}): KResult<RouteResult> {
    return routeLookup(this, netnsId, dst, opts);
  }

  neighSet(netnsId: number, req: { index: number; address: string; lladdr?: string; state: NeighState; replace: boolean; create: boolean }): KResult {
    return neighSet(this, this.netns(netnsId)!, req);
  }

  neighDelete(netnsId: number, index: number, address: string): KResult {
    return neighDelete(this.netns(netnsId)!, index, address);
  }

  neighLookup(netnsId: number, index: number, address: string): Neighbour | undefined {
    return neighLookup(this.netns(netnsId)!, index, address);
  }

  /** Datapath: start resolving (INCOMPLETE entry) / record a confirmed MAC. */
  neighResolve(netnsId: number, index: number, address: string): Neighbour {
    return neighResolve(this, this.netns(netnsId)!, index, address);
  }

  neighConfirm(netnsId: number, index: number, address: string, lladdr: string): Neighbour {
    return neighConfirm(this, this.netns(netnsId)!, index, address, lladdr);
  }

  /** Datapath: FDB learning and lookup on a bridge. */
  fdbLearn(bridge: Link, port: number, mac: string): void {
    fdbAge(bridge, this.state.clock.now());
    fdbLearn(bridge, port, mac, this.state.clock.now());
  }

  fdbLookup(bridge: Link, mac: string): FdbEntry | undefined {
    fdbAge(bridge, this.state.clock.now());
    return fdbLookup(bridge, mac);
  }

  // ---- sysctl ----

  /** A sysctl's value in a namespace, or undefined when the key does not exist there. */
  sysctlGet(netnsId: number, key: string): string | undefined {
    return this.state.netns.get(netnsId)?.sysctl.get(key);
  }

  /** Writes a sysctl as `sysctl -w` / `echo V > /proc/sys/...` would. */
  sysctlSet(netnsId: number, key: string, value: string): KResult {
    const ns = this.state.netns.get(netnsId);
    if (!ns) return fail('ENOENT');
    const e = (ns.sysctl as SysctlTable).write(key, value);
    return e ? fail(e) : ok(undefined);
  }

  /** Every sysctl key of a namespace, in /proc/sys order. */
  sysctlKeys(netnsId: number): string[] {
    const ns = this.state.netns.get(netnsId);
    return ns ? [...ns.sysctl.keys()] : [];
  }
}

/** Creates a kernel whose host namespace is a fresh one (only `lo`, down). */
export function createKernel(opts: { clock: Clock; rng: Rng; timers: TimerQueue; trace?: TraceLog }): Kernel {
  return new Kernel(opts);
}
