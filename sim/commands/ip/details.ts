/**
 * What `ip -d` adds to a link: promiscuity and MTU limits on the link/ether line, then the
 * kind's own attributes (veth, bridge, bridge_slave) and the generic queue/GSO numbers, as
 * iproute2 6.1.0 prints them on the reference kernel (2 CPUs: veth has 2 queues).
 */
import type { Kernel } from '../../kernel/kernel.ts';
import type { Link } from '../../kernel/types.ts';
import { bridgeIdMac, bridgePorts } from '../../kernel/bridge.ts';
import { allmulti, promiscuity } from '../../kernel/promisc.ts';

/** ether_ntoa's form (no zero padding), used for bridge ids. */
const ntoa = (mac: string) => mac.split(':').map((b) => parseInt(b, 16).toString(16)).join(':');

/** [suffix for the link/ether line, further lines...]. `link` true for `ip link`, false for `ip addr`. */
export function detailLines(k: Kernel, l: Link, link: boolean): string[] {
  const port = l.master !== undefined;
  const mtus = l.kind === 'loopback' ? 'minmtu 0 maxmtu 0' : 'minmtu 68 maxmtu 65535';
  const first = ` promiscuity ${promiscuity(l)}  allmulti ${allmulti(l)} ${mtus} `;
  const queues = l.kind === 'veth' ? 2 : 1;
  let tso = 524280;
  if (l.kind === 'bridge') tso = bridgePorts(k, l).length ? 524280 : 65536;
  const tail =
    (link ? 'addrgenmode eui64 ' : '') +
    `numtxqueues ${queues} numrxqueues ${queues} gso_max_size 65536 gso_max_segs 65535 tso_max_size ${tso} tso_max_segs 65535 gro_max_size 65536 `;
  const out = [first];
  let kindLine = '';
  if (l.kind === 'veth') kindLine = 'veth ';
  if (l.kind === 'bridge' && l.bridge) {
    const id = `${l.bridge.priority.toString(16).padStart(4, '0')}.${ntoa(bridgeIdMac(l))}`;
    kindLine =
      `bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time ${l.bridge.ageingTime / 10} stp_state ${l.bridge.stp ? 1 : 0} priority ${l.bridge.priority} vlan_filtering 0 bridge_id ${id} designated_root ${id} root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 gc_timer    0.00 group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1 no_linklocal_learn 0 mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 `;
  }
  if (port && l.port) {
    const br = k.linkByIndex(l.netnsId, l.master!);
    const id = br?.bridge ? `${br.bridge.priority.toString(16).padStart(4, '0')}.${ntoa(bridgeIdMac(br))}` : '';
    out.push('    ' + kindLine);
    kindLine =
      `bridge_slave state ${l.port.state} priority ${l.port.priority} cost ${l.port.cost} hairpin ${l.port.hairpin ? 'on' : 'off'} guard off root_block off fastleave off learning on flood on port_id 0x${(0x8000 + l.port.portNo).toString(16)} port_no 0x${l.port.portNo.toString(16)} designated_port ${0x8000 + l.port.portNo} designated_cost 0 designated_bridge ${id} designated_root ${id} hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off `;
  }
  if (!kindLine) out[0] += tail;
  else out.push('    ' + kindLine + tail);
  return out;
}
