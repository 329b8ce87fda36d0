/**
 * Per-namespace sysctls. A new namespace starts from the reference kernel's defaults
 * (sysctl-defaults.ts); only changed values are stored, so a thousand namespaces cost little.
 * Per-device keys (net.ipv4.conf.<dev>.*, net.ipv4.neigh.<dev>.*, net.ipv6.conf.<dev>.*,
 * net.ipv6.neigh.<dev>.*) exist exactly while the device exists; a new device copies the
 * namespace's `conf.default` values, as devinet and addrconf do.
 *
 * `SysctlTable` is a Map, so other parts may read `netns.sysctl.get('net.ipv4.ip_forward')`.
 */
import { DEVICE_KEYS, GLOBAL_DEFAULTS, LOOPBACK_OVERRIDES } from './sysctl-defaults.ts';
import type { Errno } from './errno.ts';

const GLOBAL = new Map<string, string>(GLOBAL_DEFAULTS.map(([k, v]) => [k, v]));
const DEVICE = new Map<string, string>(DEVICE_KEYS.map(([k, v]) => [k, v]));

/** Splits a per-device key into its template key and device name, e.g. net.ipv4.conf.v0.rp_filter. */
function deviceKey(key: string): { tmpl: string; dev: string } | undefined {
  const m = /^net\.(ipv4|ipv6)\.(conf|neigh)\.([^.]+)\.(.+)$/.exec(key);
  if (!m) return undefined;
  if (m[3] === 'all' || m[3] === 'default') return undefined;
  return { tmpl: `${m[1]}.${m[2]}.${m[4]}`, dev: m[3] };
}

/** Compares dotted keys segment by segment, as /proc/sys lists them. */
export function compareKeys(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

/** What the table needs to know about the namespace's devices. */
export interface SysctlDevices {
  /** Device names (with `/` for dots, as in keys) and their mtu and loopback-ness. */
  has(name: string): boolean;
  info(name: string): { mtu: number; loopback: boolean } | undefined;
  names(): string[];
}

/** A namespace's sysctls: defaults plus overrides, with per-device keys derived from its devices. */
export class SysctlTable extends Map<string, string> {
  /** Changed values only (the Map's own storage is left empty). */
  private readonly over = new Map<string, string>();
  constructor(private readonly devices: SysctlDevices) {
    super();
  }

  override get(key: string): string | undefined {
    const o = this.over.get(key);
    if (o !== undefined) return o;
    if (GLOBAL.has(key)) return GLOBAL.get(key);
    const d = deviceKey(key);
    if (!d) return undefined;
    const info = this.devices.info(d.dev);
    if (!info || !DEVICE.has(d.tmpl)) return undefined;
    if (d.tmpl === 'ipv6.conf.mtu') return String(info.mtu);
    if (info.loopback && d.tmpl in LOOPBACK_OVERRIDES) return LOOPBACK_OVERRIDES[d.tmpl];
    return DEVICE.get(d.tmpl);
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores a value without validation (kernel-internal; users go through Kernel.sysctlSet). */
  override set(key: string, value: string): this {
    // Called by the Map constructor before fields exist.
    if (!this.over) return this;
    this.over.set(key, value);
    return this;
  }

  override delete(key: string): boolean {
    return this.over.delete(key);
  }

  /** Every key, sorted as /proc/sys lists them. */
  override keys(): MapIterator<string> {
    const out: string[] = [...GLOBAL.keys()];
    for (const dev of this.devices.names()) {
      for (const t of DEVICE.keys()) {
        const [fam, kind, ...rest] = t.split('.');
        out.push(`net.${fam}.${kind}.${dev}.${rest.join('.')}`);
      }
    }
    out.sort(compareKeys);
    return out[Symbol.iterator]() as MapIterator<string>;
  }

  override entries(): MapIterator<[string, string]> {
    return [...this.keys()].map((k) => [k, this.get(k)!] as [string, string])[Symbol.iterator]() as MapIterator<[string, string]>;
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  override forEach(fn: (value: string, key: string, map: Map<string, string>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }

  override get size(): number {
    return GLOBAL.size + this.devices.names().length * DEVICE.size;
  }

  /** Overrides only (for snapshots and tests). */
  changed(): Map<string, string> {
    return new Map(this.over);
  }

  /** A device appeared: it copies the namespace's `conf.default` values that were changed. */
  deviceAdded(dev: string): void {
    for (const [k, v] of [...this.over]) {
      const m = /^net\.(ipv4|ipv6)\.conf\.default\.(.+)$/.exec(k);
      if (m && m[2] !== 'mtu') this.over.set(`net.${m[1]}.conf.${dev}.${m[2]}`, v);
    }
  }

  /** A device went away: its keys disappear with it. */
  deviceRemoved(dev: string): void {
    for (const k of [...this.over.keys()]) {
      const d = deviceKey(k);
      if (d && d.dev === dev) this.over.delete(k);
    }
  }

  /** A device was renamed: its values follow it. */
  deviceRenamed(from: string, to: string): void {
    for (const [k, v] of [...this.over]) {
      const d = deviceKey(k);
      if (d && d.dev === from) {
        this.over.delete(k);
        const [fam, kind, ...rest] = d.tmpl.split('.');
        this.over.set(`net.${fam}.${kind}.${to}.${rest.join('.')}`, v);
      }
    }
  }

  /**
   * Writes a value the way the proc handler would: integers only for numeric keys (EINVAL
   * otherwise), and the forwarding switches propagate as devinet_sysctl_forward does.
   */
  write(key: string, raw: string): Errno | undefined {
    const cur = this.get(key);
    if (cur === undefined) return 'ENOENT';
    let value = raw.trim();
    if (/^-?\d+$/.test(cur)) {
      if (!/^[-+]?\d+$/.test(value)) return 'EINVAL';
      value = String(parseInt(value, 10));
    } else if (/^-?\d+\t-?\d+$/.test(cur)) {
      const parts = value.split(/\s+/);
      if (parts.length !== 2 || !parts.every((p) => /^-?\d+$/.test(p))) return 'EINVAL';
      value = parts.join('\t');
    }
    const fwd4 = key === 'net.ipv4.ip_forward' || key === 'net.ipv4.conf.all.forwarding';
    // proc_dointvec stores the integer as written (2 stays 2); inet_forward_change copies it to
    // default and every device and turns all.accept_redirects off while forwarding is on.
    if (fwd4) {
      const v = value;
      this.over.set('net.ipv4.conf.all.accept_redirects', v === '0' ? '1' : '0');
      this.over.set('net.ipv4.ip_forward', v);
      this.over.set('net.ipv4.conf.all.forwarding', v);
      this.over.set('net.ipv4.conf.default.forwarding', v);
      for (const dev of this.devices.names()) this.over.set(`net.ipv4.conf.${dev}.forwarding`, v);
      return undefined;
    }
    if (key === 'net.ipv6.conf.all.forwarding') {
      const v = value;
      this.over.set(key, v);
      this.over.set('net.ipv6.conf.default.forwarding', v);
      for (const dev of this.devices.names()) this.over.set(`net.ipv6.conf.${dev}.forwarding`, v);
      return undefined;
    }
    this.over.set(key, value);
    return undefined;
  }
}
