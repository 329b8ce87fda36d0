/**
 * Seeded randomness (MAC addresses, ephemeral ports, container ids). A small, fast PRNG
 * (mulberry32): the point is reproducibility, not cryptographic quality.
 */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  u32(): number;
  /** Uniform integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** `n` random bytes. */
  bytes(n: number): number[];
  /** `n` lower-case hex characters. */
  hex(n: number): string;
}

export function createRng(seed = 1): Rng {
  let a = seed >>> 0;
  const u32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    u32,
    int: (min, max) => min + (u32() % (max - min + 1)),
    bytes: (n) => Array.from({ length: n }, () => u32() & 0xff),
    hex: (n) => Array.from({ length: n }, () => (u32() & 0xf).toString(16)).join(''),
  };
}

/** A random locally administered unicast MAC, as the kernel's eth_random_addr() makes. */
export function randomMac(rng: Rng): string {
  const b = rng.bytes(6);
  b[0] = (b[0] & 0xfe) | 0x02;
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}
