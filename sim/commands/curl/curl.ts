/**
 * curl 7.88.1 for http:// URLs: GET (or HEAD with -I), -s/-S/-v/-i/-f/-o/-w, --max-time and
 * --connect-timeout, with curl's error texts and exit codes (6 cannot resolve, 7 cannot
 * connect, 28 timeout, 52 empty reply, 56 receive failure, 22 with -f on an error status).
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { SOCK_STRERROR } from '../../kernel/transport/index.ts';
import { resolveHost, socketsOf } from '../../programs/net.ts';
import { fetchHttp, parseUrl, type FetchOutcome } from '../../programs/http-client.ts';
import { resolvePath } from '../../fs/fs.ts';
import { parseCurl, type CurlOptions } from './options.ts';
import { meter } from './meter.ts';

/** curl's own connect timeout when none is given (DEFAULT_CONNECT_TIMEOUT). */
const DEFAULT_CONNECT_TIMEOUT = 300000;

function writeOut(fmt: string, vars: Record<string, string>): string {
  return fmt
    .replace(/%\{([a-z_]+)\}/g, (m, k: string) => vars[k] ?? '')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\r/g, '\r');
}

function saveOutput(ctx: ProcContext, path: string, data: string): boolean {
  if (path === '/dev/null' || path === '-') {
    if (path === '-') ctx.out(data);
    return true;
  }
  const fs = ctx.fs ?? (ctx.machine as unknown as { fs?: ProcContext['fs'] }).fs;
  if (!fs) return false;
  const w = fs.open(resolvePath(ctx.cwd ?? '/', path), false, { netnsId: ctx.netnsId });
  if (!w.ok) return false;
  w.value(data);
  return true;
}

function* runCurl(ctx: ProcContext): Generator<Wait, number, void> {
  const p = parseCurl(ctx.argv.slice(1));
  if (!p.ok) {
    ctx.err(p.stderr);
    return p.exit;
  }
  const o = p.opts;
  if (o.urls.length === 0) {
    ctx.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  let code = 0;
  for (const u of o.urls) code = yield* fetchOne(ctx, o, u);
  return code;
}

function* fetchOne(ctx: ProcContext, o: CurlOptions, text: string): Generator<Wait, number, void> {
  const showMeter = !o.silent && !o.noProgress && (!ctx.isTTY || o.output !== undefined);
  const errors = !o.silent || o.showError;
  const fail = (code: number, msg: string, bytes = 0, ms = 0): number => {
    if (showMeter) ctx.err(meter(bytes, ms));
    if (o.verbose) ctx.err(`* ${msg}\n* Closing connection 0\n`);
    if (o.writeOut !== undefined) ctx.out(writeOut(o.writeOut, { http_code: '000', response_code: '000', size_download: '0', remote_ip: '', exitcode: String(code) }));
    if (errors) ctx.err(`curl: (${code}) ${msg}\n`);
    return code;
  };
  const url = parseUrl(text);
  if (!url) {
    if (errors) ctx.err('curl: (3) URL using bad/illegal format or missing URL\n');
    return 3;
  }
  if ('badScheme' in url) {
    if (errors) ctx.err(`curl: (1) Protocol "${url.badScheme}" not supported or disabled in libcurl\n`);
    return 1;
  }
  const res = resolveHost(ctx, url.host);
  if (!res.ok) {
    if (showMeter) ctx.err(meter(0, 0).replace(/\r[^\r]*\n$/, ''));
    if (o.verbose) ctx.err(`* Could not resolve host: ${url.host}\n* Closing connection 0\n`);
    if (errors) ctx.err(`curl: (6) Could not resolve host: ${url.host}\n`);
    return 6;
  }
  const ip = res.addr;
  const hostHeader = url.explicitPort ? `${url.host}:${url.port}` : url.host;
  const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
  const lines = [`${method} ${url.path} HTTP/1.1`, `Host: ${hostHeader}`, `User-Agent: ${o.userAgent ?? 'curl/7.88.1'}`, 'Accept: */*', ...o.headers];
  if (o.data !== undefined) lines.push(`Content-Length: ${o.data.length}`, 'Content-Type: application/x-www-form-urlencoded');
  const request = lines.join('\r\n') + '\r\n\r\n' + (o.data ?? '');
  if (o.verbose) ctx.err(`*   Trying ${ip}:${url.port}...\n`);
  const api = socketsOf(ctx);
  const r: FetchOutcome = yield* fetchHttp(ctx, api, {
    ip, port: url.port, request, head: method === 'HEAD',
    connectTimeout: o.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT, maxTime: o.maxTime,
    onConnected: () => {
      if (o.verbose) ctx.err(`* Connected to ${url.host} (${ip}) port ${url.port} (#0)\n` + lines.map((l) => `> ${l}\r\n`).join('') + '> \r\n');
    },
  });
  if (!r.ok) {
    switch (r.stage) {
      case 'connect':
        if (o.verbose) ctx.err(`* connect to ${ip} port ${url.port} failed: ${SOCK_STRERROR[r.errno]}\n`);
        return fail(7, `Failed to connect to ${url.host} port ${url.port} after ${r.elapsed} ms: Couldn't connect to server`);
      case 'connect-timeout':
        return fail(28, `Failed to connect to ${url.host} port ${url.port} after ${r.elapsed} ms: Timeout was reached`);
      case 'timeout':
        return fail(28, `Operation timed out after ${r.elapsed} milliseconds with 0 bytes received`);
      case 'recv':
        return fail(56, `Recv failure: ${SOCK_STRERROR[r.errno]}`);
      case 'empty':
        return fail(52, 'Empty reply from server');
    }
  }
  const resp = r.res;
  if (o.verbose) {
    if (resp.version === 'HTTP/1.0') ctx.err('* HTTP 1.0, assume close after body\n');
    ctx.err(resp.rawHead.split('\r\n').slice(0, -1).map((l) => `< ${l}\r\n`).join(''));
  }
  if (o.fail && resp.status >= 400) {
    return fail(22, `The requested URL returned error: ${resp.status}`);
  }
  const out = (o.head || o.include ? resp.rawHead : '') + (o.head ? '' : resp.body);
  if (o.verbose && !ctx.isTTY && resp.body.length > 0 && !o.head) ctx.err(`{ [${resp.body.length} bytes data]\n`);
  // stdout is fully buffered when it is not a terminal: the body comes out when curl exits.
  if (o.output !== undefined) saveOutput(ctx, o.output, out);
  else if (ctx.isTTY) ctx.out(out);
  if (showMeter) ctx.err(meter(out.length, r.elapsed));
  if (o.verbose) ctx.err(resp.version === 'HTTP/1.0' ? '* Closing connection 0\n' : `* Connection #0 to host ${url.host} left intact\n`);
  if (o.output === undefined && !ctx.isTTY) ctx.out(out);
  if (o.writeOut !== undefined) {
    ctx.out(writeOut(o.writeOut, { http_code: String(resp.status).padStart(3, '0'), response_code: String(resp.status), size_download: String(resp.body.length), remote_ip: ip, remote_port: String(url.port), url_effective: text, exitcode: '0' }));
  }
  return 0;
}

/** The curl command (http only). */
export const curlCommand: CommandModule = { name: 'curl', run: runCurl };
