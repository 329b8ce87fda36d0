/**
 * Docker's default IPAM for the local address space (moby defaultipam): subnets come from the
 * default pools in order (172.17-172.31 as /16, then 192.168.0.0/16 cut into /20s), skipping
 * any that overlap a network already allocated or a route of the host; inside a subnet the
 * network and broadcast addresses are reserved, the gateway is taken first and each
 * container then gets the lowest free address, so an address freed by `docker rm` is reused.
 */

/** Dotted quad to unsigned 32-bit integer. */
export function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0);
}

/** Unsigned 32-bit integer to dotted quad. */
export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** A parsed IPv4 prefix. */
export interface Prefix {
  base: number;
  len: number;
}

/** Parses "a.b.c.d/n" (rejecting garbage), masking host bits off like net.ParseCIDR's network. */
export function parsePrefix(cidr: string): Prefix | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) return undefined;
  const len = Number(m[5]);
  return { base: (ipToInt(m.slice(1, 5).join('.')) & mask(len)) >>> 0, len };
}

/** True if `ip` is a valid dotted quad. */
export function isIpv4(ip: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  return !!m && m.slice(1).every((o) => Number(o) <= 255 && (o === '0' || !o.startsWith('0')));
}

export function mask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export function prefixString(p: Prefix): string {
  return `${intToIp(p.base)}/${p.len}`;
}

export function contains(p: Prefix, ip: number): boolean {
  return ((ip & mask(p.len)) >>> 0) === p.base;
}

export function overlaps(a: Prefix, b: Prefix): boolean {
  return contains(a, b.base) || contains(b, a.base);
}

/** The local default pools, in the order the allocator tries them. */
export function defaultPools(): Prefix[] {
  const pools: Prefix[] = [];
  for (let o = 17; o <= 31; o++) pools.push({ base: ipToInt(`172.${o}.0.0`), len: 16 });
  for (let o = 0; o < 256; o += 16) pools.push({ base: ipToInt(`192.168.${o}.0`), len: 20 });
  return pools;
}

/** One allocated subnet and the addresses taken in it. */
export class SubnetPool {
  /** Offsets (host parts) in use: reserved ones, the gateway and containers. */
  private readonly used = new Set<number>();
  constructor(readonly prefix: Prefix) {
    const size = this.size();
    if (size > 2) {
      this.used.add(0);
      this.used.add(size - 1);
    }
  }
  size(): number {
    return 2 ** (32 - this.prefix.len);
  }
  /** Takes a specific address; false if outside the subnet or taken. */
  take(ip: string): boolean {
    const n = ipToInt(ip);
    if (!contains(this.prefix, n)) return false;
    const off = n - this.prefix.base;
    if (this.used.has(off)) return false;
    this.used.add(off);
    return true;
  }
  /** The lowest free address, taken; undefined when the subnet is full. */
  next(): string | undefined {
    for (let off = 1; off < this.size(); off++) {
      if (!this.used.has(off)) {
        this.used.add(off);
        return intToIp(this.prefix.base + off);
      }
    }
    return undefined;
  }
  release(ip: string): void {
    const n = ipToInt(ip);
    if (contains(this.prefix, n)) this.used.delete(n - this.prefix.base);
  }
  has(ip: string): boolean {
    const n = ipToInt(ip);
    return contains(this.prefix, n) && this.used.has(n - this.prefix.base);
  }
  /** IPsInUse as network inspect's Status reports it (reserved addresses included). */
  inUse(): number {
    return this.used.size;
  }
}

/**
 * Picks the first default pool that overlaps neither an allocated subnet nor one of the
 * host's routes/addresses (`avoid`).
 */
export function pickPool(allocated: Prefix[], avoid: Prefix[]): Prefix | undefined {
  return defaultPools().find((p) => !allocated.some((a) => overlaps(a, p)) && !avoid.some((a) => overlaps(a, p)));
}
