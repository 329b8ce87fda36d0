/**
 * The datapath's public surface. One Datapath per kernel, created on first use:
 *
 *   const dp = datapathOf(kernel);
 *   sendPacket(kernel, nsId, pkt)                 // ping, transport, REJECT: a local IPv4 packet
 *   openEchoSocket(kernel, nsId, handler)         // ping's ICMP socket
 *   linkChanged(kernel, link)                     // control plane: a device's up/carrier state changed
 *
 * The control plane should call linkChanged() on NETDEV_UP/NETDEV_CHANGE (it starts the IPv6
 * housekeeping traffic that shows in link counters). Until it does, datapathOf() listens on the
 * kernel's linkwatch callback when it finds one.
 */
import type { Link } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { DatapathHost } from './host.ts';
import { Datapath } from './datapath.ts';
import { Ipv6Chatter } from './chatter.ts';
import { sendLocal, type SendOptions, type SendResult } from './ip-output.ts';
import type { EchoSocket, EchoSocketHandler } from './sockets.ts';
import { addTap, type CaptureTap } from './capture.ts';
import { promiscRef } from '../promisc.ts';

export { Datapath } from './datapath.ts';
export type { DpSkb } from './datapath.ts';
export type { DatapathHost } from './host.ts';
export type { SendOptions, SendResult } from './ip-output.ts';
export type { EchoSocket, EchoSocketHandler, EchoReply, EchoError } from './sockets.ts';
export { routeOutput, sourceFor } from './fib.ts';
export { expireBridgeFdb } from './fdb-age.ts';
export type { CaptureTap, CapturedFrame, CaptureDirection } from './capture.ts';

interface Attached {
  dp: Datapath;
  chatter: Ipv6Chatter;
}

const attached = new WeakMap<DatapathHost, Attached>();

/** Shape of the kernel's linkwatch bookkeeping we may listen on (see link-state.ts). */
interface LinkwatchLike {
  host?: { stateChanged?: (link: Link) => void };
}

function attach(host: DatapathHost): Attached {
  let a = attached.get(host);
  if (a) return a;
  const dp = new Datapath(host);
  a = { dp, chatter: new Ipv6Chatter(dp) };
  attached.set(host, a);
  // Listen to NETDEV_CHANGE from the kernel's linkwatch until the control plane calls
  // linkChanged() itself; the original callback always runs first.
  const lw = (host as { linkwatch?: LinkwatchLike }).linkwatch?.host;
  if (lw && typeof lw.stateChanged === 'function') {
    const orig = lw.stateChanged;
    const chatter = a.chatter;
    lw.stateChanged = (link: Link) => {
      orig(link);
      chatter.linkChanged(link);
    };
  }
  // Devices already running when the datapath attaches (worlds built before first use).
  for (const ns of host.state.netns.values()) for (const l of ns.links.values()) a.chatter.linkChanged(l);
  return a;
}

/**
 * Attaches the datapath to a freshly created kernel, so that devices coming up from the start
 * send their IPv6 housekeeping at the right virtual time (call right after createKernel).
 */
export function install(host: DatapathHost): void {
  attach(host);
}

/** The datapath of a kernel (created and attached on first use). */
export function datapathOf(host: DatapathHost): Datapath {
  return attach(host).dp;
}

/** Sends a locally generated IPv4 packet from namespace `nsId` (see ip-output.ts for the errors). */
export function sendPacket(host: DatapathHost, nsId: number, pkt: Ipv4Packet, opts?: SendOptions): SendResult {
  const dp = datapathOf(host);
  const ns = dp.netns(nsId);
  if (!ns) return { ok: false, errno: 'EINVAL', traceId: 0 };
  return sendLocal(dp, ns, pkt, opts);
}

/** Opens an ICMP echo socket in a namespace (ping). */
export function openEchoSocket(host: DatapathHost, nsId: number, handler: EchoSocketHandler): EchoSocket {
  return datapathOf(host).sockets.open(nsId, handler);
}

/** The control plane reports that a device's admin or carrier state may have changed. */
export function linkChanged(host: DatapathHost, link: Link): void {
  attach(host).chatter.linkChanged(link);
}

/** A namespace is gone: forget its pending resolutions and sockets. */
export function netnsDestroyed(host: DatapathHost, nsId: number): void {
  attached.get(host)?.dp.netnsDestroyed(nsId);
}

/**
 * Opens a packet tap (tcpdump's AF_PACKET socket); returns the function that closes it. A
 * promiscuous tap holds a promiscuity reference on its device until it closes.
 */
export function openCapture(host: DatapathHost, tap: CaptureTap): () => void {
  const close = addTap(datapathOf(host), tap);
  const dev = tap.promisc && tap.ifindex !== undefined ? host.state.netns.get(tap.netnsId)?.links.get(tap.ifindex) : undefined;
  if (dev) promiscRef(host.state, dev, 1);
  let open = true;
  return () => {
    close();
    if (dev && open) promiscRef(host.state, dev, -1);
    open = false;
  };
}
