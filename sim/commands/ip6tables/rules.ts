/**
 * ip6tables rules as data: the namespace's IPv6 tables (kept beside the IPv4 ones, in
 * `netns.ext.netfilter6`), the rule parser for the options Docker and the lessons use, and
 * the `-S`/save text in ip6tables 1.8.9's order (`[!] -s A/L [!] -d A/L [!] -i IF [!] -o IF
 * [!] -p PROTO -m NAME opts... -j TARGET opts`). IPv6 packets are not filtered in the lab:
 * these tables are what the tools show, as on a host where nothing speaks IPv6.
 */
import { Address6 } from 'ip-address';
import type { Netns } from '../../kernel/types.ts';

export type Table6Name = 'raw' | 'mangle' | 'nat' | 'filter';

export const BUILTIN6: Record<Table6Name, string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};
/** Table order of ip6tables-save (nf_tables), as for iptables-save. */
export const SAVE_ORDER6: Table6Name[] = ['mangle', 'raw', 'filter', 'nat'];

export interface Addr6 {
  addr: string;
  len: number;
  inv: boolean;
}

export interface Rule6 {
  src?: Addr6;
  dst?: Addr6;
  inIf?: { name: string; inv: boolean };
  outIf?: { name: string; inv: boolean };
  proto?: { num: number; inv: boolean };
  /** `-m NAME` and its options as ip6tables saves them. */
  matches: { name: string; opts: string[] }[];
  target?: { name: string; opts: string[]; goto: boolean };
  counters: { pkts: number; bytes: number };
}

export interface Chain6 {
  name: string;
  builtin: boolean;
  policy?: 'ACCEPT' | 'DROP';
  rules: Rule6[];
}

export interface Table6 {
  name: Table6Name;
  chains: Map<string, Chain6>;
}

/** The namespace's IPv6 tables that exist (a table appears once something was written to it). */
export function tables6(ns: Netns): Map<Table6Name, Table6> {
  let s = ns.ext.netfilter6 as Map<Table6Name, Table6> | undefined;
  if (!s) {
    s = new Map();
    ns.ext.netfilter6 = s;
  }
  return s;
}

/** A fresh table with its built-in chains. */
export function newTable6(name: Table6Name): Table6 {
  const chains = new Map<string, Chain6>();
  for (const c of BUILTIN6[name]) chains.set(c, { name: c, builtin: true, policy: 'ACCEPT', rules: [] });
  return { name, chains };
}

/** Built-in chains first, then user chains by name, as ip6tables lists them. */
export function chains6(t: Table6): Chain6[] {
  const user = [...t.chains.values()].filter((c) => !c.builtin).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...BUILTIN6[t.name].map((n) => t.chains.get(n)!), ...user];
}

const PROTOS: Record<string, number> = { all: 0, tcp: 6, udp: 17, icmpv6: 58, 'ipv6-icmp': 58, sctp: 132, esp: 50, ah: 51 };
/** Protocol names as /etc/protocols gives them (what -S and -L print). */
export const PROTO_NAMES: Record<number, string> = { 0: 'all', 6: 'tcp', 17: 'udp', 58: 'ipv6-icmp', 132: 'sctp', 50: 'esp', 51: 'ah' };

/** Options each match takes; a protocol's own match (`-p tcp --dport`) is loaded implicitly. */
const MATCH_OPTS: Record<string, string[]> = {
  tcp: ['--dport', '--destination-port', '--sport', '--source-port', '--tcp-flags', '--syn'],
  udp: ['--dport', '--destination-port', '--sport', '--source-port'],
  addrtype: ['--src-type', '--dst-type', '--limit-iface-in', '--limit-iface-out'],
  conntrack: ['--ctstate', '--ctproto', '--ctorigsrc', '--ctorigdst'],
  state: ['--state'],
  set: ['--match-set'],
  comment: ['--comment'],
  icmp6: ['--icmpv6-type'],
  multiport: ['--dports', '--sports', '--ports'],
};
const CANON: Record<string, string> = { '--destination-port': '--dport', '--source-port': '--sport' };
/** Options with two values (`--match-set NAME dst`). */
const TWO_VALUES = new Set(['--match-set']);
const NO_VALUE = new Set(['--syn', '--limit-iface-in', '--limit-iface-out']);

export type Parse6 = { ok: true; rule: Rule6 } | { ok: false; message: string; usage: boolean; exit: number };

/** Parses an IPv6 host/network the way ip6tables does (`::1` -> `::1/128`). */
function addr6(text: string, inv: boolean): Addr6 | undefined {
  const [a, l] = text.split('/');
  if (!Address6.isValid(a)) return undefined;
  const len = l === undefined ? 128 : Number(l);
  if (!/^\d+$/.test(l ?? '128') || len > 128) return undefined;
  // The network part only, compressed (ip6tables prints 2001:db8::/32 for 2001:db8::1/32).
  const masked = new Address6(`${a}/${len}`).startAddress().correctForm();
  return { addr: masked, len, inv };
}

/** Parses the rule part of an ip6tables command line (everything but the command and chain). */
export function parseRule6(args: string[]): Parse6 {
  const r: Rule6 = { matches: [], counters: { pkts: 0, bytes: 0 } };
  let inv = false;
  const bad = (message: string, exit = 2, usage = true): Parse6 => ({ ok: false, message, usage, exit });
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '!') {
      inv = true;
      continue;
    }
    const val = () => args[++i];
    if (a === '-s' || a === '--source' || a === '--src' || a === '-d' || a === '--destination' || a === '--dst') {
      const v = val();
      if (v === undefined) return bad(`option "${a}" requires an argument`);
      const p = addr6(v, inv);
      if (!p) return bad(`host/network \`${v}' not found`);
      if (a.startsWith('-s') || a.startsWith('--s')) r.src = p;
      else r.dst = p;
    } else if (a === '-i' || a === '--in-interface' || a === '-o' || a === '--out-interface') {
      const v = val();
      if (v === undefined) return bad(`option "${a}" requires an argument`);
      if (a === '-i' || a === '--in-interface') r.inIf = { name: v, inv };
      else r.outIf = { name: v, inv };
    } else if (a === '-p' || a === '--protocol') {
      const v = val()?.toLowerCase();
      const num = v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : PROTOS[v];
      if (num === undefined) return bad(`unknown protocol "${v}" specified`);
      r.proto = { num, inv };
    } else if (a === '-m' || a === '--match') {
      const name = val();
      if (!name || !MATCH_OPTS[name]) return bad(`Couldn't load match \`${name}':No such file or directory`, 2, false);
      r.matches.push({ name, opts: [] });
    } else if (a === '-j' || a === '--jump' || a === '-g' || a === '--goto') {
      const name = val();
      if (!name) return bad(`option "${a}" requires an argument`);
      // Everything after the target are its own options (--to-destination, --reject-with...).
      const opts: string[] = [];
      while (i + 1 < args.length && args[i + 1].startsWith('--')) opts.push(args[++i], args[++i] ?? '');
      r.target = { name, opts, goto: a === '-g' || a === '--goto' };
    } else if (a.startsWith('--')) {
      const opt = CANON[a] ?? a;
      let m = [...r.matches].reverse().find((x) => MATCH_OPTS[x.name].includes(a));
      if (!m && r.proto && (opt === '--dport' || opt === '--sport') && PROTO_NAMES[r.proto.num]) {
        // `-p tcp --dport N` loads the protocol's match: saved as `-p tcp -m tcp --dport N`.
        m = { name: PROTO_NAMES[r.proto.num], opts: [] };
        r.matches.push(m);
      }
      if (!m) return bad(`unknown option "${a}"`);
      if (inv) m.opts.push('!');
      m.opts.push(opt);
      if (!NO_VALUE.has(opt)) {
        const v = val();
        if (v === undefined) return bad(`option "${a}" requires an argument`);
        m.opts.push(v);
        if (TWO_VALUES.has(opt)) m.opts.push(args[++i] ?? '');
      }
    } else return bad(`Bad argument \`${a}'`);
    inv = false;
  }
  return { ok: true, rule: r };
}

/** The rule's text after `-A CHAIN`, as -S and ip6tables-save print it. */
export function ruleSpec6(r: Rule6): string {
  let s = '';
  const inv = (b: boolean) => (b ? ' !' : '');
  if (r.src) s += `${inv(r.src.inv)} -s ${r.src.addr}/${r.src.len}`;
  if (r.dst) s += `${inv(r.dst.inv)} -d ${r.dst.addr}/${r.dst.len}`;
  if (r.inIf) s += `${inv(r.inIf.inv)} -i ${r.inIf.name}`;
  if (r.outIf) s += `${inv(r.outIf.inv)} -o ${r.outIf.name}`;
  if (r.proto && r.proto.num !== 0) s += `${inv(r.proto.inv)} -p ${PROTO_NAMES[r.proto.num] ?? r.proto.num}`;
  for (const m of r.matches) s += ` -m ${m.name}${m.opts.map((o) => ` ${o}`).join('')}`;
  if (r.target) s += ` ${r.target.goto ? '-g' : '-j'} ${r.target.name}${r.target.opts.map((o) => ` ${o}`).join('')}`;
  return s;
}

/** How many rules of the table jump or go to `chain`. */
export function references6(t: Table6, chain: string): number {
  let n = 0;
  for (const c of t.chains.values()) for (const r of c.rules) if (r.target?.name === chain) n++;
  return n;
}
