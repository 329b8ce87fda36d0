/**
 * Lookups over the netbase data: services by name and port, protocols by name and number,
 * the way libc's getservby* and getprotoby* functions answer them from /etc/services and /etc/protocols.
 */
import { PROTOCOLS_TEXT, SERVICES_TEXT } from './services.ts';

const byPort = new Map<string, string>();
const byName = new Map<string, number>();
for (const line of SERVICES_TEXT.trim().split('\n')) {
  const [pp, ...names] = line.split(' ');
  const [port, proto] = pp.split('/');
  const key = `${port}/${proto}`;
  if (!byPort.has(key)) byPort.set(key, names[0]);
  for (const n of names) if (!byName.has(`${n}/${proto}`)) byName.set(`${n}/${proto}`, Number(port));
}

const protoByNum = new Map<number, string>();
const protoByName = new Map<string, number>();
for (const line of PROTOCOLS_TEXT.trim().split('\n')) {
  const [num, ...names] = line.split(' ');
  if (!protoByNum.has(Number(num))) protoByNum.set(Number(num), names[0]);
  for (const n of names) if (!protoByName.has(n)) protoByName.set(n, Number(num));
}

/** getservbyport(port, proto)->s_name, or undefined. */
export function serviceName(port: number, proto: string): string | undefined {
  return byPort.get(`${port}/${proto}`);
}

/** getservbyname(name, proto)->s_port, or undefined. */
export function servicePort(name: string, proto: string): number | undefined {
  return byName.get(`${name}/${proto}`);
}

/**
 * iptables' own protocol table, consulted before /etc/protocols (xtables_chain_protos):
 * these names win for printing and parsing.
 */
const XT_PROTOS: [string, number][] = [
  ['tcp', 6], ['sctp', 132], ['udp', 17], ['udplite', 136], ['icmp', 1], ['ipv6-icmp', 58],
  ['esp', 50], ['ah', 51], ['ipv6-mh', 135], ['mh', 135], ['all', 0],
];

/** Protocol number for a name (`-p NAME`), or undefined. */
export function protocolNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of XT_PROTOS) if (n === lower) return v;
  return protoByName.get(name);
}

/** Name iptables prints for a protocol number in -S and non-numeric -L. */
export function protocolName(num: number): string | undefined {
  for (const [n, v] of XT_PROTOS) if (v === num) return n;
  return protoByNum.get(num);
}
