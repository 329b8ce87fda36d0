/** The conntrack (`--ctstate`, `--ctorigdst`, ...) and state (`--state`) matches. */
import { registerMatch } from '../ext.ts';
import type { MatchCtx } from '../ext.ts';
import { ipToString, maskLength, parseIp, prefixMask } from '../addr.ts';
import { parsePort } from './ports.ts';
import type { CtState } from '../conntrack.ts';

/** Print order of states (libxt_conntrack). */
const STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'] as const;

function parseStates(s: string): string[] | undefined {
  const out: string[] = [];
  for (const p of s.split(',')) {
    if (!(STATES as readonly string[]).includes(p)) return undefined;
    out.push(p);
  }
  // Kept as the kernel keeps it, a bitmask: the typed order does not survive.
  return STATES.filter((x) => out.includes(x));
}

function stateText(states: string[]): string {
  return STATES.filter((s) => states.includes(s)).join(',');
}

function stateHit(c: MatchCtx, states: string[]): boolean {
  const st: CtState = c.ctState;
  if (states.includes(st)) return true;
  if (c.ct && states.includes('SNAT') && c.ct.srcNat) return true;
  if (c.ct && states.includes('DNAT') && c.ct.dstNat) return true;
  return false;
}

interface AddrOpt {
  addr: number;
  mask: number;
  inv: boolean;
}
interface PortOpt {
  port: number;
  inv: boolean;
}

const ADDR_OPTS = ['ctorigsrc', 'ctorigdst', 'ctreplsrc', 'ctrepldst'] as const;
const PORT_OPTS = ['ctorigsrcport', 'ctorigdstport', 'ctreplsrcport', 'ctrepldstport'] as const;

function parseAddr(s: string): AddrOpt | string {
  const [a, m] = s.split('/');
  const addr = parseIp(a);
  if (addr === undefined) return `host/network \`${a}' not found`;
  let mask = 0xffffffff;
  if (m !== undefined) {
    const n = /^\d+$/.test(m) ? Number(m) : -1;
    if (n < 0 || n > 32) return `invalid mask \`${m}' specified`;
    mask = prefixMask(n);
  }
  return { addr: (addr & mask) >>> 0, mask, inv: false };
}

function addrText(a: AddrOpt): string {
  const len = maskLength(a.mask);
  return ipToString(a.addr) + (len === 32 ? '' : `/${len >= 0 ? len : ipToString(a.mask)}`);
}

registerMatch({
  name: 'conntrack',
  conntrack: true,
  options: {
    ctstate: { arg: true },
    ...Object.fromEntries([...ADDR_OPTS, ...PORT_OPTS].map((o) => [o, { arg: true }])),
  },
  init: () => ({}),
  parse(d, opt, arg, inv) {
    if (opt === 'ctstate') {
      const s = parseStates(arg ?? '');
      if (!s) return `Bad ctstate "${arg}"`;
      d.ctstate = { states: s, inv };
      return undefined;
    }
    if ((ADDR_OPTS as readonly string[]).includes(opt)) {
      const a = parseAddr(arg ?? '');
      if (typeof a === 'string') return a;
      a.inv = inv;
      d[opt] = a;
      return undefined;
    }
    const p = parsePort(arg ?? '', 'tcp');
    if (p === undefined) return `"${arg}" is not a valid port`;
    d[opt] = { port: p, inv } satisfies PortOpt;
    return undefined;
  },
  final(d) {
    return Object.keys(d).length === 0 ? 'conntrack: At least one option is required' : undefined;
  },
  save(d) {
    let s = '';
    const st = d.ctstate as { states: string[]; inv: boolean } | undefined;
    if (st) s += `${st.inv ? ' !' : ''} --ctstate ${stateText(st.states)}`;
    for (const o of ADDR_OPTS) {
      const a = d[o] as AddrOpt | undefined;
      if (a) s += `${a.inv ? ' !' : ''} --${o} ${addrText(a)}`;
    }
    for (const o of PORT_OPTS) {
      const p = d[o] as PortOpt | undefined;
      if (p) s += `${p.inv ? ' !' : ''} --${o} ${p.port}`;
    }
    return s;
  },
  list(d) {
    let s = '';
    const st = d.ctstate as { states: string[]; inv: boolean } | undefined;
    if (st) s += `${st.inv ? ' !' : ''} ctstate ${stateText(st.states)}`;
    for (const o of ADDR_OPTS) {
      const a = d[o] as AddrOpt | undefined;
      if (a) s += `${a.inv ? ' !' : ''} ${o} ${addrText(a)}`;
    }
    for (const o of PORT_OPTS) {
      const p = d[o] as PortOpt | undefined;
      if (p) s += `${p.inv ? ' !' : ''} ${o} ${p.port}`;
    }
    return s;
  },
  compile(d) {
    const st = d.ctstate as { states: string[]; inv: boolean } | undefined;
    const addrs = ADDR_OPTS.filter((o) => d[o]).map((o) => [o, d[o] as AddrOpt] as const);
    const ports = PORT_OPTS.filter((o) => d[o]).map((o) => [o, d[o] as PortOpt] as const);
    return (c) => {
      if (st && stateHit(c, st.states) === st.inv) return false;
      if (!addrs.length && !ports.length) return true;
      const ct = c.ct;
      if (!ct) return false;
      for (const [o, a] of addrs) {
        const t = o.startsWith('ctorig') ? ct.orig : ct.reply;
        const v = parseIp(o.endsWith('src') ? t.src : t.dst)!;
        if ((((v & a.mask) >>> 0) === a.addr) === a.inv) return false;
      }
      for (const [o, p] of ports) {
        const t = o.startsWith('ctorig') ? ct.orig : ct.reply;
        const v = o.includes('srcport') ? t.sport : t.dport;
        if ((v === p.port) === p.inv) return false;
      }
      return true;
    };
  },
});

registerMatch({
  name: 'state',
  conntrack: true,
  options: { state: { arg: true } },
  init: () => ({}),
  parse(d, _opt, arg, inv) {
    const s = parseStates(arg ?? '');
    if (!s || s.includes('SNAT') || s.includes('DNAT')) return `Bad state "${arg}"`;
    d.states = s;
    d.inv = inv;
    return undefined;
  },
  final(d) {
    return d.states ? undefined : 'state: At least one option is required';
  },
  save: (d) => `${d.inv ? ' !' : ''} --state ${stateText(d.states as string[])}`,
  list: (d) => `${d.inv ? ' !' : ''} state ${stateText(d.states as string[])}`,
  compile(d) {
    const states = d.states as string[];
    const inv = d.inv as boolean;
    return (c) => stateHit(c, states) !== inv;
  },
});
