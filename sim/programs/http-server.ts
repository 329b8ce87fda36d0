/**
 * A web server program for images and worlds: nginx-like (HTTP/1.1, keep-alive, default
 * welcome page, access log on stdout) or Python http.server-like (HTTP/1.0, directory
 * listing, log on stderr). It serves every connection it has in turn, waiting in virtual
 * time until one of them (or the listening socket) has something to do, so several clients
 * and background jobs share the machine's time fairly.
 *
 *   const run = httpServer({ style: 'nginx', port: 80, banner: 'nginx/1.29.2' });
 *   // run is a Program: start it as a container's main process or a world's daemon
 */
import type { Program, ProcContext, Wait } from '../shell/process.ts';
import { until } from '../shell/process.ts';
import type { Sock } from '../kernel/transport/index.ts';
import { SOCK_STRERROR } from '../kernel/transport/index.ts';
import { socketsOf } from './net.ts';
import { NGINX_INDEX, nginxErrorPage, pythonErrorPage, pythonListing } from './http-pages.ts';

export interface HttpServerOptions {
  style: 'nginx' | 'python';
  port: number;
  /** Address to bind (0.0.0.0 by default). */
  addr?: string;
  /** Server header value, e.g. "nginx/1.29.2" or "SimpleHTTP/0.6 Python/3.14.0". */
  banner: string;
  /** Files served at "/" by the python style (directory listing names). */
  listing?: string[];
}

interface Conn {
  s: Sock;
  buf: string;
}

/** nginx's keepalive_timeout. */
const KEEPALIVE_MS = 65000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function nowDate(ctx: ProcContext): Date {
  const c = (ctx.machine as unknown as { kernel: { state: { clock: { now(): number; epochMs: number } } } }).kernel.state.clock;
  return new Date(c.epochMs + c.now());
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** RFC 7231 IMF-fixdate, as both servers put in Date. */
export function httpDate(d: Date): string {
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

function logTime(d: Date, style: 'nginx' | 'python'): string {
  const t = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  return style === 'nginx'
    ? `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${t} +0000`
    : `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${t}`;
}

/** Where a server's log lines go: nginx logs requests to stdout, http.server to stderr. */
export interface ServerLog {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Builds the response to one request (its head, without the blank line) from `peer` at time
 * `d`, logging it; `keep` says whether the connection stays open.
 */
export function respond(o: HttpServerOptions, head: string, peer: string, d: Date, log: ServerLog): { text: string; keep: boolean } {
  const ctx = log;
  const [reqLine, ...hdrLines] = head.split('\r\n');
  const [method = '', target = '/', version = 'HTTP/1.0'] = reqLine.split(' ');
  const ua = hdrLines.find((l) => /^user-agent:/i.test(l))?.replace(/^[^:]*:\s*/, '') ?? '-';
  if (o.style === 'nginx') {
    const ok = (method === 'GET' || method === 'HEAD') && (target === '/' || target === '/index.html');
    const status = ok ? 200 : method === 'GET' || method === 'HEAD' ? 404 : 405;
    const reason = status === 200 ? 'OK' : status === 404 ? 'Not Found' : 'Not Allowed';
    const body = ok ? NGINX_INDEX : nginxErrorPage(status, reason, o.banner);
    const keep = version === 'HTTP/1.1' && !hdrLines.some((l) => /^connection:\s*close/i.test(l));
    const headers = [
      `HTTP/1.1 ${status} ${reason}`, `Server: ${o.banner}`, `Date: ${httpDate(d)}`, 'Content-Type: text/html',
      `Content-Length: ${body.length}`,
      ...(ok ? ['Last-Modified: Tue, 07 Oct 2025 17:18:12 GMT'] : []),
      `Connection: ${keep ? 'keep-alive' : 'close'}`,
      ...(ok ? ['ETag: "68e54be4-267"', 'Accept-Ranges: bytes'] : []),
    ];
    ctx.out(`${peer} - - [${logTime(d, 'nginx')}] "${reqLine}" ${status} ${method === 'HEAD' ? 0 : body.length} "-" "${ua}" "-"\n`);
    return { text: headers.join('\r\n') + '\r\n\r\n' + (method === 'HEAD' ? '' : body), keep };
  }
  const ok = (method === 'GET' || method === 'HEAD') && target === '/';
  const status = ok ? 200 : method === 'GET' || method === 'HEAD' ? 404 : 501;
  const reason = status === 200 ? 'OK' : status === 404 ? 'File not found' : 'Unsupported method';
  const body = ok
    ? pythonListing('/', o.listing ?? [])
    : pythonErrorPage(status, reason, status === 404 ? 'Nothing matches the given URI' : 'Server does not support this operation');
  const headers = ok
    ? ['HTTP/1.0 200 OK', `Server: ${o.banner}`, `Date: ${httpDate(d)}`, 'Content-type: text/html; charset=utf-8', `Content-Length: ${body.length}`]
    : [`HTTP/1.0 ${status} ${reason}`, `Server: ${o.banner}`, `Date: ${httpDate(d)}`, 'Connection: close', 'Content-Type: text/html;charset=utf-8', `Content-Length: ${body.length}`];
  ctx.err(`${peer} - - [${logTime(d, 'python')}] ${ok ? `"${reqLine}" 200 -` : `code ${status}, message ${reason}`}\n`);
  if (!ok) ctx.err(`${peer} - - [${logTime(d, 'python')}] "${reqLine}" ${status} -\n`);
  return { text: headers.join('\r\n') + '\r\n\r\n' + (method === 'HEAD' ? '' : body), keep: false };
}

/** The server as a program; its exit status is 1 when it cannot bind. */
export function httpServer(o: HttpServerOptions): Program {
  return (ctx) => serve(ctx, o);
}

function* serve(ctx: ProcContext, o: HttpServerOptions): Generator<Wait, number, void> {
  const api = socketsOf(ctx);
  const l = api.socket('tcp');
  l.reuseAddr = true; // both nginx and socketserver set SO_REUSEADDR
  const conns: Conn[] = [];
  try {
    const b = api.bind(l, o.addr ?? '0.0.0.0', o.port);
    if (!b.ok) {
      const n = b.errno === 'EADDRINUSE' ? 98 : 99;
      if (o.style === 'nginx') ctx.err(`nginx: [emerg] bind() to ${o.addr ?? '0.0.0.0'}:${o.port} failed (${n}: ${SOCK_STRERROR[b.errno]})\n`);
      else ctx.err(`OSError: [Errno ${n}] ${SOCK_STRERROR[b.errno]}\n`);
      return 1;
    }
    api.listen(l, 511);
    if (o.style === 'python') ctx.out(`Serving HTTP on ${o.addr ?? '0.0.0.0'} port ${o.port} (http://${o.addr ?? '0.0.0.0'}:${o.port}/) ...\n`);
    for (;;) {
      if (ctx.signal.interrupted) return o.style === 'python' ? 130 : 0;
      const busy = () => l.acceptQueue.length > 0 || conns.some((c) => api.readable(c.s));
      if (!busy()) yield until(busy, conns.length ? KEEPALIVE_MS : undefined);
      if (ctx.signal.interrupted) return o.style === 'python' ? 130 : 0;
      if (!busy()) {
        // keepalive_timeout passed with every connection idle: close them.
        for (const c of conns.splice(0)) api.close(c.s);
        continue;
      }
      for (let c = api.transport.accept(l); c; c = api.transport.accept(l)) conns.push({ s: c, buf: '' });
      for (const c of [...conns]) {
        const r = api.read(c.s);
        if (!r) continue;
        if (r.kind !== 'data') {
          api.close(c.s);
          conns.splice(conns.indexOf(c), 1);
          continue;
        }
        c.buf += r.data;
        let end: number;
        while ((end = c.buf.indexOf('\r\n\r\n')) >= 0) {
          const head = c.buf.slice(0, end);
          c.buf = c.buf.slice(end + 4);
          const res = respond(o, head, c.s.raddr, nowDate(ctx), ctx);
          api.send(c.s, res.text);
          if (!res.keep) {
            api.close(c.s);
            conns.splice(conns.indexOf(c), 1);
            break;
          }
        }
      }
    }
  } finally {
    for (const c of conns) api.close(c.s);
    api.close(l);
  }
}
