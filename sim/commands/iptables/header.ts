/** Parsing of the rule header options: -s/-d addresses with masks, -p protocols. */
import { parseIp, prefixMask } from '../../kernel/netfilter/addr.ts';
import { protocolNumber } from '../../kernel/netfilter/data/names.ts';
import type { AddrFilter } from '../../kernel/netfilter/types.ts';

/**
 * An address as xtables reads it: one to four dot-separated numbers 0-255, the missing
 * trailing bytes zero (`10/8` is 10.0.0.0/8, `0/0` is anywhere, `1.2.3` is 1.2.3.0).
 */
export function parseXtablesIp(s: string): number | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){0,3}$/.test(s)) return undefined;
  const parts = s.split('.').map(Number);
  if (parts.some((b) => b > 255)) return undefined;
  while (parts.length < 4) parts.push(0);
  return parts.reduce((v, b) => v * 256 + b, 0) >>> 0;
}

/** `A.B.C.D[/LEN|/MASK]` into a filter (address masked, as the kernel stores it) or an error. */
export function parseAddrFilter(s: string, inv: boolean): AddrFilter | string {
  const slash = s.indexOf('/');
  const host = slash >= 0 ? s.slice(0, slash) : s;
  const m = slash >= 0 ? s.slice(slash + 1) : undefined;
  let mask = 0xffffffff;
  if (m !== undefined) {
    if (/^\d+$/.test(m)) {
      const n = Number(m);
      if (n > 32) return `invalid mask \`${m}' specified`;
      mask = prefixMask(n);
    } else {
      const dotted = parseIp(m);
      if (dotted === undefined) return `invalid mask \`${m}' specified`;
      mask = dotted;
    }
  }
  const addr = parseXtablesIp(host);
  if (addr === undefined) return `host/network \`${host}' not found`;
  return { addr: (addr & mask) >>> 0, mask, inv };
}

/** `-p NAME|NUMBER`; undefined when unknown. */
export function parseProto(s: string): number | undefined {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n <= 255 ? n : undefined;
  }
  return protocolNumber(s);
}
