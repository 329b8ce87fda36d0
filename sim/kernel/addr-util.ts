/**
 * IPv4 and IPv6 address arithmetic on plain numbers, for the FIB and address code (hot paths:
 * a route lookup must not allocate parser objects). Parsing is strict, like inet_pton.
 */

/** Dotted quad to a 32-bit unsigned number, or undefined when not a valid address. */
export function ip4ToNum(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const b = Number(m[i]);
    if (b > 255) return undefined;
    n = n * 256 + b;
  }
  return n;
}

/** 32-bit unsigned number to a dotted quad. */
export function numToIp4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Netmask of a prefix length, as an unsigned number. */
export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** The network address of `addr/len`. */
export function networkOf(addr: number, len: number): number {
  return (addr & maskOf(len)) >>> 0;
}

/** The broadcast address of `addr/len`. */
export function broadcastOf(addr: number, len: number): number {
  return (addr | ~maskOf(len)) >>> 0;
}

/** Whether `addr` lies in `net/len`. */
export function inPrefix(addr: number, net: number, len: number): boolean {
  return networkOf(addr, len) === networkOf(net, len);
}

/** Lower-case MAC validation (as iproute2 accepts: six hex pairs separated by colons). */
export function parseMac(s: string): string | undefined {
  const parts = s.split(':');
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) return undefined;
  return parts.map((p) => p.toLowerCase().padStart(2, '0')).join(':');
}

/** Compares two MACs as memcmp does (bridges pick the lowest port MAC). */
export function compareMac(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The EUI-64 link-local address the kernel derives from a MAC, in the form `ip` prints. */
export function linkLocalFromMac(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  b[0] ^= 0x02;
  const groups = [(b[0] << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return compressV6([0xfe80, 0, 0, 0, ...groups]);
}

/** Formats eight 16-bit groups with the longest run of zeros compressed (RFC 5952). */
export function compressV6(g: number[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** The solicited-node multicast MAC of an IPv6 address given by its last 24 bits' MAC form. */
export function solicitedNodeMac(mac: string): string {
  const b = mac.split(':');
  return `33:33:ff:${b[3]}:${b[4]}:${b[5]}`;
}
