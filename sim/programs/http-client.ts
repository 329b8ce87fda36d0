/**
 * A small HTTP/1.x client over the simulated sockets, shared by curl and wget: connect with
 * a timeout, send one request, read the response until its Content-Length, the end of a
 * chunked body, or the server closing the connection.
 */
import type { ProcContext, Wait } from '../shell/process.ts';
import type { SockErrno } from '../kernel/transport/index.ts';
import type { SocketApi } from '../kernel/transport/socket-api.ts';

export interface HttpUrl {
  scheme: string;
  host: string;
  /** Port as written, or the scheme's default. */
  port: number;
  explicitPort: boolean;
  /** Path with query, "/" when empty. */
  path: string;
}

/** Parses a URL the way curl accepts it (scheme optional, http assumed); undefined when malformed. */
export function parseUrl(text: string, defaultScheme = 'http'): HttpUrl | { badScheme: string } | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/?#:]*)(?::([^/?#]*))?([^#]*)/.exec(text);
  if (!m) return undefined;
  const scheme = (m[1] ?? (m[2].startsWith('ftp.') ? 'ftp' : defaultScheme)).toLowerCase();
  const host = m[2];
  if (!host) return undefined;
  const defaults: Record<string, number> = { http: 80, https: 443, ftp: 21 };
  if (!(scheme in defaults)) return { badScheme: m[1] ?? scheme };
  let port = defaults[scheme];
  if (m[3] !== undefined) {
    if (!/^\d+$/.test(m[3]) || Number(m[3]) > 65535) return undefined;
    port = Number(m[3]);
  }
  return { scheme, host, port, explicitPort: m[3] !== undefined, path: m[4] || '/' };
}

export interface HttpResponse {
  /** Status line and header lines as received, without line ends. */
  statusLine: string;
  version: string;
  status: number;
  headers: [string, string][];
  /** Raw header block as received (with \r\n), for -i and -I. */
  rawHead: string;
  body: string;
}

export type FetchOutcome =
  | { ok: true; res: HttpResponse; elapsed: number }
  | { ok: false; stage: 'connect'; errno: SockErrno; elapsed: number }
  | { ok: false; stage: 'connect-timeout' | 'timeout'; elapsed: number }
  | { ok: false; stage: 'recv'; errno: SockErrno; elapsed: number }
  | { ok: false; stage: 'empty'; elapsed: number };

export interface FetchRequest {
  ip: string;
  port: number;
  /** The whole request text. */
  request: string;
  head: boolean;
  /** Connect timeout and overall timeout, ms (undefined: none). */
  connectTimeout?: number;
  maxTime?: number;
  /** Called once connected (curl -v prints there). */
  onConnected?: () => void;
}

function header(res: { headers: [string, string][] }, name: string): string | undefined {
  return res.headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

/** Decodes a chunked body; undefined while incomplete. */
function dechunk(raw: string): string | undefined {
  let out = '';
  let i = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', i);
    if (eol < 0) return undefined;
    const size = parseInt(raw.slice(i, eol), 16);
    if (Number.isNaN(size)) return out;
    if (size === 0) return out;
    if (raw.length < eol + 2 + size + 2) return undefined;
    out += raw.slice(eol + 2, eol + 2 + size);
    i = eol + 2 + size + 2;
  }
}

/** One request/response exchange. */
export function* fetchHttp(ctx: ProcContext, api: SocketApi, req: FetchRequest): Generator<Wait, FetchOutcome, void> {
  const clock = () => (ctx.machine as unknown as { kernel: { state: { clock: { now(): number } } } }).kernel.state.clock.now();
  const start = clock();
  const left = () => (req.maxTime === undefined ? undefined : Math.max(0, req.maxTime - (clock() - start)));
  const s = api.socket('tcp');
  try {
    const ct = req.connectTimeout !== undefined && left() !== undefined ? Math.min(req.connectTimeout, left()!) : req.connectTimeout ?? left();
    const c = yield* api.connect(s, req.ip, req.port, ct);
    if (!c.ok) {
      if ('timeout' in c) return { ok: false, stage: req.connectTimeout !== undefined && (req.maxTime === undefined || req.connectTimeout <= req.maxTime) ? 'connect-timeout' : 'timeout', elapsed: clock() - start };
      return { ok: false, stage: 'connect', errno: c.errno, elapsed: clock() - start };
    }
    req.onConnected?.();
    api.send(s, req.request);
    let raw = '';
    let res: HttpResponse | undefined;
    for (;;) {
      if (ctx.signal.interrupted) return { ok: false, stage: 'timeout', elapsed: clock() - start };
      if (!res) {
        const end = raw.indexOf('\r\n\r\n');
        if (end >= 0) {
          const rawHead = raw.slice(0, end + 4);
          const lines = rawHead.slice(0, -4).split('\r\n');
          const sm = /^(HTTP\/[\d.]+)\s+(\d{3})/.exec(lines[0]);
          const headers = lines.slice(1).map((l): [string, string] => {
            const k = l.indexOf(':');
            return [l.slice(0, k), l.slice(k + 1).trim()];
          });
          res = { statusLine: lines[0], version: sm?.[1] ?? 'HTTP/1.0', status: Number(sm?.[2] ?? 0), headers, rawHead, body: '' };
          raw = raw.slice(end + 4);
        }
      }
      if (res) {
        if (req.head || res.status === 204 || res.status === 304) return { ok: true, res, elapsed: clock() - start };
        const len = header(res, 'content-length');
        if (len !== undefined && raw.length >= Number(len)) {
          res.body = raw.slice(0, Number(len));
          return { ok: true, res, elapsed: clock() - start };
        }
        if (header(res, 'transfer-encoding')?.toLowerCase() === 'chunked') {
          const b = dechunk(raw);
          if (b !== undefined) {
            res.body = b;
            return { ok: true, res, elapsed: clock() - start };
          }
        }
      }
      const r = yield* api.recv(s, left());
      if (r.kind === 'data') {
        raw += r.data;
        continue;
      }
      if (r.kind === 'timeout') return { ok: false, stage: 'timeout', elapsed: clock() - start };
      if (r.kind === 'error') return { ok: false, stage: 'recv', errno: r.errno, elapsed: clock() - start };
      // End of file: the body runs to here.
      if (!res) return { ok: false, stage: 'empty', elapsed: clock() - start };
      res.body = raw;
      return { ok: true, res, elapsed: clock() - start };
    }
  } finally {
    api.close(s);
  }
}
