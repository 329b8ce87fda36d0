/**
 * `iptables -L` output, column for column as iptables 1.8.9 prints it (print_header,
 * print_rule_details, print_ifaces, print_ipv4_addresses): fixed-width fields, `anywhere`
 * and protocol/service names unless -n, K/M/G counters unless -x, then each match's and the
 * target's own text.
 */
import { getMatch, getTarget } from '../../kernel/netfilter/ext.ts';
import { ipToString, maskLength } from '../../kernel/netfilter/addr.ts';
import { protocolName } from '../../kernel/netfilter/data/names.ts';
import { references } from '../../kernel/netfilter/ops.ts';
import type { AddrFilter, Chain, Rule, Table } from '../../kernel/netfilter/types.ts';

export interface ListFormat {
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

const padR = (s: string, w: number) => (s.length >= w ? s : s + ' '.repeat(w - s.length));
const padL = (s: string, w: number) => (s.length >= w ? s : ' '.repeat(w - s.length) + s);

/** xtables_print_num: `%5llu ` or `%4lluK `..., `%8llu ` with -x; no padding in headers. */
export function formatNum(n: number, exact: boolean, table = true): string {
  if (exact) return table ? `${padL(String(n), 8)} ` : `${n} `;
  if (n <= 99999) return table ? `${padL(String(n), 5)} ` : `${n} `;
  for (const unit of ['K', 'M', 'G', 'T']) {
    n = Math.floor((n + 500) / 1000);
    if (n <= 9999 || unit === 'T') return table ? `${padL(String(n), 4)}${unit} ` : `${n}${unit} `;
  }
  return '';
}

/** Names from /etc/hosts and /etc/networks that non-numeric listings show. */
const HOSTS: Record<string, string> = { '127.0.0.1': 'localhost' };
const NETWORKS: Record<string, string> = { '0.0.0.0': 'default', '127.0.0.0': 'loopback', '169.254.0.0': 'link-local' };

function addrField(a: AddrFilter | undefined, numeric: boolean): string {
  const inv = a?.inv ? '!' : ' ';
  if (!a || a.mask === 0) {
    if (!numeric) return `${inv}${padR('anywhere', 19)} `;
    return `${inv}${padR('0.0.0.0/0', 19)} `;
  }
  const ip = ipToString(a.addr);
  const len = maskLength(a.mask);
  let text: string;
  if (len === 32) text = (!numeric && HOSTS[ip]) || ip;
  else text = ((!numeric && NETWORKS[ip]) || ip) + (len >= 0 ? `/${len}` : `/${ipToString(a.mask)}`);
  return `${inv}${padR(text, 19)} `;
}

/** The column header line. */
export function headerLine(f: ListFormat): string {
  let s = '';
  if (f.lineNumbers) s += 'num  ';
  if (f.verbose) s += f.exact ? `${padL('pkts', 8)} ${padL('bytes', 10)} ` : ' pkts bytes ';
  s += 'target     prot opt';
  if (f.verbose) s += ' in     out    ';
  s += ` ${padR('source', 19)}  ${padR('destination', 19)} `;
  return `${s}\n`;
}

/** `Chain NAME (policy ACCEPT 0 packets, 0 bytes)` or `Chain NAME (N references)`. */
export function chainTitle(t: Table, c: Chain, f: ListFormat): string {
  if (!c.builtin) return `Chain ${c.name} (${references(t, c.name)} references)\n`;
  let s = `Chain ${c.name} (policy ${c.policy}`;
  if (f.verbose) s += ` ${formatNum(c.policyCounters.pkts, f.exact, false)}packets, ${formatNum(c.policyCounters.bytes, f.exact, false)}bytes`;
  return `${s})\n`;
}

/** One rule line. */
export function ruleLine(r: Rule, num: number, f: ListFormat): string {
  let s = '';
  if (f.lineNumbers) s += `${padR(String(num), 4)} `;
  if (f.verbose) s += formatNum(r.counters.pkts, f.exact) + formatNum(r.counters.bytes, f.exact);
  s += `${padR(r.target?.name ?? '', 9)} `;
  const p = r.proto?.num ?? 0;
  s += r.proto?.inv ? '!' : ' ';
  s += padR(f.numeric ? String(p) : protocolName(p) ?? String(p), 5);
  s += '-- ';
  if (f.verbose) {
    const any = f.numeric ? '*' : 'any';
    const ifc = (x: Rule['inIface']) => (x ? `${x.inv ? '!' : ''}${x.name}` : any);
    s += ` ${padR(ifc(r.inIface), 6)} ${padR(ifc(r.outIface), 6)} `;
  }
  s += addrField(r.src, f.numeric) + addrField(r.dst, f.numeric);
  if (r.target?.goto) s += '[goto] ';
  for (const m of r.matches) s += getMatch(m.name)!.list(m.data, f.numeric);
  const ext = r.target && getTarget(r.target.name);
  if (ext) s += ext.list(r.target!.data, f.numeric);
  return `${s}\n`;
}

/** A whole chain: title, column header, rules. */
export function listChain(t: Table, c: Chain, f: ListFormat): string {
  const parts = [chainTitle(t, c, f), headerLine(f)];
  c.rules.forEach((r, i) => parts.push(ruleLine(r, i + 1, f)));
  return parts.join('');
}
