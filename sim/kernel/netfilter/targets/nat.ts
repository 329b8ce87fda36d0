/**
 * NAT targets: DNAT and REDIRECT (destination, PREROUTING/OUTPUT), SNAT and MASQUERADE
 * (source, POSTROUTING; SNAT also INPUT). They only describe the mapping; nat.ts applies it
 * to the connection, once, on its first packet.
 */
import { registerTarget } from '../ext.ts';
import type { NatRange, ParseState, TargetExt } from '../ext.ts';
import type { Rule, TableName } from '../types.ts';
import { ipToString, parseIp } from '../addr.ts';

const NEED_PORTS = 'Need TCP, UDP, SCTP or DCCP with port specification';
const PORT_PROTOS = [6, 17, 132, 33, 136];

function hasPortProto(st: ParseState): boolean {
  return PORT_PROTOS.includes(st.proto) && !st.protoInv;
}

/** `a.b.c.d[-e.f.g.h][:port[-port]]` into a range. */
function parseToAddr(s: string, st: ParseState): NatRange | string {
  const colon = s.indexOf(':');
  const addrPart = colon >= 0 ? s.slice(0, colon) : s;
  const portPart = colon >= 0 ? s.slice(colon + 1) : undefined;
  const r: NatRange = {};
  if (addrPart) {
    const [a, b] = addrPart.split('-');
    const lo = parseIp(a);
    if (lo === undefined) return `Bad IP address "${a}"`;
    const hi = b === undefined ? lo : parseIp(b);
    if (hi === undefined) return `Bad IP address "${b}"`;
    r.minAddr = lo;
    r.maxAddr = hi;
  }
  if (portPart !== undefined) {
    if (!hasPortProto(st)) return NEED_PORTS;
    const pr = parsePorts(portPart);
    if (typeof pr === 'string') return pr;
    Object.assign(r, pr);
  }
  return r;
}

function parsePorts(s: string): { minPort: number; maxPort: number } | string {
  const [a, b] = s.split('-');
  const lo = /^\d+$/.test(a) ? Number(a) : NaN;
  const hi = b === undefined ? lo : /^\d+$/.test(b) ? Number(b) : NaN;
  if (!(lo >= 0 && lo <= 65535)) return `Port "${a}" not valid\n`;
  if (!(hi >= 0 && hi <= 65535)) return `Port "${b}" not valid\n`;
  if (hi < lo) return `Port range "${s}" not valid\n`;
  return { minPort: lo, maxPort: hi };
}

function rangeText(r: NatRange): string {
  let s = '';
  if (r.minAddr !== undefined) {
    s += ipToString(r.minAddr);
    if (r.maxAddr !== undefined && r.maxAddr !== r.minAddr) s += `-${ipToString(r.maxAddr)}`;
  }
  if (r.minPort !== undefined) {
    s += `:${r.minPort}`;
    if (r.maxPort !== r.minPort) s += `-${r.maxPort}`;
  }
  return s;
}

function portsText(r: NatRange): string {
  return r.maxPort !== undefined && r.maxPort !== r.minPort ? `${r.minPort}-${r.maxPort}` : `${r.minPort}`;
}

function chainOk(table: TableName, chain: string, hooks: string[]): boolean {
  if (table !== 'nat') return false;
  const builtin = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'].includes(chain);
  return !builtin || hooks.includes(chain);
}

function toTarget(name: 'DNAT' | 'SNAT'): TargetExt {
  const opt = name === 'DNAT' ? 'to-destination' : 'to-source';
  const hooks = name === 'DNAT' ? ['PREROUTING', 'OUTPUT'] : ['POSTROUTING', 'INPUT'];
  return {
    name,
    options: { [opt]: { arg: true }, random: { arg: false }, persistent: { arg: false } },
    init: () => ({}),
    parse(d, o, arg, _inv, st) {
      if (o !== opt) {
        d[o] = true;
        return undefined;
      }
      const r = parseToAddr(arg ?? '', st);
      if (typeof r === 'string') return r;
      d.range = r;
      return undefined;
    },
    final: (d) => (d.range ? undefined : `${name}: option "--${opt}" must be specified\n`),
    valid: (_d, _r: Rule, table, chain) => chainOk(table, chain, hooks),
    save: (d) => ` --${opt} ${rangeText(d.range as NatRange)}${d.random ? ' --random' : ''}${d.persistent ? ' --persistent' : ''}`,
    list: (d) => ` to:${rangeText(d.range as NatRange)}${d.random ? ' random' : ''}${d.persistent ? ' persistent' : ''}`,
    run: (d, ctx) => ctx.nat(name === 'DNAT' ? 'dst' : 'src', d.range as NatRange),
    conntrack: true,
  };
}

function portsTarget(name: 'MASQUERADE' | 'REDIRECT'): TargetExt {
  const hooks = name === 'MASQUERADE' ? ['POSTROUTING'] : ['PREROUTING', 'OUTPUT'];
  return {
    name,
    options: { 'to-ports': { arg: true }, random: { arg: false } },
    init: () => ({}),
    parse(d, o, arg, _inv, st) {
      if (o === 'random') {
        d.random = true;
        return undefined;
      }
      if (!hasPortProto(st)) return NEED_PORTS;
      const r = parsePorts(arg ?? '');
      if (typeof r === 'string') return r;
      Object.assign(d, r);
      return undefined;
    },
    valid: (_d, _r, table, chain) => chainOk(table, chain, hooks),
    save(d) {
      let s = d.minPort !== undefined ? ` --to-ports ${portsText(d as NatRange)}` : '';
      if (d.random) s += ' --random';
      return s;
    },
    list(d) {
      let s = '';
      if (d.minPort !== undefined) s += name === 'MASQUERADE' ? ` masq ports: ${portsText(d as NatRange)}` : ` redir ports ${portsText(d as NatRange)}`;
      if (d.random) s += ' random';
      return s;
    },
    run(d, ctx) {
      const range: NatRange = { minPort: d.minPort as number | undefined, maxPort: d.maxPort as number | undefined };
      if (name === 'MASQUERADE') return ctx.nat('src', { ...range, masquerade: true });
      return ctx.nat('dst', { ...range, redirect: true });
    },
    conntrack: true,
  };
}

registerTarget(toTarget('DNAT'));
registerTarget(toTarget('SNAT'));
registerTarget(portsTarget('MASQUERADE'));
registerTarget(portsTarget('REDIRECT'));
