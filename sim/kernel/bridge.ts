/**
 * Linux bridges: creation, ports (master/nomaster), port states, the bridge's carrier and its
 * MAC, which follows the lowest port MAC unless the user set one (br_stp_recalculate_bridge_id).
 *
 * With STP off a port forwards as soon as it is up with carrier and the bridge is up
 * (br_port_state_selection); with STP on it goes listening -> learning -> forwarding, one
 * forward delay (15 s) each. The bridge has carrier while at least one port forwards; it keeps
 * its initial carrier until it has had a port.
 */
import type { Kernel } from './kernel.ts';
import type { Link, Netns } from './types.ts';
import { fail, ok, type KResult } from './errno.ts';
import { makeLink } from './link.ts';
import { fdbAddLocal, fdbDeletePort, fdbLookup, fdbRemove } from './fdb.ts';
import { allmulti, klog, portModeLog, promiscuity } from './promisc.ts';

const ZERO_MAC = '00:00:00:00:00:00';
/** Forward delay with STP on, ms (the kernel's default 15 s). */
const FORWARD_DELAY = 15000;

/** Creates a bridge device; `ioctl` is brctl's path (SIOCBRADDBR). */
export function bridgeCreate(k: Kernel, ns: Netns, name: string): KResult<Link> {
  if (k.linkByName(ns.id, name)) return fail('EEXIST');
  const br = makeLink(k, 'bridge', name, k.reserveIndex(ns));
  br.bridge = { priority: 0x8000, stp: false, ageingTime: 300000, fdb: [] };
  bridgeIds.set(br, ZERO_MAC);
  k.register(ns, br);
  fdbAddLocal(br, br.index, br.mac, k.state.clock.now());
  k.linkwatch.init(br);
  return ok(br);
}

/** The MAC part of the bridge id (`brctl show` 8000.xxxxxxxxxxxx). */
export function bridgeIdMac(br: Link): string {
  return bridgeIds.get(br) ?? ZERO_MAC;
}
const bridgeIds = new WeakMap<Link, string>();

/** Ports of each bridge, kept as the ports join and leave (no scan of the namespace). */
const portSets = new WeakMap<Link, Set<Link>>();
function portSet(br: Link): Set<Link> {
  let s = portSets.get(br);
  if (!s) {
    s = new Set();
    portSets.set(br, s);
  }
  return s;
}

const portNos = new WeakMap<Link, Set<number>>();
function usedPortNos(br: Link): Set<number> {
  let s = portNos.get(br);
  if (!s) {
    s = new Set();
    portNos.set(br, s);
  }
  return s;
}

/** Ports of a bridge, by ifindex. */
export function bridgePorts(_k: Kernel, br: Link): Link[] {
  return [...portSet(br)].sort((a, b) => a.index - b.index);
}

/** Whether any port of the bridge is forwarding (no sorting: hot path). */
function anyForwarding(br: Link): boolean {
  for (const p of portSet(br)) if (p.port?.state === 'forwarding') return true;
  return false;
}

/** Enslaves `port` to `br` (ip link set X master BR, brctl addif). */
export function bridgeEnslave(k: Kernel, br: Link, port: Link): KResult {
  if (br.kind !== 'bridge') return fail('EOPNOTSUPP');
  if (port.kind === 'bridge') return fail('EINVAL', 'Can not enslave a bridge to a bridge');
  if (port.kind === 'loopback') return fail('EINVAL');
  if (port.master === br.index) return ok(undefined);
  if (port.master !== undefined) bridgeRelease(k, port);
  const used = usedPortNos(br);
  let no = used.size + 1;
  if (used.has(no) || (no > 1 && !used.has(no - 1))) {
    no = 1;
    while (used.has(no)) no++;
  }
  used.add(no);
  const before = { promisc: promiscuity(port), allmulti: allmulti(port) };
  port.master = br.index;
  portSet(br).add(port);
  port.port = { state: 'disabled', portNo: no, priority: 32, cost: 2 };
  // new_nbp initialises the port blocking, then it is disabled until it comes up.
  logState(k, br, port, 'blocking');
  logState(k, br, port, 'disabled');
  portModeLog(k.state, port, before);
  fdbAddLocal(br, port.index, port.mac, k.state.clock.now());
  recalcBridgeMac(k, br, port);
  updatePortState(k, br, port);
  selectCarrier(k, br, true);
  return ok(undefined);
}

/** Releases a port from its bridge (nomaster, brctl delif, deletion, netns move). */
export function bridgeRelease(k: Kernel, port: Link): void {
  const br = port.master !== undefined ? k.linkByIndex(port.netnsId, port.master) : undefined;
  if (br && port.port) usedPortNos(br).delete(port.port.portNo);
  const before = { promisc: promiscuity(port), allmulti: allmulti(port) };
  const portNo = port.port?.portNo;
  port.master = undefined;
  port.port = undefined;
  portModeLog(k.state, port, before);
  if (br && portNo !== undefined) klog(k.state, `${br.name}: port ${portNo}(${port.name}) entered disabled state`);
  if (br) portSet(br).delete(port);
  if (!br || !br.bridge) return;
  fdbDeletePort(br, port.index, true);
  recalcBridgeMac(k, br);
  selectCarrier(k, br, false);
}

/** A bridge is going away: its ports are released. */
export function bridgeDestroyed(k: Kernel, br: Link): void {
  for (const p of bridgePorts(k, br)) {
    // del_nbp for each port: its references go, then it is disabled.
    const before = { promisc: promiscuity(p), allmulti: allmulti(p) };
    const portNo = p.port?.portNo;
    p.master = undefined;
    p.port = undefined;
    portModeLog(k.state, p, before);
    if (portNo !== undefined) klog(k.state, `${br.name}: port ${portNo}(${p.name}) entered disabled state`);
  }
  portSets.delete(br);
}

/** A port's or a bridge's up/carrier changed: recompute port states and the bridge carrier. */
export function bridgePortChanged(k: Kernel, link: Link): void {
  if (link.kind === 'bridge' && link.bridge) {
    const ports = portSet(link);
    for (const p of ports) updatePortState(k, link, p);
    if (ports.size) selectCarrier(k, link, false);
    return;
  }
  if (link.master === undefined) return;
  const br = k.linkByIndex(link.netnsId, link.master);
  if (!br) return;
  updatePortState(k, br, link);
  selectCarrier(k, br, false);
}

/** A device's MAC changed: the bridge's local entries and its own MAC follow. */
export function bridgeMacChanged(k: Kernel, link: Link, old: string): void {
  const now = k.state.clock.now();
  if (link.kind === 'bridge' && link.bridge) {
    const own = fdbLookup(link, old);
    if (own && own.port === link.index) fdbRemove(link, own);
    fdbAddLocal(link, link.index, link.mac, now);
    bridgeIds.set(link, link.mac);
    return;
  }
  if (link.master === undefined) return;
  const br = k.linkByIndex(link.netnsId, link.master);
  if (!br) return;
  const e = fdbLookup(br, old);
  if (e && e.port === link.index && e.local) fdbRemove(br, e);
  fdbAddLocal(br, link.index, link.mac, now);
  recalcBridgeMac(k, br);
}

function updatePortState(k: Kernel, br: Link, p: Link): void {
  if (!p.port) return;
  const live = br.flags.up && p.flags.up && p.flags.lowerUp;
  if (!live) {
    if (p.port.state !== 'disabled') {
      p.port.state = 'disabled';
      logState(k, br, p, 'disabled');
      fdbDeletePort(br, p.index, false);
    }
    return;
  }
  if (p.port.state !== 'disabled') return;
  // br_stp_enable_port: br_init_port makes it blocking, then the state selection moves it on.
  logState(k, br, p, 'blocking');
  if (!br.bridge!.stp) {
    p.port.state = 'forwarding';
    logState(k, br, p, 'forwarding');
    return;
  }
  p.port.state = 'listening';
  logState(k, br, p, 'listening');
  const port = p.port;
  k.timers.after(FORWARD_DELAY, () => {
    if (p.port !== port || port.state !== 'listening') return;
    port.state = 'learning';
    logState(k, br, p, 'learning');
    k.timers.after(FORWARD_DELAY, () => {
      if (p.port !== port || port.state !== 'learning') return;
      port.state = 'forwarding';
      logState(k, br, p, 'forwarding');
      selectCarrier(k, br, false);
    });
  });
}

/** br_log_state: the kernel logs every state a port enters. */
function logState(k: Kernel, br: Link, p: Link, state: string): void {
  if (p.port) klog(k.state, `${br.name}: port ${p.port.portNo}(${p.name}) entered ${state} state`);
}

/** br_port_state_selection's carrier decision. */
function selectCarrier(k: Kernel, br: Link, enslaved: boolean): void {
  const live = anyForwarding(br);
  const before = br.flags.lowerUp;
  k.linkwatch.setCarrier(br, live);
  // A port joining an up bridge gets the bridge's state reported at once.
  if (enslaved && before === live && br.flags.up && live) k.linkwatch.fire(br, true);
}

/** Turns STP on or off (brctl stp BR on|off). */
export function bridgeSetStp(k: Kernel, br: Link, on: boolean): void {
  if (!br.bridge || br.bridge.stp === on) return;
  br.bridge.stp = on;
  for (const p of bridgePorts(k, br)) {
    if (p.port && p.port.state !== 'disabled') {
      p.port.state = 'disabled';
      updatePortState(k, br, p);
    }
  }
  selectCarrier(k, br, false);
}

/** br_stp_recalculate_bridge_id; `added` lets a join compare one MAC instead of all ports. */
function recalcBridgeMac(k: Kernel, br: Link, added?: Link): void {
  if (br.macSetByUser) return;
  let min: string | undefined;
  const cur = bridgeIds.get(br);
  if (added && portSet(br).size > 1 && cur && cur !== ZERO_MAC) min = added.mac < cur ? added.mac : cur;
  else for (const p of portSet(br)) if (min === undefined || p.mac < min) min = p.mac;
  const addr = min ?? ZERO_MAC;
  if (bridgeIds.get(br) === addr) return;
  const old = br.mac;
  bridgeIds.set(br, addr);
  br.mac = addr;
  const own = fdbLookup(br, old);
  if (own && own.port === br.index) fdbRemove(br, own);
  fdbAddLocal(br, br.index, addr, k.state.clock.now());
}
