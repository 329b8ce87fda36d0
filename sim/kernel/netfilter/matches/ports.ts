/** Port and port-range parsing and printing shared by tcp, udp and multiport. */
import { serviceName, servicePort } from '../data/names.ts';

/** A port range [lo, hi] with its inversion flag. */
export interface PortRange {
  lo: number;
  hi: number;
  inv: boolean;
}

/** A single port: a number 0-65535 or a service name for `proto`. */
export function parsePort(s: string, proto: string): number | undefined {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n <= 65535 ? n : undefined;
  }
  return servicePort(s, proto);
}

/** `a`, `a:b`, `a:` or `:b`, as xtables_parse_port_range does; returns an error text or a range. */
export function parsePortRange(s: string, proto: string, inv: boolean): PortRange | string {
  const i = s.indexOf(':');
  const one = (x: string) => parsePort(x, proto);
  if (i < 0) {
    const p = one(s);
    return p === undefined ? `invalid port/service \`${s}' specified` : { lo: p, hi: p, inv };
  }
  const a = s.slice(0, i), b = s.slice(i + 1);
  const lo = a === '' ? 0 : one(a);
  const hi = b === '' ? 65535 : one(b);
  if (lo === undefined) return `invalid port/service \`${a}' specified`;
  if (hi === undefined) return `invalid port/service \`${b}' specified`;
  if (lo > hi) return 'invalid portrange (min > max)';
  return { lo, hi, inv };
}

/** -S form: `80` or `5:65535`. */
export function savePorts(r: PortRange): string {
  return r.lo === r.hi ? `${r.lo}` : `${r.lo}:${r.hi}`;
}

/** A port as -L prints it: the service name unless numeric. */
export function portName(p: number, proto: string, numeric: boolean): string {
  return (!numeric && serviceName(p, proto)) || `${p}`;
}

/** -L form, e.g. ` dpt:http`, ` spts:1024:65535`, ` dpt:!80`. */
export function listPorts(label: string, r: PortRange, proto: string, numeric: boolean): string {
  const inv = r.inv ? '!' : '';
  if (r.lo === r.hi) return ` ${label}:${inv}${portName(r.lo, proto, numeric)}`;
  return ` ${label}s:${inv}${portName(r.lo, proto, numeric)}:${portName(r.hi, proto, numeric)}`;
}

export function inRange(p: number, r: PortRange): boolean {
  return (p >= r.lo && p <= r.hi) !== r.inv;
}
