/**
 * IPv4 address arithmetic on 32-bit integers. The datapath compares addresses for every packet,
 * so it works on numbers rather than parsing strings with ip-address on the hot path; parsed
 * values are cached because the same few addresses recur.
 */
const cache = new Map<string, number>();

/** Dotted quad to an unsigned 32-bit integer, or -1 when the text is not a dotted quad. */
export function ipToInt(ip: string): number {
  const hit = cache.get(ip);
  if (hit !== undefined) return hit;
  const parts = ip.split('.');
  if (parts.length !== 4) return -1;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return -1;
    const n = Number(p);
    if (n > 255) return -1;
    v = v * 256 + n;
  }
  if (cache.size > 4096) cache.clear();
  cache.set(ip, v);
  return v;
}

/** Unsigned integer to dotted quad. */
export function intToIp(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Network mask of a prefix length, as an unsigned integer. */
export function maskOf(len: number): number {
  return len <= 0 ? 0 : len >= 32 ? 0xffffffff : (0xffffffff << (32 - len)) >>> 0;
}

/** True when `ip` lies inside `net/len`. */
export function inPrefix(ip: string, net: string, len: number): boolean {
  const m = maskOf(len);
  return ((ipToInt(ip) & m) >>> 0) === ((ipToInt(net) & m) >>> 0);
}

/** Directed broadcast of an address's subnet (host bits all ones). */
export function subnetBroadcast(ip: string, len: number): string {
  const m = maskOf(len);
  return intToIp(((ipToInt(ip) & m) | (~m >>> 0)) >>> 0);
}

/** 224.0.0.0/4. */
export function isMulticast(ip: string): boolean {
  return (ipToInt(ip) >>> 28) === 0xe;
}

/** 255.255.255.255 or 0.0.0.0 (never a unicast destination). */
export function isLimitedBroadcast(ip: string): boolean {
  return ip === '255.255.255.255';
}

/** 127.0.0.0/8: only valid inside a host, never on a wire. */
export function isLoopbackAddr(ip: string): boolean {
  return ip.startsWith('127.');
}

/** A valid dotted quad. */
export function isIpv4(ip: string): boolean {
  return ipToInt(ip) >= 0;
}
