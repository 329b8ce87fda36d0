/** Parsing of the rule header options: -s/-d addresses with masks, -p protocols. */
import { parseIp, prefixMask } from '../../kernel/netfilter/addr.ts';
import { protocolNumber } from '../../kernel/netfilter/data/names.ts';
import type { AddrFilter } from '../../kernel/netfilter/types.ts';

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
  const addr = parseIp(host);
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
