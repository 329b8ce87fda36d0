/**
 * IPv6 housekeeping a device sends when it gains carrier (addrconf and MLD): an MLDv2 report
 * for its solicited-node group at once, a duplicate address detection probe and a repeated
 * report shortly after, then, once DAD completes about a second later, a report from the new
 * link-local address, a router solicitation and one more report; router solicitations then
 * repeat with exponential backoff (4 s, 8 s, 16 s, ... up to an hour).
 *
 * Recorded on the reference kernel: frame sizes 90 (MLDv2 report, one record), 86 (NS with
 * nonce option), 70 (RS with source link-layer option). The kernel draws the short delays at
 * random; fixed typical values keep the simulator deterministic.
 */
import type { Link, Netns } from '../types.ts';
import type { Datapath } from './datapath.ts';
import type { Frame } from './frame.ts';
import { transmitFrame } from './link.ts';
import { isRunning, sysctl } from './host.ts';

const MLD_REPORT = 90;
const DAD_NS = 86;
const RS = 70;
const RS_FIRST_INTERVAL = 4000;
const RS_MAX_INTERVAL = 3600000;

/** The schedule after carrier-up: [delay ms, frame size, what, destination MAC]. */
const SCHEDULE: Array<[number, number, string, string]> = [
  [0, MLD_REPORT, 'MLDv2 report', '33:33:00:00:00:16'],
  [250, DAD_NS, 'neighbor solicitation (DAD)', 'sol'],
  [450, MLD_REPORT, 'MLDv2 report', '33:33:00:00:00:16'],
  [1250, MLD_REPORT, 'MLDv2 report', '33:33:00:00:00:16'],
  [1250, RS, 'router solicitation', '33:33:00:00:00:02'],
  [2050, MLD_REPORT, 'MLDv2 report', '33:33:00:00:00:16'],
];
const FIRST_RS_AT = 1250;

/** Solicited-node multicast MAC of the link-local address derived from `mac`. */
function solicitedMac(mac: string): string {
  const b = mac.split(':');
  return `33:33:ff:${b[3]}:${b[4]}:${b[5]}`;
}

/** The device's disable_ipv6 (a new device takes "default"; writing "all" sets every device). */
function ipv6Enabled(ns: Netns, link: Link): boolean {
  const own = ns.sysctl.get(`net.ipv6.conf.${link.name.replace(/\./g, '/')}.disable_ipv6`);
  return (own ?? sysctl(ns, 'net.ipv6.conf.default.disable_ipv6')) !== '1' && sysctl(ns, 'net.ipv6.conf.all.disable_ipv6') !== '1';
}

/** Tracks which devices are running, and starts or stops their IPv6 chatter on transitions. */
export class Ipv6Chatter {
  private readonly gen = new WeakMap<Link, number>();
  private readonly running = new WeakSet<Link>();

  constructor(private readonly dp: Datapath) {}

  /** A device's state may have changed (NETDEV_UP / NETDEV_CHANGE / carrier). */
  linkChanged(link: Link): void {
    const ns = this.dp.netns(link.netnsId);
    const now = !!ns && ns.links.get(link.index) === link && isRunning(link) && link.kind !== 'loopback';
    if (now === this.running.has(link)) return;
    const g = (this.gen.get(link) ?? 0) + 1;
    this.gen.set(link, g);
    if (!now) {
      this.running.delete(link);
      return;
    }
    this.running.add(link);
    if (!ipv6Enabled(ns!, link)) return;
    for (const [at, size, what, dst] of SCHEDULE) {
      this.dp.host.timers.after(at, () => this.emit(link, g, size, what, dst === 'sol' ? solicitedMac(link.mac) : dst));
    }
    this.scheduleRs(link, g, FIRST_RS_AT + RS_FIRST_INTERVAL, RS_FIRST_INTERVAL);
  }

  /** Router solicitations after the first: 4 s later, then doubling up to an hour. */
  private scheduleRs(link: Link, g: number, delay: number, interval: number): void {
    this.dp.host.timers.after(delay, () => {
      if (this.gen.get(link) !== g) return;
      this.emit(link, g, RS, 'router solicitation', '33:33:00:00:00:02');
      const next = Math.min(interval * 2, RS_MAX_INTERVAL);
      this.scheduleRs(link, g, next, next);
    });
  }

  private emit(link: Link, g: number, size: number, what: string, dst: string): void {
    if (this.gen.get(link) !== g) return;
    const ns = this.dp.netns(link.netnsId);
    if (!ns || ns.links.get(link.index) !== link || !isRunning(link)) return;
    const f: Frame = { src: link.mac, dst, payload: { type: 'ipv6', frameLen: size, what }, skb: this.dp.newSkb(true) };
    transmitFrame(this.dp, ns, link, f);
  }
}
