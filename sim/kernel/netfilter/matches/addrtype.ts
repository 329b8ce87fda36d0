/**
 * The addrtype match (`--src-type LOCAL`, `! --dst-type UNICAST`): the address's routing type
 * in the namespace (inet_addr_type): LOCAL when a local route covers it, BROADCAST for
 * broadcast routes and 255.255.255.255, MULTICAST for 224.0.0.0/4, UNICAST otherwise.
 */
import { registerMatch } from '../ext.ts';
import type { MatchCtx } from '../ext.ts';
import { parseIp, prefixMask } from '../addr.ts';
import type { Netns } from '../../types.ts';

/** Type names in the kernel's bit order (as libxt_addrtype prints them). */
const TYPES = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE'];

function parseTypes(s: string): number | undefined {
  let m = 0;
  for (const p of s.split(',')) {
    const i = TYPES.indexOf(p.toUpperCase());
    if (i < 0) return undefined;
    m |= 1 << i;
  }
  return m;
}

function typeText(m: number): string {
  return TYPES.filter((_, i) => m & (1 << i)).join(',');
}

/** Routing type of an address in a namespace. */
export function addrType(netns: Netns, a: number): string {
  if (a === 0xffffffff) return 'BROADCAST';
  if (a >>> 28 === 0xe) return 'MULTICAST';
  if (a === 0) return 'BROADCAST';
  for (const r of netns.routes) {
    if (r.table !== 255 || (r.type !== 'local' && r.type !== 'broadcast')) continue;
    const base = parseIp(r.dst);
    if (base === undefined) continue;
    const mask = prefixMask(r.dstLen);
    if (((a & mask) >>> 0) === ((base & mask) >>> 0)) return r.type === 'local' ? 'LOCAL' : 'BROADCAST';
  }
  // Without local routes (a kernel that only knows addresses), fall back to the address list.
  if (!netns.routes.some((r) => r.table === 255)) {
    for (const x of netns.addrs4) if (parseIp(x.address) === a) return 'LOCAL';
  }
  return 'UNICAST';
}

registerMatch({
  name: 'addrtype',
  options: { 'src-type': { arg: true }, 'dst-type': { arg: true }, 'limit-iface-in': { arg: false }, 'limit-iface-out': { arg: false } },
  init: () => ({}),
  parse(d, opt, arg, inv) {
    if (opt.startsWith('limit')) {
      d[opt] = true;
      return undefined;
    }
    const m = parseTypes(arg ?? '');
    if (m === undefined) return `addrtype: bad type "${arg}"`;
    d[opt === 'src-type' ? 'src' : 'dst'] = { mask: m, inv };
    return undefined;
  },
  final: (d) => (d.src || d.dst ? undefined : 'addrtype: you must specify --src-type or --dst-type'),
  save(d) {
    let s = '';
    const src = d.src as { mask: number; inv: boolean } | undefined, dst = d.dst as typeof src;
    if (src) s += `${src.inv ? ' !' : ''} --src-type ${typeText(src.mask)}`;
    if (dst) s += `${dst.inv ? ' !' : ''} --dst-type ${typeText(dst.mask)}`;
    if (d['limit-iface-in']) s += ' --limit-iface-in';
    if (d['limit-iface-out']) s += ' --limit-iface-out';
    return s;
  },
  list(d) {
    let s = ' ADDRTYPE match';
    const src = d.src as { mask: number; inv: boolean } | undefined, dst = d.dst as typeof src;
    if (src) s += ` src-type ${src.inv ? '!' : ''}${typeText(src.mask)}`;
    if (dst) s += ` dst-type ${dst.inv ? '!' : ''}${typeText(dst.mask)}`;
    if (d['limit-iface-in']) s += ' limit-in';
    if (d['limit-iface-out']) s += ' limit-out';
    return s;
  },
  compile(d) {
    const src = d.src as { mask: number; inv: boolean } | undefined, dst = d.dst as typeof src;
    const hit = (c: MatchCtx, a: number, t: { mask: number; inv: boolean }) =>
      ((t.mask & (1 << TYPES.indexOf(addrType(c.netns, a)))) !== 0) !== t.inv;
    return (c) => (!src || hit(c, c.src, src)) && (!dst || hit(c, c.dst, dst));
  },
});
