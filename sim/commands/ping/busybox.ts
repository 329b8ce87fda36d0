/**
 * BusyBox ping (networking/ping.c, FEATURE_FANCY_PING), as Alpine and BusyBox images run it:
 * `PING host (addr): 56 data bytes`, `64 bytes from addr: seq=0 ttl=64 time=0.077 ms`, the
 * `round-trip min/avg/max` summary, sequence numbers from 0. It sends on a raw socket without
 * connect(): a routing failure is sendto's error and fatal; ICMP errors carry no echo id of
 * ours, so unpack4 drops them and nothing is printed for them. Exit 1 when nothing came back
 * (or, with -w, fewer than -c replies), else 0.
 */
import type { ProcContext, Wait } from '../../shell/process.ts';
import { until } from '../../shell/process.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { libcStrerror } from '../../programs/userland.ts';
import { openEchoSocket, sendPacket } from '../../kernel/datapath/index.ts';
import { localLookup } from '../../kernel/datapath/fib.ts';
import { inetAton, lookupName } from './resolve.ts';

/** The applet's usage (ping_trivial_usage/ping_full_usage), after Alpine's version line. */
export const BUSYBOX_PING_USAGE =
  'BusyBox v1.36.1 (2023-11-07 18:53:09 UTC) multi-call binary.\n\n' +
  'Usage: ping [OPTIONS] HOST\n\n' +
  'Send ICMP ECHO_REQUESTs to HOST\n\n' +
  '\t-4,-6\t\tForce IP or IPv6 name resolution\n' +
  '\t-c CNT\t\tSend only CNT pings\n' +
  '\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n' +
  '\t-i SECS\t\tInterval\n' +
  '\t-A\t\tPing as soon as reply is received\n' +
  '\t-t TTL\t\tSet TTL\n' +
  '\t-I IFACE/IP\tSource interface or IP address\n' +
  '\t-W SEC\t\tSeconds to wait for the first response (default 10)\n' +
  '\t\t\t(after all -c CNT packets are sent)\n' +
  '\t-w SEC\t\tSeconds until ping exits (default:infinite)\n' +
  '\t\t\t(can exit earlier with -c CNT)\n' +
  '\t-q\t\tQuiet, only display output at start/finish\n' +
  '\t-p HEXBYTE\tPayload pattern\n';

interface BbOpts {
  count: number;
  dataLen: number;
  ttl: number;
  /** -w, seconds (0: none). */
  deadline: number;
  /** -W, seconds. */
  timeout: number;
  intervalMs: number;
  quiet: boolean;
  iface?: string;
  host: string;
}

/** getopt32(argv, "^qvAc:+s:t:+w:+W:+I:np:i:46\0=1:q--v:v--q"): numbers checked as xatou does. */
function parse(argv: string[]): BbOpts | { err: string } {
  const o: Omit<BbOpts, 'host'> = { count: 0, dataLen: 56, ttl: 0, deadline: 0, timeout: 10, intervalMs: 1000, quiet: false };
  const rest: string[] = [];
  const num = (v: string | undefined, max: number): number | { err: string } => {
    if (v === undefined || !/^\d+$/.test(v) || Number(v) > max) return { err: `ping: invalid number '${v ?? ''}'\n` };
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if ('qvAn46'.includes(c)) {
        if (c === 'q') o.quiet = true;
        if (c === 'v') o.quiet = false;
        continue;
      }
      if (!'cstwWIpi'.includes(c)) return { err: `ping: invalid option -- '${c}'\n${BUSYBOX_PING_USAGE}` };
      const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
      if (v === undefined) return { err: `ping: option requires an argument -- '${c}'\n${BUSYBOX_PING_USAGE}` };
      let n: number | { err: string } = 0;
      if (c === 'c' || c === 't' || c === 'w' || c === 'W') n = num(v, 0x7fffffff);
      else if (c === 's') n = num(v, 65535);
      if (typeof n !== 'number') return n;
      if (c === 'c') o.count = n;
      else if (c === 's') o.dataLen = n;
      else if (c === 't') o.ttl = n;
      else if (c === 'w') o.deadline = n;
      else if (c === 'W') o.timeout = n;
      else if (c === 'I') o.iface = v;
      else if (c === 'i') {
        const secs = Number(v);
        if (!/^\d*\.?\d+$/.test(v) || !Number.isFinite(secs)) return { err: `ping: invalid number '${v}'\n` };
        o.intervalMs = Math.round(secs * 1000);
      }
      break;
    }
  }
  if (rest.length !== 1) return { err: BUSYBOX_PING_USAGE };
  return { ...o, host: rest[0] };
}

/** `time=%u.%03u`: microseconds as milliseconds with three decimals. */
const ms3 = (us: number) => `${Math.trunc(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;

/** The ping applet. */
export function* busyboxPing(ctx: ProcContext): Generator<Wait, number, void> {
  const o = parse(ctx.argv.slice(1));
  if ('err' in o) {
    ctx.err(o.err);
    return 1;
  }
  const k = (ctx.machine as unknown as { kernel: Kernel }).kernel;
  const ns = k.state.netns.get(ctx.netnsId);
  if (!ns) return 1;
  // str2sockaddr: a numeric IPv4 first (inet_aton), else getaddrinfo.
  const target = inetAton(o.host) ?? lookupName(ctx, o.host)?.address;
  if (!target) {
    ctx.err(`ping: bad address '${o.host}'\n`);
    return 1;
  }
  // -I: an interface name binds the socket to it; anything else is a source address.
  let oif: number | undefined;
  let source: string | undefined;
  if (o.iface !== undefined) {
    const dev = [...ns.links.values()].find((l) => l.name === o.iface);
    if (dev) oif = dev.index;
    else if (inetAton(o.iface) === o.iface) source = o.iface;
    else {
      ctx.err(`ping: bad address '${o.iface}'\n`);
      return 1;
    }
  }
  ctx.out(`PING ${o.host} (${target})${source ? ` from ${source}` : ''}: ${o.dataLen} data bytes\n`);
  if (source && localLookup(ns, source)?.type !== 'local') {
    ctx.err(`ping: bind: ${libcStrerror(ctx, 'EADDRNOTAVAIL')}\n`);
    return 1;
  }

  const clock = k.state.clock;
  const sentAt = new Map<number, number>();
  const seen = new Set<number>();
  let transmitted = 0;
  let received = 0;
  let repeats = 0;
  let tmin = Infinity;
  let tmax = 0;
  let tsum = 0;
  const timed = o.dataLen >= 4;
  const sock = openEchoSocket(k, ns.id, {
    boundDev: oif,
    onReply(r) {
      if (r.from !== target) return;
      const dup = seen.has(r.seq);
      const us = Math.round((clock.now() - (sentAt.get(r.seq) ?? clock.now())) * 1000) + 40 + (((r.seq + 1) * 37) % 90);
      if (timed) {
        tsum += us;
        tmin = Math.min(tmin, us);
        tmax = Math.max(tmax, us);
      }
      if (dup) repeats++;
      else {
        seen.add(r.seq);
        received++;
      }
      if (o.quiet) return;
      ctx.out(`${r.dataLen + 8} bytes from ${r.from}: seq=${r.seq} ttl=${r.ttl}${timed ? ` time=${ms3(us)} ms` : ''}${dup ? ' (DUP!)' : ''}\n`);
    },
    // An ICMP error's header holds no echo id of ours: unpack4 discards it silently.
    onError() {},
  });

  const start = clock.now();
  const deadlineAt = o.deadline ? start + o.deadline * 1000 : Infinity;
  let nextSend = start;
  let exitAt = Infinity;
  const done = () => ctx.signal.interrupted || (o.count > 0 && received >= o.count);
  let failed: string | undefined;
  try {
    for (;;) {
      if (done() || clock.now() >= exitAt) break;
      if (transmitted < o.count || o.count === 0) {
        if (clock.now() >= nextSend) {
          // sendping_tail: the -w deadline is looked at when the next probe is due.
          if (clock.now() >= deadlineAt) break;
          const seq = transmitted & 0xffff;
          transmitted++;
          sentAt.set(seq, clock.now());
          const r = sendPacket(k, ns.id, {
            src: source ?? '', dst: target, ttl: o.ttl || 64, tos: 0, id: 0, df: false,
            l4: { proto: 'icmp', icmp: { type: 8, code: 0, id: sock.id, seq, dataLen: o.dataLen } },
          }, { oif });
          if (!r.ok) {
            failed = `ping: sendto: ${libcStrerror(ctx, r.errno)}\n`;
            break;
          }
          nextSend = clock.now() + o.intervalMs;
          if (o.count > 0 && transmitted >= o.count) {
            // All sent: wait -W seconds for a first reply, else about two round trips (at least 1 s).
            exitAt = clock.now() + (received ? Math.max(1, Math.floor(tmax / (512 * 1024))) : o.timeout) * 1000;
          }
          continue;
        }
      }
      const wakeAt = Math.min(o.count > 0 && transmitted >= o.count ? exitAt : nextSend);
      yield until(done, Math.max(0, wakeAt - clock.now()));
    }
  } finally {
    sock.close();
  }
  if (failed) {
    ctx.err(failed);
    return 1;
  }
  if (ctx.signal.killed) return 1;
  const loss = transmitted ? Math.floor(((transmitted - received) * 100) / transmitted) : 0;
  let stats = `\n--- ${o.host} ping statistics ---\n${transmitted} packets transmitted, ${received} packets received, `;
  if (repeats) stats += `${repeats} duplicates, `;
  stats += `${loss}% packet loss\n`;
  if (tmin !== Infinity) {
    const avg = Math.floor(tsum / (received + repeats));
    stats += `round-trip min/avg/max = ${ms3(tmin)}/${ms3(avg)}/${ms3(tmax)} ms\n`;
  }
  ctx.out(stats);
  return received === 0 || (o.deadline > 0 && received < o.count) ? 1 : 0;
}
