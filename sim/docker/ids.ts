/**
 * Identifiers Docker draws at random, from the machine's seeded generator: 64-hex object ids,
 * `veth` + 7 hex host-side interface names, and MAC addresses by version.
 */
import type { Rng } from '../kernel/rng.ts';

/** A 64-hex id (containers, networks, endpoints, sandboxes), never all digits as in stringid. */
export function newId(rng: Rng): string {
  for (;;) {
    const id = rng.hex(64);
    // moby's stringid.GenerateRandomID retries ids whose 12-char prefix parses as a number.
    if (!/^[0-9]+$/.test(id.slice(0, 12))) return id;
  }
}

/** The 12-character short form that `ps`, `network ls` and hostnames show. */
export function shortId(id: string): string {
  return id.slice(0, 12);
}

/** Host-side veth name: `veth` + 7 random hex characters (netutils.GenerateIfaceName). */
export function vethName(rng: Rng, taken: (name: string) => boolean): string {
  for (;;) {
    const n = 'veth' + rng.hex(7);
    if (!taken(n)) return n;
  }
}

/** v28+: random MAC with the multicast bit cleared and the locally-administered bit set. */
export function randomLaaMac(rng: Rng): string {
  const b = rng.bytes(6);
  b[0] = (b[0] & 0xfe) | 0x02;
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** ≤27: `02:42:` followed by the four bytes of the IPv4 address (genMAC). */
export function macFromIp(ip: string): string {
  return ['02', '42', ...ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'))].join(':');
}

/** ≤27 bridge MAC: `02:42:` plus four random bytes. */
export function legacyBridgeMac(rng: Rng): string {
  return ['02', '42', ...rng.bytes(4).map((x) => x.toString(16).padStart(2, '0'))].join(':');
}
