/**
 * wget for http:// URLs in two flavours: GNU Wget 1.21 (Debian hosts) and BusyBox wget
 * (Alpine and BusyBox images, told apart by /etc/alpine-release, /bin/busybox or ID=alpine in
 * /etc/os-release in the process's file system). Both support -q, -O FILE (- for stdout), -T timeout; their
 * messages and exit codes differ as the real tools' do (GNU: 4 network failure, 8 server
 * error; BusyBox: 1 for everything).
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { SOCK_STRERROR } from '../../kernel/transport/index.ts';
import { resolveHost, socketsOf } from '../../programs/net.ts';
import { fetchHttp, parseUrl } from '../../programs/http-client.ts';
import { resolvePath } from '../../fs/fs.ts';

interface WgetOptions {
  quiet: boolean;
  output?: string;
  timeout?: number;
  urls: string[];
}

/** BusyBox wget's usage (recorded from BusyBox 1.35's wget; the version line is Alpine's). */
const BUSYBOX_USAGE =
  'BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.\n\n' +
  'Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n' +
  '\t[--post-data STR | --post-file FILE] [-Y on/off]\n' +
  '\t[--no-check-certificate] [-P DIR] [-U AGENT] URL...\n\n' +
  'Retrieve files via HTTP or FTP\n\n' +
  "\t--spider\tOnly check URL existence: $? is 0 if exists\n" +
  "\t--header STR\tAdd STR (of form 'header: value') to headers\n" +
  '\t--post-data STR\tSend STR using POST method\n' +
  '\t--post-file FILE\tSend FILE using POST method\n' +
  "\t--no-check-certificate\tDon't validate the server's certificate\n" +
  '\t-c\t\tContinue retrieval of aborted transfer\n' +
  '\t-q\t\tQuiet\n' +
  '\t-P DIR\t\tSave to DIR (default .)\n' +
  '\t-S    \t\tShow server response\n' +
  "\t-O FILE\t\tSave to FILE ('-' for stdout)\n" +
  '\t-o LOGFILE\tLog messages to FILE\n' +
  '\t-U STR\t\tUse STR for User-Agent header\n' +
  '\t-Y on/off\tUse proxy\n';

function isBusybox(ctx: ProcContext): boolean {
  const fs = ctx.fs ?? (ctx.machine as unknown as { fs?: ProcContext['fs'] }).fs;
  if (!fs) return false;
  const read = (p: string) => fs.readFile(resolvePath('/', p), { netnsId: ctx.netnsId });
  if (read('/etc/alpine-release').ok || read('/bin/busybox').ok) return true;
  const os = read('/etc/os-release');
  return os.ok && /^ID=alpine$/m.test(os.value);
}

function parse(argv: string[]): WgetOptions | string {
  const o: WgetOptions = { quiet: false, urls: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-q' || a === '--quiet') o.quiet = true;
    else if (a === '-O' || a === '--output-document') o.output = argv[++i];
    else if (a.startsWith('--output-document=')) o.output = a.slice(18);
    else if (a === '-T' || a === '--timeout') o.timeout = Number(argv[++i]) * 1000;
    else if (a.startsWith('--timeout=')) o.timeout = Number(a.slice(10)) * 1000;
    else if (a === '-t' || a === '--tries') i++;
    else if (/^-[qO]+/.test(a) && a.length > 2) {
      // Clustered short options: -qO- or -qO FILE.
      const rest = a.slice(1);
      for (let j = 0; j < rest.length; j++) {
        if (rest[j] === 'q') o.quiet = true;
        else if (rest[j] === 'O') {
          o.output = j + 1 < rest.length ? rest.slice(j + 1) : argv[++i];
          break;
        }
      }
    } else if (a.startsWith('-') && a !== '-') return a;
    else o.urls.push(a);
  }
  return o;
}

function* runWget(ctx: ProcContext): Generator<Wait, number, void> {
  const bb = isBusybox(ctx);
  const o = parse(ctx.argv.slice(1));
  if (typeof o === 'string') {
    if (bb) ctx.err(`wget: invalid option -- '${o.replace(/^-+/, '')[0]}'\n${BUSYBOX_USAGE}`);
    else ctx.err(`wget: invalid option -- '${o.replace(/^-+/, '')[0]}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
    return bb ? 1 : 2;
  }
  if (o.urls.length === 0) {
    if (bb) ctx.err(BUSYBOX_USAGE);
    else ctx.err('wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help\' for more options.\n');
    return 1;
  }
  let code = 0;
  for (const u of o.urls) code = yield* (bb ? busybox(ctx, o, u) : gnu(ctx, o, u));
  return code;
}

function stamp(ctx: ProcContext): string {
  const k = (ctx.machine as unknown as { kernel: { state: { clock: { now(): number; epochMs: number } } } }).kernel.state.clock;
  const d = new Date(k.epochMs + k.now());
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function save(ctx: ProcContext, name: string, data: string): void {
  if (name === '-') {
    ctx.out(data);
    return;
  }
  const fs = ctx.fs ?? (ctx.machine as unknown as { fs?: ProcContext['fs'] }).fs;
  const w = fs?.open(resolvePath(ctx.cwd ?? '/', name), false, { netnsId: ctx.netnsId });
  if (w && w.ok) w.value(data);
}

/** wget's rate in its two forms: "1.34M" for the dot line and "1.34 MB/s" for the summary. */
function rates(bps: number): [string, string] {
  const units: [number, string][] = [[1024 * 1024 * 1024, 'G'], [1024 * 1024, 'M'], [1024, 'K']];
  for (const [div, u] of units) {
    if (bps >= div) {
      const v = bps / div;
      const t = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
      return [`${t}${u}`, `${t} ${u}B/s`];
    }
  }
  return [`${Math.round(bps)}`, `${Math.round(bps)} B/s`];
}

function request(host: string, port: number, explicit: boolean, path: string, agent: string): string {
  return `GET ${path} HTTP/1.1\r\nHost: ${explicit ? `${host}:${port}` : host}\r\nUser-Agent: ${agent}\r\nAccept: */*\r\nConnection: close\r\n\r\n`;
}

function* gnu(ctx: ProcContext, o: WgetOptions, text: string): Generator<Wait, number, void> {
  const url = parseUrl(text);
  const say = (s: string) => {
    if (!o.quiet) ctx.err(s);
  };
  if (!url || 'badScheme' in url || url.scheme !== 'http') {
    say(`${text}: Unsupported scheme.\n`);
    return 1;
  }
  say(`--${stamp(ctx)}--  ${url.scheme}://${url.host}${url.explicitPort ? `:${url.port}` : ''}${url.path}\n`);
  const res = resolveHost(ctx, url.host);
  if (!res.ok) {
    say(`Resolving ${url.host} (${url.host})... failed: Temporary failure in name resolution.\nwget: unable to resolve host address ‘${url.host}’\n`);
    return 4;
  }
  say(`Connecting to ${url.host}:${url.port}... `);
  const r = yield* fetchHttp(ctx, socketsOf(ctx), {
    ip: res.addr, port: url.port, head: false, connectTimeout: o.timeout, maxTime: undefined,
    request: request(url.host, url.port, url.explicitPort, url.path, 'Wget/1.21.3'),
    onConnected: () => say('connected.\nHTTP request sent, awaiting response... '),
  });
  if (!r.ok) {
    if (r.stage === 'connect') say(`failed: ${SOCK_STRERROR[r.errno]}.\n`);
    else if (r.stage === 'connect-timeout') say('failed: Connection timed out.\n');
    else say('Read error (Connection timed out) in headers.\n');
    return 4;
  }
  const resp = r.res;
  const reason = resp.statusLine.replace(/^HTTP\/[\d.]+\s+\d{3}\s*/, '');
  say(`${resp.status} ${reason}\n`);
  if (resp.status >= 400) {
    say(`${stamp(ctx)} ERROR ${resp.status}: ${reason}.\n\n`);
    return 8;
  }
  const name = o.output ?? (url.path.split('/').pop() || 'index.html');
  const type = resp.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const len = resp.headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1];
  say(`Length: ${len ?? 'unspecified'}${type ? ` [${type}]` : ''}\nSaving to: ‘${name === '-' ? 'STDOUT' : name}’\n`);
  save(ctx, name, resp.body);
  // The dot progress line and the summary, with the rate over (at least) one millisecond.
  const rate = (resp.body.length * 1000) / Math.max(1, r.elapsed);
  const [short, long] = rates(rate);
  const dots = len !== undefined ? `     0K${' '.repeat(55)}100% ${short}=0s` : `     0K${`${short}=0s`.padStart(64)}`;
  const what = name === '-' ? 'written to stdout' : `‘${name}’ saved`;
  say(`\n${dots}\n\n${stamp(ctx)} (${long}) - ${what} [${resp.body.length}${len !== undefined ? `/${len}` : ''}]\n\n`);
  return 0;
}

function* busybox(ctx: ProcContext, o: WgetOptions, text: string): Generator<Wait, number, void> {
  const url = parseUrl(text);
  if (!url || 'badScheme' in url || url.scheme !== 'http') {
    ctx.err(`wget: not an http or ftp url: ${text}\n`);
    return 1;
  }
  const res = resolveHost(ctx, url.host);
  if (!res.ok) {
    ctx.err(`wget: bad address '${url.host}'\n`);
    return 1;
  }
  if (!o.quiet) ctx.err(`Connecting to ${url.host}:${url.port} (${res.addr}:${url.port})\n`);
  const r = yield* fetchHttp(ctx, socketsOf(ctx), {
    ip: res.addr, port: url.port, head: false, connectTimeout: o.timeout, maxTime: o.timeout,
    request: request(url.host, url.port, url.explicitPort, url.path, 'Wget'),
  });
  if (!r.ok) {
    if (r.stage === 'connect') ctx.err(`wget: can't connect to remote host (${res.addr}): ${SOCK_STRERROR[r.errno]}\n`);
    else ctx.err('wget: download timed out\n');
    return 1;
  }
  const resp = r.res;
  if (resp.status >= 400) {
    ctx.err(`wget: server returned error: ${resp.statusLine}\n`);
    return 1;
  }
  const name = o.output ?? (url.path.split('/').pop() || 'index.html');
  if (!o.quiet) ctx.err(name === '-' ? 'writing to stdout\n' : `saving to '${name}'\n`);
  save(ctx, name, resp.body);
  if (!o.quiet) {
    // The progress bar's last state (no \r redraws when stderr is not a terminal).
    const bar = `${name.padEnd(20)} 100% |${'*'.repeat(32)}| ${String(resp.body.length).padStart(5)}  0:00:00 ETA\n`;
    ctx.err(bar + (name === '-' ? 'written to stdout\n' : `'${name}' saved\n`));
  }
  return 0;
}

/** The wget command. */
export const wgetCommand: CommandModule = { name: 'wget', run: runWget };
