/**
 * The `host` world: a small Debian server on a LAN.
 *
 *   host (root ns)          LAN (hidden)              gateway (hidden)        remote (hidden)
 *   eth0 192.0.2.10/24 ---- lan0 bridge ---- eth0 192.0.2.1/24
 *                               |                  eth1 203.0.113.1/24 ---- eth0 203.0.113.80/24
 *   client (hidden) eth0 192.0.2.50/24 --+
 *
 * What `ip` shows on the host mimics a virtual server with a single-queue virtio NIC:
 * `eth0` with `qdisc fq_codel` (Debian's default qdisc), a QEMU-style 52:54:00 MAC drawn from
 * the seed, `192.0.2.10/24 brd 192.0.2.255 scope global eth0` and a static
 * `default via 192.0.2.1 dev eth0` (ifupdown's `gateway` line). The host's eth0 is an `ether`
 * link: to the datapath a veth whose far end sits in the hidden LAN namespace; to the
 * printers a physical NIC (no @peer, no link-netns, no nsid assigned for the LAN).
 *
 * The gateway forwards (ip_forward = 1) and the remote knows the way back to 192.0.2.0/24 only:
 * it has no route to 10.0.0.0/8 or 172.16.0.0/12, so containers reach it only through NAT.
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { Link, Netns } from '../kernel/types.ts';
import { nsidForget } from '../kernel/netns.ts';
import { attachHttpServer } from '../programs/kernel-http.ts';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { errno: string; extack?: string } }, what: string): T {
  if (!r.ok) throw new Error(`host world: ${what}: ${r.error.errno} ${r.error.extack ?? ''}`);
  return r.value;
}

function macFrom(k: Kernel, prefix: string): string {
  return prefix + ':' + k.state.rng.bytes(3).map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** A veth pair whose two ends get names and namespaces; returns [a, b]. */
function wire(k: Kernel, a: { ns: Netns; name: string }, b: { ns: Netns; name: string }): [Link, Link] {
  const la = must(k.vethAdd({ name: a.name, ns: a.ns, peerName: b.name, peerNs: b.ns }), `veth ${a.name}`);
  const lb = k.peerOf(la)!;
  // Hidden plumbing must not show up as nsids in `ip netns list` or link-netnsid.
  nsidForget(a.ns, b.ns.id);
  nsidForget(b.ns, a.ns.id);
  return [la, lb];
}

function addr(k: Kernel, l: Link, cidr: string): void {
  const [address, len] = cidr.split('/');
  const n = address.split('.').map(Number);
  const bits = Number(len);
  const host = bits === 32 ? 0 : 0xffffffff >>> bits;
  const v = ((n[0] << 24) | (n[1] << 16) | (n[2] << 8) | n[3]) >>> 0;
  const b = (v | host) >>> 0;
  const brd = [b >>> 24, (b >>> 16) & 255, (b >>> 8) & 255, b & 255].join('.');
  must(k.addrAdd(l, { address, prefixLen: bits, broadcast: brd, scope: 'global' }), `addr ${cidr}`);
}

function up(k: Kernel, ns: Netns, ...names: string[]): void {
  for (const n of names) k.linkSetUp(k.linkByName(ns.id, n)!, true);
}

function route(k: Kernel, ns: Netns, dst: string, via: string): void {
  const [d, len] = dst === 'default' ? ['0.0.0.0', '0'] : dst.split('/');
  must(k.routeModify(ns.id, 'add', { table: 254, type: 'unicast', dst: d, dstLen: Number(len), gateway: via, protocol: 'boot', scope: 'global' }), `route ${dst}`);
}

/** Builds the host world on a fresh kernel. */
export function buildHostWorld(k: Kernel): void {
  const host = k.host;
  const lan = k.createNetns({ name: 'lan', hidden: true });
  const client = k.createNetns({ name: 'client', hidden: true });
  const gw = k.createNetns({ name: 'gateway', hidden: true });
  const remote = k.createNetns({ name: 'remote', hidden: true });
  for (const ns of [lan, client, gw, remote]) up(k, ns, 'lo');

  const br = must(k.bridgeAdd(lan.id, 'lan0'), 'lan bridge');
  up(k, lan, 'lan0');
  const [eth0, hostPort] = wire(k, { ns: host, name: 'eth0' }, { ns: lan, name: 'p-host' });
  const [, clientPort] = wire(k, { ns: client, name: 'eth0' }, { ns: lan, name: 'p-client' });
  const [, gwPort] = wire(k, { ns: gw, name: 'eth0' }, { ns: lan, name: 'p-gw' });
  wire(k, { ns: gw, name: 'eth1' }, { ns: remote, name: 'eth0' });
  for (const p of [hostPort, clientPort, gwPort]) must(k.linkSetMaster(p, br), 'lan port');
  up(k, lan, 'p-host', 'p-client', 'p-gw');

  // The host's NIC: a physical-looking device with a QEMU-style MAC.
  eth0.kind = 'ether';
  eth0.mac = macFrom(k, '52:54:00');
  k.linkSetUp(eth0, true);
  k.linkwatch.setCarrier(hostPort, true);
  addr(k, eth0, '192.0.2.10/24');
  up(k, host, 'lo');
  route(k, host, 'default', '192.0.2.1');

  // The LAN's other machines have NIC-like MACs too (they show up in `ip neigh`).
  for (const ns of [client, gw]) k.linkSetMac(k.linkByName(ns.id, 'eth0')!, macFrom(k, '52:54:00'));
  up(k, client, 'eth0');
  addr(k, k.linkByName(client.id, 'eth0')!, '192.0.2.50/24');
  route(k, client, 'default', '192.0.2.1');

  up(k, gw, 'eth0', 'eth1');
  addr(k, k.linkByName(gw.id, 'eth0')!, '192.0.2.1/24');
  addr(k, k.linkByName(gw.id, 'eth1')!, '203.0.113.1/24');
  must(k.sysctlSet(gw.id, 'net.ipv4.ip_forward', '1'), 'gateway forwarding');

  up(k, remote, 'eth0');
  addr(k, k.linkByName(remote.id, 'eth0')!, '203.0.113.80/24');
  route(k, remote, '192.0.2.0/24', '203.0.113.1');
  attachHttpServer(k, remote.id, { style: 'nginx', port: 80, banner: 'nginx/1.29.2' });
}
