/**
 * veth pairs, created as veth_newlink does: the peer is registered first (so it gets the lower
 * ifindex and, unnamed, the first free vethN), then the device itself. When registering the
 * device fails after the peer was registered, the peer's ifindex stays consumed, as the
 * kernel's cyclic allocator does not give it back.
 */
import type { Kernel } from './kernel.ts';
import type { Link, Netns } from './types.ts';
import { fail, ok, type KResult } from './errno.ts';
import { allocName, makeLink, noteNsids } from './link.ts';

export interface VethRequest {
  /** Name of the device; "veth%d" when not given. */
  name?: string;
  /** Namespace of the device. */
  ns: Netns;
  peerName?: string;
  /** Namespace of the peer (the device's by default). */
  peerNs?: Netns;
  mac?: string;
  peerMac?: string;
}

/** Creates a veth pair; returns the device (the peer is reachable through `peer`). */
export function vethCreate(k: Kernel, req: VethRequest): KResult<Link> {
  const peerNs = req.peerNs ?? req.ns;
  if (req.name && k.linkByName(req.ns.id, req.name)) return fail('EEXIST');
  const peerName = req.peerName ?? allocName(k, peerNs.id, 'veth%d');
  if (k.linkByName(peerNs.id, peerName)) return fail('EEXIST');
  const peer = makeLink(k, 'veth', peerName, k.reserveIndex(peerNs), req.peerMac);
  peer.flags.lowerUp = false;
  k.register(peerNs, peer);
  const name = req.name ?? allocName(k, req.ns.id, 'veth%d');
  if (k.linkByName(req.ns.id, name)) {
    k.unregister(peer);
    return fail('EEXIST');
  }
  const dev = makeLink(k, 'veth', name, k.reserveIndex(req.ns), req.mac);
  dev.flags.lowerUp = false;
  k.register(req.ns, dev);
  dev.peer = { netnsId: peerNs.id, index: peer.index };
  peer.peer = { netnsId: req.ns.id, index: dev.index };
  k.linkwatch.init(peer);
  k.linkwatch.init(dev);
  noteNsids(k, dev, peer);
  return ok(dev);
}
