/** IPv4 dotted quads as unsigned 32-bit numbers, the way the header filter compares them. */

/** Parses a strict dotted quad; undefined when it is not one. */
export function parseIp(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const b = Number(m[i]);
    if (b > 255) return undefined;
    v = v * 256 + b;
  }
  return v >>> 0;
}

export function ipToString(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Mask for a prefix length. */
export function prefixMask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** Prefix length of a contiguous mask, or -1 when the mask has holes. */
export function maskLength(mask: number): number {
  let n = 0;
  while (n < 32 && (mask & (0x80000000 >>> n)) !== 0) n++;
  return prefixMask(n) === mask >>> 0 ? n : -1;
}
