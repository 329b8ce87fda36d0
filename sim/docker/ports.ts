/**
 * Port specs as the docker CLI parses them (go-connections/nat ParsePortSpec) and as it prints
 * them (the PORTS column's DisplayablePorts, `docker port`).
 */

/** One `-p` mapping before the daemon picks host ports. */
export interface PortSpec {
  /** Container port and protocol. */
  port: number;
  proto: 'tcp' | 'udp' | 'sctp';
  /** Host address as typed ("" = all addresses). */
  hostIp: string;
  /** Host port range (0/0 = dynamic). */
  hostStart: number;
  hostEnd: number;
}

/** A binding as the daemon reports it (NetworkSettings.Ports). */
export interface PortBinding {
  port: number;
  proto: 'tcp' | 'udp' | 'sctp';
  hostIp: string;
  hostPort: number;
}

type R<T> = { ok: true; value: T } | { ok: false; error: string };

function portNumber(raw: string): R<number> {
  if (raw === '') return { ok: false, error: 'value is empty' };
  if (!/^[+-]?\d+$/.test(raw)) return { ok: false, error: 'invalid syntax' };
  const n = Number(raw);
  if (n < 0 || n > 65535) return { ok: false, error: 'value out of range (0–65535)' };
  return { ok: true, value: n };
}

/** parsePortRange: "80" or "8000-8010". */
export function parseRange(raw: string): R<[number, number]> {
  if (raw === '') return { ok: false, error: 'empty string specified for ports' };
  const i = raw.indexOf('-');
  const start = i < 0 ? raw : raw.slice(0, i);
  const end = i < 0 ? undefined : raw.slice(i + 1);
  const s = portNumber(start);
  if (!s.ok) return { ok: false, error: `invalid start port '${start}': ${s.error}` };
  if (end === undefined || end === start) return { ok: true, value: [s.value, s.value] };
  const e = portNumber(end);
  if (!e.ok) return { ok: false, error: `invalid end port '${end}': ${e.error}` };
  if (e.value < s.value) return { ok: false, error: 'invalid port range: ' + raw };
  return { ok: true, value: [s.value, e.value] };
}

function validIp(ip: string): boolean {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return ip.split('.').every((o) => Number(o) <= 255);
  return /^[0-9a-fA-F:]+$/.test(ip) && ip.includes(':') && (ip.match(/::/g) ?? []).length <= 1;
}

/** ParsePortSpec: `[ip:][hostPort:]containerPort[/proto]`, ranges allowed. */
export function parsePortSpec(raw: string): R<PortSpec[]> {
  const parts = raw.split(':');
  let ip = '';
  let hostPort = '';
  let ctr: string;
  if (parts.length === 1) ctr = parts[0];
  else if (parts.length === 2) [hostPort, ctr] = parts;
  else {
    ip = parts.slice(0, -2).join(':');
    hostPort = parts[parts.length - 2];
    ctr = parts[parts.length - 1];
  }
  const slash = ctr.indexOf('/');
  let proto = slash < 0 ? 'tcp' : ctr.slice(slash + 1);
  ctr = slash < 0 ? ctr : ctr.slice(0, slash);
  if (ctr === '') return { ok: false, error: `no port specified: ${raw}<empty>` };
  if (proto === '') proto = 'tcp';
  proto = proto.toLowerCase();
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return { ok: false, error: 'invalid proto: ' + proto };
  if (ip.startsWith('[')) ip = ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (ip !== '' && !validIp(ip)) return { ok: false, error: 'invalid IP address: ' + ip };
  const c = parseRange(ctr);
  if (!c.ok) return { ok: false, error: 'invalid containerPort: ' + ctr };
  let h: [number, number] = [0, 0];
  if (hostPort !== '') {
    const hr = parseRange(hostPort);
    if (!hr.ok) return { ok: false, error: 'invalid hostPort: ' + hostPort };
    h = hr.value;
    if (c.value[1] - c.value[0] !== h[1] - h[0] && c.value[1] !== c.value[0]) {
      return { ok: false, error: `invalid ranges specified for container and host Ports: ${ctr} and ${hostPort}` };
    }
  }
  const count = c.value[1] - c.value[0] + 1;
  const out: PortSpec[] = [];
  for (let i = 0; i < count; i++) {
    const single = count === 1 && h[0] !== h[1];
    out.push({
      port: c.value[0] + i,
      proto: proto as PortSpec['proto'],
      hostIp: ip,
      hostStart: hostPort === '' ? 0 : h[0] + (single ? 0 : i),
      hostEnd: hostPort === '' ? 0 : single ? h[1] : h[0] + i,
    });
  }
  return { ok: true, value: out };
}

/** net.JoinHostPort. */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A row of `docker ps`'s port list: exposed-only ports have no hostIp. */
export interface PortSummary {
  privatePort: number;
  type: string;
  ip?: string;
  publicPort?: number;
}

/** DisplayablePorts: the PORTS column, grouping consecutive ports. */
export function displayablePorts(ports: PortSummary[]): string {
  const sorted = [...ports].sort((a, b) => {
    if (a.privatePort !== b.privatePort) return a.privatePort - b.privatePort;
    const ai = a.ip ?? '';
    const bi = b.ip ?? '';
    if (ai !== bi) return ai < bi ? -1 : 1;
    if ((a.publicPort ?? 0) !== (b.publicPort ?? 0)) return (a.publicPort ?? 0) - (b.publicPort ?? 0);
    return a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
  });
  const groups = new Map<string, { first: number; last: number }>();
  const keys: string[] = [];
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const p of sorted) {
    let key = p.type;
    if (p.ip !== undefined) {
      if (p.publicPort !== p.privatePort) {
        hostMappings.push(`${joinHostPort(p.ip, p.publicPort ?? 0)}->${p.privatePort}/${p.type}`);
        continue;
      }
      key = p.ip + '/' + p.type;
    }
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: p.privatePort, last: p.privatePort });
      keys.push(key);
      continue;
    }
    if (p.privatePort === g.last + 1) {
      g.last = p.privatePort;
      continue;
    }
    result.push(formGroup(key, g.first, g.last));
    groups.set(key, { first: p.privatePort, last: p.privatePort });
  }
  for (const k of keys) {
    const g = groups.get(k)!;
    result.push(formGroup(k, g.first, g.last));
  }
  return [...result, ...hostMappings].join(', ');
}

function formGroup(key: string, start: number, last: number): string {
  const slash = key.lastIndexOf('/');
  const ip = slash >= 0 ? key.slice(0, slash) : '';
  const type = slash >= 0 ? key.slice(slash + 1) : key;
  let group = String(start);
  if (start !== last) group += `-${last}`;
  if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`;
  return `${group}/${type}`;
}
