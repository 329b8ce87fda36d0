/**
 * How the transport layer sends: a locally generated IPv4 packet leaves a namespace through
 * the datapath's output path (routing, OUTPUT, POSTROUTING, neighbour resolution). Stated as
 * a small interface so that unit tests can wire sockets together without a datapath, and so
 * that the datapath and the transport never import each other's internals beyond this.
 */
import type { Netns } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { Errno } from '../errno.ts';
import { routeOutput, sourceFor } from '../datapath/fib.ts';

/** Result of handing a packet to the IP layer, as sendmsg() sees it. */
export type SendResult = { ok: true } | { ok: false; errno: Errno };

export interface IpOutput {
  /**
   * Sends `pkt` from `ns`. Fails synchronously with ENETUNREACH (no route) or EPERM (dropped by
   * OUTPUT/POSTROUTING); later failures (neighbour resolution) come back as ICMP errors.
   * `causedBy` links a reply (RST, ICMP error) to the packet's journey in the trace.
   */
  send(ns: Netns, pkt: Ipv4Packet, causedBy?: number): SendResult;
}

/** The route's source address for a connection to `dst` (ip_route_connect), or the routing errno. */
export function sourceAddressFor(ns: Netns, dst: string): { ok: true; src: string } | { ok: false; errno: Errno } {
  const r = routeOutput(ns, dst);
  if (!r.ok) return { ok: false, errno: r.errno };
  const src = sourceFor(ns, r, dst);
  if (!src) return { ok: false, errno: 'EADDRNOTAVAIL' };
  return { ok: true, src };
}

/** Default TTL of packets leaving `ns` (net.ipv4.ip_default_ttl). */
export function defaultTtl(ns: Netns): number {
  const v = Number(ns.sysctl.get('net.ipv4.ip_default_ttl'));
  return Number.isInteger(v) && v > 0 && v < 256 ? v : 64;
}
