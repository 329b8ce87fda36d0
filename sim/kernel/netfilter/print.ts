/**
 * Rule -> text, the way `iptables -S` and iptables-save print it (nf_tables backend 1.8.9):
 * `-A CHAIN [!] -s A/M [!] -d A/M [!] -i IF [!] -o IF [!] -p PROTO [-m NAME opts]... -j TARGET opts`.
 * The parser (sim/commands/iptables/parse-rule.ts) reads this text back into the same Rule.
 */
import { getMatch, getTarget } from './ext.ts';
import { ipToString, maskLength } from './addr.ts';
import { protocolName } from './data/names.ts';
import type { AddrFilter, Rule } from './types.ts';

/** `10.0.0.0/8`, `10.0.0.1/32`, or `10.11.0.13/255.255.0.255` for a mask with holes. */
export function saveAddr(a: AddrFilter): string {
  const len = maskLength(a.mask);
  return `${ipToString(a.addr)}/${len >= 0 ? len : ipToString(a.mask)}`;
}

/**
 * The rule's text after `-A CHAIN` (starting with a space, or empty for a bare rule). With
 * `counters`, ` -c PKTS BYTES` goes between the matches and the target, as `iptables -S -v` does.
 */
export function ruleSpecText(r: Rule, counters = false): string {
  let s = '';
  const inv = (b: boolean) => (b ? ' !' : '');
  if (r.src) s += `${inv(r.src.inv)} -s ${saveAddr(r.src)}`;
  if (r.dst) s += `${inv(r.dst.inv)} -d ${saveAddr(r.dst)}`;
  if (r.inIface) s += `${inv(r.inIface.inv)} -i ${r.inIface.name}`;
  if (r.outIface) s += `${inv(r.outIface.inv)} -o ${r.outIface.name}`;
  if (r.proto && r.proto.num !== 0) s += `${inv(r.proto.inv)} -p ${protocolName(r.proto.num) ?? r.proto.num}`;
  for (const m of r.matches) s += ` -m ${m.name}${getMatch(m.name)!.save(m.data)}`;
  if (counters) s += ` -c ${r.counters.pkts} ${r.counters.bytes}`;
  if (r.target) {
    const ext = getTarget(r.target.name);
    s += ` ${r.target.goto ? '-g' : '-j'} ${r.target.name}${ext ? ext.save(r.target.data) : ''}`;
  }
  return s;
}

/** `-A CHAIN ...` as `iptables -S` prints one rule. */
export function ruleText(chain: string, r: Rule, counters = false): string {
  return `-A ${chain}${ruleSpecText(r, counters)}`;
}
