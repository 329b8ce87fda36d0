/**
 * nc, as netcat-openbsd 1.219 (Debian 12) behaves: connect mode (one or more ports, -z
 * scanning, -v reports, -w connect and idle timeouts, -s/-p local address and port) and
 * listen mode (-l, -k, -u), with the exact messages and exit codes of the real tool.
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { sleep } from '../../shell/process.ts';
import type { Sock } from '../../kernel/transport/index.ts';
import { SOCK_STRERROR } from '../../kernel/transport/index.ts';
import type { SocketApi } from '../../kernel/transport/socket-api.ts';
import { GAI, resolveHost, socketsOf } from '../../programs/net.ts';
import { serviceName, servicePort } from '../../programs/services.ts';
import { parseNc, strtonumError, USAGE, type NcOptions } from './options.ts';
import { readwrite } from './readwrite.ts';
import { reportSock } from './report.ts';

class Exit {
  constructor(readonly code: number) {}
}

const die = (ctx: ProcContext, msg: string): Exit => {
  ctx.err(`nc: ${msg}\n`);
  return new Exit(1);
};

/** build_ports(): service names, lo-hi ranges (either order) and single ports, as strings. */
function buildPorts(ctx: ProcContext, specs: string[], proto: 'tcp' | 'udp'): string[] | Exit {
  const out: string[] = [];
  const strtoport = (s: string): number | Exit => {
    const e = strtonumError(s, 1, 65535);
    return e ? die(ctx, `port number ${e}: ${s}`) : Number(s);
  };
  for (const p of specs) {
    const sv = servicePort(p, proto);
    if (sv !== undefined) {
      out.push(String(sv));
    } else if (/^\d/.test(p) && p.includes('-')) {
      const dash = p.indexOf('-');
      const hi = strtoport(p.slice(dash + 1));
      if (hi instanceof Exit) return hi;
      const lo = strtoport(p.slice(0, dash));
      if (lo instanceof Exit) return lo;
      for (let x = Math.min(lo, hi); x <= Math.max(lo, hi); x++) out.push(String(x));
    } else {
      const n = strtoport(p);
      if (n instanceof Exit) return n;
      out.push(String(n));
    }
  }
  return out;
}

/** getaddrinfo's service part for a passive (listening or source) socket: glibc keeps 16 bits of a number. */
function passivePort(spec: string | undefined, proto: 'tcp' | 'udp'): number | undefined {
  if (spec === undefined) return 0;
  if (/^\d+$/.test(spec)) return Number(spec) & 0xffff;
  return servicePort(spec, proto);
}

function* runNc(ctx: ProcContext): Generator<Wait, number, void> {
  const parsed = parseNc(ctx.argv.slice(1));
  if (!parsed.ok) {
    if (parsed.stdout) ctx.out(parsed.stdout);
    ctx.err(parsed.stderr);
    return parsed.exit;
  }
  const o = parsed.opts;
  const args = o.args;
  let host: string | undefined;
  let ports: string[] | undefined;
  if (args.length === 0 && o.listen) {
    host = o.sourceAddr;
    ports = o.sourcePort !== undefined ? [o.sourcePort] : undefined;
  } else if (args.length === 1 && o.sourcePort === undefined && (o.sourceAddr === undefined || (o.unix && o.udp && !o.listen))) {
    if (o.unix) host = args[0];
    else if (o.listen) ports = [args[0]];
  } else if (args.length >= 2) {
    if (o.listen && (o.sourcePort !== undefined || o.sourceAddr !== undefined || args.length > 2)) {
      ctx.err(USAGE);
      return 1;
    }
    host = args[0];
    ports = args.slice(1);
  } else {
    ctx.err(USAGE);
    return 1;
  }
  if (o.unix) {
    if (ports) return die(ctx, 'cannot use port with -U').code;
    return die(ctx, `${host}: Protocol not supported`).code;
  }
  if (!ports || ports.length === 0) return die(ctx, 'missing port number').code;
  if (o.listen && o.zero) return die(ctx, 'cannot use -z and -l').code;
  if (!o.listen && o.keep) return die(ctx, 'must use -l with -k').code;
  const api = socketsOf(ctx);
  const r = o.listen ? yield* listenMode(ctx, api, o, host, ports[0]) : yield* connectMode(ctx, api, o, host!, ports);
  return r instanceof Exit ? r.code : r;
}

function* connectMode(ctx: ProcContext, api: SocketApi, o: NcOptions, host: string, portSpecs: string[]): Generator<Wait, number | Exit, void> {
  const proto = o.udp ? 'udp' : 'tcp';
  const ports = buildPorts(ctx, portSpecs, proto);
  if (ports instanceof Exit) return ports;
  let ret = 1;
  for (const port of ports) {
    if (ctx.signal.interrupted) return 0;
    const res = resolveHost(ctx, host, o.numeric);
    if (!res.ok) return die(ctx, `getaddrinfo for host "${host}" port ${port}: ${GAI[res.gai]}`);
    if (o.ipv6) return die(ctx, `getaddrinfo for host "${host}" port ${port}: Address family for hostname not supported`);
    const ip = res.addr;
    const s = api.socket(proto);
    try {
      if (o.sourceAddr !== undefined || o.sourcePort !== undefined) {
        let src = '0.0.0.0';
        if (o.sourceAddr !== undefined) {
          const sr = resolveHost(ctx, o.sourceAddr, o.numeric);
          if (!sr.ok) return die(ctx, `getaddrinfo: ${GAI[sr.gai]}`);
          src = sr.addr;
        }
        const sp = passivePort(o.sourcePort, proto);
        if (sp === undefined) return die(ctx, `getaddrinfo: ${GAI.EAI_SERVICE}`);
        const b = api.bind(s, src, sp);
        if (!b.ok) return die(ctx, `bind failed: ${SOCK_STRERROR[b.errno]}`);
      }
      const c = yield* api.connect(s, ip, Number(port), o.timeout > 0 ? o.timeout : undefined);
      if (ctx.signal.interrupted) return 0;
      if (!c.ok) {
        if (o.verbose) {
          const what = 'timeout' in c ? 'timed out' : 'failed';
          const why = 'timeout' in c ? SOCK_STRERROR.EINPROGRESS : SOCK_STRERROR[c.errno];
          const who = o.numeric || host === ip ? host : `${host} (${ip})`;
          ctx.err(`nc: connect to ${who} port ${port} (${proto}) ${what}: ${why}\n`);
        }
        continue;
      }
      ret = 0;
      if (o.verbose) {
        if (o.udp && !(yield* udptest(api, s, o))) {
          ret = 1;
          continue;
        }
        const sv = o.numeric ? undefined : serviceName(Number(port), proto);
        const who = !o.numeric && host !== ip ? `${host} (${ip})` : host;
        ctx.err(`Connection to ${who} ${port} port [${proto}/${sv ?? '*'}] succeeded!\n`);
      }
      if (!o.zero) {
        const end = yield* readwrite(ctx, api, s, o);
        if (end === 'exit0') return 0;
      }
    } finally {
      api.close(s);
    }
    if (o.interval > 0) yield sleep(o.interval * 1000);
  }
  return ret;
}

/** udptest(): a few one-byte writes; a port unreachable in between shows as ECONNREFUSED. */
function* udptest(api: SocketApi, s: Sock, o: NcOptions): Generator<Wait, boolean, void> {
  const w1 = api.send(s, 'X');
  if (!w1.ok) return false;
  const w2 = api.send(s, 'X');
  if (!w2.ok && w2.errno === 'ECONNREFUSED') return false;
  const t = o.timeout === -1 ? 3 : Math.floor(o.timeout / 1000);
  for (let i = 0; i < t; i++) {
    yield sleep(1000);
    const w = api.send(s, 'X');
    if (!w.ok && w.errno === 'ECONNREFUSED') return false;
  }
  return true;
}

function* listenMode(ctx: ProcContext, api: SocketApi, o: NcOptions, host: string | undefined, portSpec: string): Generator<Wait, number | Exit, void> {
  const proto = o.udp ? 'udp' : 'tcp';
  let addr = '0.0.0.0';
  if (host !== undefined) {
    const r = resolveHost(ctx, host, o.numeric);
    if (!r.ok) return die(ctx, `getaddrinfo: ${GAI[r.gai]}`);
    addr = r.addr;
  }
  const port = passivePort(portSpec, proto);
  if (port === undefined) return die(ctx, `getaddrinfo: ${GAI.EAI_SERVICE}`);
  const s = api.socket(proto);
  // local_listen() sets SO_REUSEADDR and SO_REUSEPORT: two nc -l on one port both succeed.
  s.reuseAddr = true;
  s.reusePort = true;
  try {
    const b = api.bind(s, addr, port);
    if (!b.ok) return die(ctx, SOCK_STRERROR[b.errno]);
    if (!o.udp) api.listen(s, 1);
    if (o.verbose) reportSock(ctx, o.udp ? 'Bound' : 'Listening', s.laddr, s.lport, o.numeric);
    for (;;) {
      if (o.udp) {
        const got = yield* waitDatagram(ctx, api, s);
        if (!got) return 0;
        if (o.verbose) reportSock(ctx, 'Connection received', got.addr, got.port, o.numeric);
        if (!o.keep) yield* api.connect(s, got.addr, got.port);
        const end = yield* readwrite(ctx, api, s, o, o.keep ? got : undefined);
        if (end === 'exit0' || !o.keep) return 0;
        continue;
      }
      const c = yield* api.accept(s);
      if (!c) return 0;
      if (o.verbose) reportSock(ctx, 'Connection received', c.raddr, c.rport, o.numeric);
      try {
        const end = yield* readwrite(ctx, api, c, o);
        if (end === 'exit0') return 0;
      } finally {
        api.close(c);
      }
      if (!o.keep) return 0;
    }
  } finally {
    api.close(s);
  }
}

/** recvfrom(MSG_PEEK): waits for the first datagram and leaves it queued. */
function* waitDatagram(ctx: ProcContext, api: SocketApi, s: Sock): Generator<Wait, { addr: string; port: number } | undefined, void> {
  while (s.dgrams.length === 0) {
    if (ctx.signal.interrupted) return undefined;
    const r = yield* api.recv(s, undefined);
    if (ctx.signal.interrupted) return undefined;
    if (r.kind === 'data') {
      // recv consumed it: put it back, MSG_PEEK leaves it for readwrite().
      s.dgrams.unshift({ src: r.from!.addr, sport: r.from!.port, dst: s.laddr, data: r.data });
    }
  }
  return { addr: s.dgrams[0].src, port: s.dgrams[0].sport };
}

/** The nc command (netcat-openbsd). */
export const ncCommand: CommandModule = {
  name: 'nc',
  aliases: ['netcat', 'nc.openbsd'],
  run: runNc,
  complete: () => ['-l', '-k', '-p', '-z', '-w', '-u', '-v', '-s', '-N', '-n', '-q'],
};
