/**
 * From a machine snapshot (sim/observe/snapshot.ts) to what the topology view draws:
 * namespaces with their interfaces, and the links between interfaces (veth pairs, bridge
 * ports, the host's uplink to the outside world). Pure data, no DOM: the SVG and the text
 * version are both drawn from this model.
 */

/** One interface as the view shows it. */
export interface TopoIface {
  /** Stable key across snapshots: namespace id + ifindex. */
  key: string;
  nsKey: string;
  name: string;
  kind: string;
  up: boolean;
  /** Carrier: for a veth, its peer is up too. */
  lowerUp: boolean;
  /** "10.0.0.1/24" style, IPv4 first. */
  addrs: string[];
  mac?: string;
  mtu?: number;
  /** Name of the bridge this interface is a port of. */
  master?: string;
  /** For veth: "peerName in nsLabel". */
  peerLabel?: string;
}

/** One namespace box. */
export interface TopoNamespace {
  key: string;
  /** "host" for the root namespace, else the name under /run/netns (or "netns N" when unnamed). */
  label: string;
  root: boolean;
  ifaces: TopoIface[];
}

/** A line between two interfaces. */
export interface TopoLink {
  key: string;
  a: string;
  b: string;
  kind: 'veth' | 'port';
}

/** Machines outside the host (the `host` world's LAN and beyond), attached to an uplink. */
export interface TopoOutside {
  /** Interface key of the host's uplink (eth0). */
  uplink: string;
  /** Lines describing what is out there, e.g. "client 192.0.2.50". */
  peers: string[];
}

export interface TopoModel {
  namespaces: TopoNamespace[];
  links: TopoLink[];
  outside?: TopoOutside;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : isRec(v) ? Object.values(v) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The namespaces of a snapshot, whichever of the plausible field names holds them. */
function namespacesOf(snap: Rec): Rec[] {
  const raw = snap.netns ?? snap.namespaces;
  return list(raw).filter(isRec);
}

function linkFlags(l: Rec): { up: boolean; lowerUp: boolean } {
  const flags = l.flags;
  if (isRec(flags)) return { up: flags.up === true, lowerUp: flags.lowerUp === true };
  if (Array.isArray(flags)) return { up: flags.includes('UP'), lowerUp: flags.includes('LOWER_UP') };
  const state = str(l.state)?.toUpperCase();
  return { up: l.up === true || state === 'UP' || state === 'UNKNOWN', lowerUp: l.lowerUp === true || state === 'UP' };
}

/** Builds the view model; anything the snapshot lacks is simply not drawn. */
export function topologyModel(snapshot: unknown): TopoModel {
  if (!isRec(snapshot)) return { namespaces: [], links: [] };
  const nsRecs = namespacesOf(snapshot);
  const nsLabel = new Map<string, string>();
  for (const ns of nsRecs) {
    const id = str(ns.id) ?? '0';
    const name = str(ns.name);
    nsLabel.set(id, str(ns.display) ?? (id === '0' && !name ? 'host' : name ?? `netns ${id}`));
  }
  const namespaces: TopoNamespace[] = [];
  const links: TopoLink[] = [];
  const byKey = new Map<string, { iface: TopoIface; rec: Rec; nsId: string }>();
  for (const ns of nsRecs) {
    const id = str(ns.id) ?? '0';
    if (ns.hidden === true || ns.outside === true) continue;
    const addrs = [...list(ns.addrs4 ?? ns.addresses), ...list(ns.addrs6)].filter(isRec);
    // By ifindex, except that the uplink (a physical NIC) goes last so its line to the
    // outside world does not cross the other interfaces.
    const physical = (l: Rec) => (l.kind === 'ether' ? 1 : 0);
    const linkRecs = list(ns.links)
      .filter(isRec)
      .sort((a, b) => physical(a) - physical(b) || (num(a.index) ?? 0) - (num(b.index) ?? 0));
    const names = new Map(linkRecs.map((l) => [str(l.index) ?? '', str(l.name) ?? '?']));
    const ifaces = linkRecs.map((l): TopoIface => {
      const index = str(l.index) ?? '?';
      const flags = linkFlags(l);
      const mine = addrs.filter((a) => str(a.index) === index || str(a.dev) === str(l.name));
      const v4 = mine.filter((a) => !str(a.address)?.includes(':'));
      const v6 = mine.filter((a) => str(a.address)?.includes(':') && a.scope !== 'link');
      const iface: TopoIface = {
        key: `${id}:${index}`,
        nsKey: id,
        name: str(l.name) ?? '?',
        kind: str(l.kind) ?? 'unknown',
        up: flags.up,
        lowerUp: flags.lowerUp,
        addrs: [...v4, ...v6].map((a) => `${str(a.address)}/${str(a.prefixLen) ?? '?'}`),
        ...(str(l.mac) ? { mac: str(l.mac)! } : {}),
        ...(num(l.mtu) !== undefined ? { mtu: num(l.mtu)! } : {}),
      };
      // The master bridge, given by name (snapshot) or by ifindex (kernel state).
      const master = str(l.master);
      if (master !== undefined) iface.master = names.get(master) ?? ([...names.values()].includes(master) ? master : undefined);
      if (iface.master === undefined) delete iface.master;
      byKey.set(iface.key, { iface, rec: l, nsId: id });
      return iface;
    });
    namespaces.push({ key: id, label: nsLabel.get(id)!, root: id === '0', ifaces });
  }
  const seenPairs = new Set<string>();
  for (const { iface, rec, nsId } of byKey.values()) {
    if (iface.master !== undefined) {
      const bridge = [...byKey.values()].find((o) => o.nsId === nsId && o.iface.name === iface.master);
      if (bridge) links.push({ key: `port:${iface.key}`, a: iface.key, b: bridge.iface.key, kind: 'port' });
    }
    const peer = rec.peer;
    if (isRec(peer)) {
      const peerKey = `${str(peer.netnsId) ?? nsId}:${str(peer.index) ?? '?'}`;
      const other = byKey.get(peerKey);
      if (other) iface.peerLabel = `${other.iface.name} in ${nsLabel.get(other.nsId) ?? other.nsId}`;
      const pair = [iface.key, peerKey].sort().join('|');
      if (other && !seenPairs.has(pair)) {
        seenPairs.add(pair);
        links.push({ key: `veth:${pair}`, a: iface.key, b: peerKey, kind: 'veth' });
      }
    }
  }
  // Root namespace first, then the others in the order they were created.
  namespaces.sort((a, b) => (a.root === b.root ? Number(a.key) - Number(b.key) : a.root ? -1 : 1));
  const outside = outsideOf(snapshot, namespaces);
  return { namespaces, links, ...(outside ? { outside } : {}) };
}

/**
 * The world beyond the host's uplink: the machines of hidden namespaces (the `host` world's
 * LAN client, gateway and remote server) listed with their global IPv4 addresses.
 */
function outsideOf(snap: Rec, namespaces: TopoNamespace[]): TopoOutside | undefined {
  const root = namespaces.find((n) => n.root);
  const uplink = root?.ifaces.find((i) => i.kind === 'ether');
  if (!uplink) return undefined;
  const peers: string[] = [];
  for (const ns of namespacesOf(snap)) {
    if (ns.hidden !== true) continue;
    const v4 = list(ns.addresses ?? ns.addrs4)
      .filter(isRec)
      .filter((a) => (a.family === 4 || !str(a.address)?.includes(':')) && str(a.scope) === 'global' && str(a.address) !== undefined)
      .map((a) => str(a.address)!);
    if (v4.length) peers.push(`${str(ns.display) ?? str(ns.name) ?? 'machine'} ${v4.join(', ')}`);
  }
  return { uplink: uplink.key, peers };
}

/** One-line description of an interface, for the text version and focus details. */
export function describeIface(i: TopoIface, nsLabel: string): string {
  const parts = [`${i.name} (${i.kind}) in ${nsLabel}`, i.up ? (i.lowerUp || i.kind === 'loopback' ? 'up' : 'up, no carrier') : 'down'];
  if (i.addrs.length) parts.push(i.addrs.join(', '));
  else parts.push('no address');
  if (i.master) parts.push(`port of ${i.master}`);
  if (i.peerLabel) parts.push(`peer ${i.peerLabel}`);
  if (i.mac) parts.push(`MAC ${i.mac}`);
  if (i.mtu) parts.push(`MTU ${i.mtu}`);
  return parts.join('; ');
}
