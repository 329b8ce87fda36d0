/**
 * ping (iputils 20221126, IPv4): resolves the destination, checks it is routable the way
 * ping's connect() probe does, then sends one echo request per interval through the
 * simulated kernel and prints replies and ICMP errors as they arrive in virtual time. It
 * stops on -c, -w or an interrupt and prints iputils' statistics; exit status 0 with replies,
 * 1 without, 2 on errors.
 */
import type { ProcContext, Wait } from '../../shell/process.ts';
import { until } from '../../shell/process.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { STRERROR } from '../../kernel/errno.ts';
import { openEchoSocket, routeOutput, sendPacket, sourceFor } from '../../kernel/datapath/index.ts';
import { localLookup } from '../../kernel/datapath/fib.ts';
import { parsePingArgs } from './options.ts';
import { inetAton, lookupName, reverseName } from './resolve.ts';
import { formatRtt, formatStats, icmpText } from './format.ts';

/** Size of struct timeval: below it, ping cannot time its probes. */
const TIMEVAL = 16;

export function* ping(ctx: ProcContext): Generator<Wait, number, void> {
  const parsed = parsePingArgs(ctx.argv.slice(1));
  if (!parsed.ok) {
    if (parsed.stdout) ctx.out(parsed.stdout);
    if (parsed.stderr) ctx.err(parsed.stderr);
    return parsed.code;
  }
  if (parsed.warnings) ctx.err(parsed.warnings);
  const o = parsed.opts;
  const k = (ctx.machine as unknown as { kernel: Kernel }).kernel;
  const ns = k.state.netns.get(ctx.netnsId);
  if (!ns) {
    ctx.err('ping: socket: Invalid argument\n');
    return 2;
  }

  // Destination: a literal address (printed numerically) or a name from /etc/hosts.
  let whereto = inetAton(o.target);
  let hostname = o.target;
  let numeric = o.numeric;
  if (o.family === 6) {
    ctx.err(`ping: ${o.target}: ${whereto ? 'Address family for hostname not supported' : 'Temporary failure in name resolution'}\n`);
    return 2;
  }
  if (whereto) {
    numeric = true;
  } else {
    const r = lookupName(ctx, o.target);
    if (!r) {
      ctx.err(`ping: ${o.target}: Temporary failure in name resolution\n`);
      return 2;
    }
    whereto = r.address;
    hostname = r.canonical;
  }

  // -I DEV binds the socket to a device; -I ADDR binds it to a source address.
  let oif: number | undefined;
  if (o.device) {
    const dev = [...ns.links.values()].find((l) => l.name === o.device);
    if (!dev) {
      ctx.err(`ping: SO_BINDTODEVICE ${o.device}: No such device\n`);
      return 2;
    }
    oif = dev.index;
  }
  let source = o.source;
  if (!source) {
    const r = routeOutput(ns, whereto, oif);
    // connect() answers EACCES for a broadcast destination without SO_BROADCAST, and for a
    // prohibit route; ping takes both for a broadcast.
    const eacces = !r.ok ? r.errno === 'EACCES' : r.type === 'broadcast';
    if (eacces) {
      if (!o.broadcast) {
        ctx.err('ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n');
        return 2;
      }
      ctx.err('WARNING: pinging broadcast address\n');
    }
    if (!r.ok) {
      ctx.err(`ping: connect: ${STRERROR[r.errno]}\n`);
      return 2;
    }
    source = sourceFor(ns, r, whereto) ?? '0.0.0.0';
    if (oif !== undefined && !ns.addrs4.some((a) => a.index === oif && a.address === source)) {
      ctx.err(`ping: Warning: source address might be selected on device other than: ${o.device}\n`);
    }
  } else if (localLookup(ns, source)?.type !== 'local') {
    ctx.err('ping: bind: Cannot assign requested address\n');
    return 2;
  }
  if (whereto === '0.0.0.0') whereto = source;
  if (o.ttl === 0) {
    ctx.err('ping: cannot set unicast time-to-live: Invalid argument\n');
    return 2;
  }
  const target = whereto;
  const from = o.device || o.source ? `from ${source} ${o.device ?? ''}: ` : '';
  ctx.out(`PING ${hostname} (${target}) ${from}${o.dataLen}(${o.dataLen + 28}) bytes of data.\n`);

  const clock = k.state.clock;
  const timing = o.dataLen >= TIMEVAL;
  const sentAt = new Map<number, number>();
  const seen = new Set<number>();
  const rtts: number[] = [];
  let transmitted = 0;
  let received = 0;
  let repeats = 0;
  let errors = 0;
  let pipesize = 1;
  let lastSend = 0;
  const name = (addr: string): string => {
    if (numeric) return addr;
    const n = reverseName(ctx, addr);
    return n ? `${n} (${addr})` : addr;
  };
  const acknowledge = (seq: number) => {
    const diff = transmitted - seq;
    if (diff >= 0 && diff + 1 > pipesize) pipesize = diff + 1;
  };
  const sock = openEchoSocket(k, ns.id, {
    boundDev: oif,
    onReply(r) {
      if (r.from !== target && !o.broadcast) return;
      acknowledge(r.seq);
      const dup = seen.has(r.seq);
      const us = Math.round((clock.now() - (sentAt.get(r.seq) ?? clock.now())) * 1000) + 40 + ((r.seq * 37) % 90);
      if (timing) rtts.push(us);
      if (dup) repeats++;
      else {
        seen.add(r.seq);
        received++;
      }
      if (o.quiet) return;
      let line = `${r.dataLen + 8} bytes from ${name(r.from)}: icmp_seq=${r.seq} ttl=${r.ttl}`;
      if (timing) line += ` time=${formatRtt(us)} ms`;
      if (dup) line += ' (DUP!)';
      ctx.out(line + '\n');
    },
    onError(e) {
      if (e.target !== target) return;
      acknowledge(e.seq);
      errors++;
      if (!o.quiet) ctx.out(`From ${name(e.from)} icmp_seq=${e.seq} ${icmpText(e.type, e.code, e.mtu)}`);
    },
  });

  const start = clock.now();
  const interval = Math.max(1, o.intervalMs);
  const deadlineAt = o.deadline ? start + o.deadline * 1000 : Infinity;
  let nextSend = start;
  let exitAt = Infinity;
  const finished = () =>
    ctx.signal.interrupted || (o.count > 0 && received + errors >= o.count) || (o.deadline > 0 && errors > 0);
  try {
    for (;;) {
      if (finished() || clock.now() >= deadlineAt || clock.now() >= exitAt) break;
      const allSent = o.count > 0 && transmitted >= o.count;
      if (!allSent && clock.now() >= nextSend) {
        transmitted++;
        const seq = transmitted & 0xffff;
        sentAt.set(seq, clock.now());
        lastSend = clock.now();
        nextSend = clock.now() + interval;
        if (o.dataLen + 28 <= 65535) {
          sendPacket(k, ns.id, {
            src: o.source ?? '', dst: target, ttl: o.ttl ?? 64, tos: 0, id: 0, df: true,
            l4: { proto: 'icmp', icmp: { type: 8, code: 0, id: sock.id, seq, dataLen: o.dataLen } },
          }, { oif });
          // A failed sendto (EPERM when OUTPUT or POSTROUTING dropped the probe) is a "hard
          // local error" to iputils: it counts the probe as sent and, finding no ICMP error in
          // the socket's error queue (receive_error_msg returns -1), prints nothing at all.
        }
        if (o.count > 0 && transmitted >= o.count && exitAt === Infinity) {
          // __schedule_exit: wait for late replies, twice the slowest round trip or the interval,
          // or the -W linger time when nothing came back (-W 0 waits for ever).
          const wait = received ? Math.max(2 * Math.max(0, ...rtts) / 1000, o.intervalMs) : o.lingerMs || Infinity;
          exitAt = clock.now() + wait;
        }
        continue;
      }
      const wakeAt = Math.min(allSent ? exitAt : nextSend, deadlineAt);
      const ms = wakeAt - clock.now();
      yield until(finished, Number.isFinite(ms) ? Math.max(0, ms) : undefined);
    }
  } finally {
    sock.close();
  }
  if (ctx.signal.killed) return 1;
  ctx.out(formatStats({
    hostname, transmitted, received, repeats, errors, elapsedMs: lastSend - start, timing, rtts, pipesize,
  }));
  return !received || (o.deadline > 0 && received < o.count) ? 1 : 0;
}
