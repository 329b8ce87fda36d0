/**
 * How tcpdump names what it prints: addresses through /etc/hosts (the lab has no DNS, so a
 * reverse lookup that misses falls back to the number, as it does on a machine without a
 * resolver), ports through /etc/services (the TCP or UDP table), MAC addresses with their OUI
 * ("(oui Unknown)") and the Ethernet broadcast as "Broadcast". With -n nothing is named.
 */
import type { ProcContext } from '../../shell/process.ts';
import { reverseName } from '../ping/resolve.ts';
import { serviceName } from '../../kernel/netfilter/data/names.ts';

/** The naming rules of one tcpdump run. */
export interface Namer {
  ip(addr: string): string;
  port(port: number, proto: 'tcp' | 'udp'): string;
  mac(mac: string): string;
}

/** The handful of OUIs tcpdump's table knows that a lab MAC can carry. */
const OUIS: Record<string, string> = { '00:00:00': 'Ethernet', '00:00:0c': 'Cisco', '00:00:f8': 'Cisco old' };

/** A namer for the process (reads /etc/hosts once per address, as tcpdump caches names). */
export function makeNamer(ctx: ProcContext, numeric: boolean): Namer {
  const cache = new Map<string, string>();
  return {
    ip(addr) {
      if (numeric) return addr;
      let n = cache.get(addr);
      if (n === undefined) {
        n = reverseName(ctx, addr) ?? addr;
        cache.set(addr, n);
      }
      return n;
    },
    port(port, proto) {
      if (numeric) return String(port);
      return serviceName(port, proto) ?? String(port);
    },
    mac(mac) {
      if (numeric) return mac;
      if (mac === 'ff:ff:ff:ff:ff:ff') return 'Broadcast';
      return `${mac} (oui ${OUIS[mac.slice(0, 8)] ?? 'Unknown'})`;
    },
  };
}
