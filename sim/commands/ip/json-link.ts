/**
 * `ip -j link` / `ip -j addr` objects for a device, with the keys and their order as
 * iproute2 6.1.0's print_linkinfo emits them (recorded on the reference kernel): the peer as
 * `link` (same namespace) or `link_index` + `link_netnsid` (another one), `linkmode` only for
 * `ip link`, the -d attributes and the -s counters last.
 */
import type { Kernel } from '../../kernel/kernel.ts';
import type { Ipv4Address, Ipv6Address, Link } from '../../kernel/types.ts';
import { nsidOf } from '../../kernel/netns.ts';
import { bridgeIdMac } from '../../kernel/bridge.ts';
import { bridgePorts } from '../../kernel/bridge.ts';
import { flagsOf, stateOf } from './print-link.ts';
import { JsonRaw, type JsonObject } from './json-writer.ts';
import { allmulti, promiscuity } from '../../kernel/promisc.ts';
import type { IpOptions } from './common.ts';

const flagList = (k: Kernel, l: Link): string[] => {
  const f = flagsOf(k, l);
  return f ? f.split(',') : [];
};

/** The peer keys that come before `ifname`. */
function peerKeys(k: Kernel, l: Link): JsonObject {
  if (l.kind !== 'veth' || !l.peer) return {};
  if (l.peer.netnsId === l.netnsId) return { link: k.peerOf(l)?.name ?? `if${l.peer.index}` };
  return { link_index: l.peer.index };
}

/** `link_netnsid` for a veth whose peer lives in another namespace (JSON never prints its name). */
function netnsidKey(k: Kernel, l: Link): JsonObject {
  if (l.kind !== 'veth' || !l.peer || l.peer.netnsId === l.netnsId) return {};
  const me = k.netns(l.netnsId)!;
  const other = k.netns(l.peer.netnsId);
  if (!other) return {};
  return { link_netnsid: nsidOf(me, other) ?? k.nsidFor(me, other) };
}

const ntoa = (mac: string) => mac.split(':').map((b) => parseInt(b, 16).toString(16)).join(':');
const timer = (v: number) => new JsonRaw(v.toFixed(2));

function bridgeData(l: Link): JsonObject {
  const b = l.bridge!;
  const id = `${b.priority.toString(16).padStart(4, '0')}.${ntoa(bridgeIdMac(l))}`;
  return {
    forward_delay: 1500, hello_time: 200, max_age: 2000, ageing_time: b.ageingTime / 10, stp_state: b.stp ? 1 : 0,
    priority: b.priority, vlan_filtering: 0, bridge_id: id, root_id: id, root_port: 0, root_path_cost: 0,
    topology_change: 0, topology_change_detected: 0, hello_timer: timer(0), tcn_timer: timer(0),
    topology_change_timer: timer(0), gc_timer: timer(0), group_fwd_mask: '0', group_addr: '01:80:c2:00:00:00',
    mcast_snooping: 1, no_linklocal_learn: 0, mcast_vlan_snooping: 0, mcast_router: 1, mcast_query_use_ifaddr: 0,
    mcast_querier: 0, mcast_hash_elasticity: 16, mcast_hash_max: 4096, mcast_last_member_cnt: 2,
    mcast_startup_query_cnt: 2, mcast_last_member_intvl: 100, mcast_membership_intvl: 26000,
    mcast_querier_intvl: 25500, mcast_query_intvl: 12500, mcast_query_response_intvl: 1000,
    mcast_startup_query_intvl: 3124, mcast_stats_enabled: 0, mcast_igmp_version: 2, mcast_mld_version: 1,
    nf_call_iptables: 0, nf_call_ip6tables: 0, nf_call_arptables: 0,
  };
}

function bridgeSlaveData(k: Kernel, l: Link): JsonObject {
  const p = l.port!;
  const br = k.linkByIndex(l.netnsId, l.master!);
  const id = br?.bridge ? `${br.bridge.priority.toString(16).padStart(4, '0')}.${ntoa(bridgeIdMac(br))}` : '';
  return {
    state: p.state, priority: p.priority, cost: p.cost, hairpin: p.hairpin === true, guard: false, root_block: false,
    fastleave: false, learning: true, flood: true, id: `0x${(0x8000 + p.portNo).toString(16)}`,
    no: `0x${p.portNo.toString(16)}`, designated_port: 0x8000 + p.portNo, designated_cost: 0, bridge_id: id,
    root_id: id, hold_timer: timer(0), message_age_timer: timer(0), forward_delay_timer: timer(0),
    topology_change_ack: 0, config_pending: 0, proxy_arp: false, proxy_arp_wifi: false, multicast_router: 1,
    mcast_flood: true, bcast_flood: true, mcast_to_unicast: false, neigh_suppress: false, group_fwd_mask: '0',
    group_fwd_mask_str: '0x0', vlan_tunnel: false, isolated: false, locked: false,
  };
}

/** What -d adds, after the link-layer keys. */
function detailKeys(k: Kernel, l: Link, link: boolean): JsonObject {
  const port = l.master !== undefined && l.port !== undefined;
  const o: JsonObject = {
    promiscuity: promiscuity(l),
    allmulti: allmulti(l),
    min_mtu: l.kind === 'loopback' ? 0 : 68,
    max_mtu: l.kind === 'loopback' ? 0 : 65535,
  };
  const info: JsonObject = {};
  if (l.kind === 'veth') info.info_kind = 'veth';
  if (l.kind === 'bridge' && l.bridge) {
    info.info_kind = 'bridge';
    info.info_data = bridgeData(l);
  }
  if (port) {
    info.info_slave_kind = 'bridge';
    info.info_slave_data = bridgeSlaveData(k, l);
  }
  if (Object.keys(info).length) o.linkinfo = info;
  if (link) o.inet6_addr_gen_mode = 'eui64';
  const queues = l.kind === 'veth' ? 2 : 1;
  const tso = l.kind === 'bridge' && !bridgePorts(k, l).length ? 65536 : 524280;
  Object.assign(o, {
    num_tx_queues: queues, num_rx_queues: queues, gso_max_size: 65536, gso_max_segs: 65535,
    tso_max_size: tso, tso_max_segs: 65535, gro_max_size: 65536,
  });
  return o;
}

/** The -s counters (`ip addr` puts them after `addr_info`, `ip link` at the end). */
export function statsKeys(l: Link, level: number): JsonObject {
  const s = l.stats;
  const rx: JsonObject = { bytes: s.rxBytes, packets: s.rxPackets, errors: s.rxErrors, dropped: s.rxDropped, over_errors: 0, multicast: 0 };
  const tx: JsonObject = { bytes: s.txBytes, packets: s.txPackets, errors: s.txErrors, dropped: s.txDropped, carrier_errors: 0, collisions: 0 };
  if (level > 1) {
    Object.assign(rx, { length_errors: 0, crc_errors: 0, frame_errors: 0, fifo_errors: 0, missed_errors: 0 });
    Object.assign(tx, { aborted_errors: 0, fifo_errors: 0, window_errors: 0, heartbeat_errors: 0, carrier_changes: l.kind === 'loopback' ? 0 : 1 });
  }
  return { stats64: { rx, tx } };
}

/**
 * One device as `ip -j link` (link = true) or the device part of `ip -j addr` prints it.
 * `layer` false leaves out the link-layer keys, as `ip -4 addr` does. For `ip addr` the -s
 * counters are left to the caller: they follow `addr_info`.
 */
export function linkJson(k: Kernel, l: Link, opts: IpOptions, link: boolean, layer = true): JsonObject {
  const master = l.master !== undefined ? k.linkByIndex(l.netnsId, l.master) : undefined;
  const o: JsonObject = { ifindex: l.index, ...peerKeys(k, l), ifname: l.name, flags: flagList(k, l), mtu: l.mtu, qdisc: l.qdisc ?? 'noop' };
  if (master) o.master = master.name;
  o.operstate = stateOf(l);
  if (link) o.linkmode = 'DEFAULT';
  o.group = 'default';
  o.txqlen = l.txqlen;
  if (!layer) return o;
  o.link_type = l.kind === 'loopback' ? 'loopback' : 'ether';
  o.address = l.mac;
  o.broadcast = l.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  Object.assign(o, netnsidKey(k, l));
  if (opts.details) Object.assign(o, detailKeys(k, l, link));
  if (opts.stats && link) Object.assign(o, statsKeys(l, opts.stats));
  return o;
}

/** `ip -j -br link`: peer, name, state, address, flags. */
export function briefLinkJson(k: Kernel, l: Link): JsonObject {
  return { ...peerKeys(k, l), ifname: l.name, operstate: stateOf(l), address: l.mac, flags: flagList(k, l) };
}

/** `ip -j -br addr`: peer, name, state and the addresses as local/prefixlen pairs. */
export function briefAddrJson(k: Kernel, l: Link, v4: Ipv4Address[], v6: Ipv6Address[]): JsonObject {
  const addr_info = [...v4, ...v6].map((x) => ({ local: x.address, prefixlen: x.prefixLen }));
  return { ...peerKeys(k, l), ifname: l.name, operstate: stateOf(l), addr_info };
}

/** One IPv4 address in `addr_info`. */
export function inetJson(x: Ipv4Address, l: Link): JsonObject {
  const o: JsonObject = { family: 'inet', local: x.address, prefixlen: x.prefixLen };
  if (x.broadcast) o.broadcast = x.broadcast;
  o.scope = String(x.scope);
  if (x.secondary) o.secondary = true;
  if (x.noprefixroute) o.noprefixroute = true;
  o.label = x.label ?? l.name;
  o.valid_life_time = x.validLft === 'forever' ? 4294967295 : x.validLft;
  o.preferred_life_time = x.preferredLft === 'forever' ? 4294967295 : x.preferredLft;
  return o;
}

/** One IPv6 address in `addr_info`. */
export function inet6Json(x: Ipv6Address): JsonObject {
  const o: JsonObject = { family: 'inet6', local: x.address, prefixlen: x.prefixLen, scope: x.scope };
  if (x.tentative) o.tentative = true;
  o.valid_life_time = 4294967295;
  o.preferred_life_time = 4294967295;
  return o;
}
