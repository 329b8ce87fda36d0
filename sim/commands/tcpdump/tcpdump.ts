/**
 * tcpdump (4.99.3 with libpcap 1.10.3, as on Debian 12): opens a packet tap on a device of
 * the process's namespace, prints the banner on stderr, prints a line per captured frame on
 * stdout, and on -c N, Ctrl+C or kill prints the capture statistics on stderr.
 *
 * Stdout is a stdio stream: line-buffered on a terminal or with -l, otherwise written in
 * 4096-byte blocks and at exit, which is why packet lines of a background tcpdump whose
 * output goes to a file come after everything else. An interrupted capture ends its output
 * with an empty line (tcpdump's putchar('\n') after pcap_breakloop).
 */
import type { ProcContext, Wait } from '../../shell/process.ts';
import { sleep } from '../../shell/process.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { openCapture } from '../../kernel/datapath/index.ts';
import { parseTcpdumpArgs } from './options.ts';
import { usageText, versionText } from './usage.ts';
import { defaultDevice, deviceByName, listDevices } from './devices.ts';
import { parseFilter } from './filter-parse.ts';
import { lookupName } from '../ping/resolve.ts';
import { makeNamer } from './names.ts';
import { CaptureSession } from './session.ts';
import { printFrame, timestamp, type LineOptions } from './print.ts';
import { TcpTracker } from './print-tcp.ts';

/** glibc's stdio buffer for a file or pipe. */
const BUFSIZ = 4096;

const plural = (n: number) => (n === 1 ? '' : 's');

export function* tcpdump(ctx: ProcContext): Generator<Wait, number, void> {
  const parsed = parseTcpdumpArgs(ctx.argv.slice(1));
  if (!parsed.ok) {
    ctx.err(parsed.stderr);
    return parsed.code;
  }
  const o = parsed.opts;
  if (o.help) {
    ctx.out(usageText());
    return 0;
  }
  if (o.version) {
    ctx.out(versionText());
    return 0;
  }
  const k = (ctx.machine as unknown as { kernel: Kernel }).kernel;
  const ns = k.state.netns.get(ctx.netnsId);
  if (!ns) {
    ctx.err('tcpdump: socket: Invalid argument\n');
    return 1;
  }
  if (o.listInterfaces) {
    ctx.out(listDevices(ns));
    return 0;
  }

  // The device: -i NAME, -i any, or the first one pcap_findalldevs lists.
  let link: LineOptions['link'] = 'EN10MB';
  let ifindex: number | undefined;
  let devName: string;
  if (o.iface === 'any' || (o.iface === undefined && !defaultDevice(ns))) {
    link = o.iface === 'any' ? 'LINUX_SLL2' : 'LINUX_SLL';
    devName = 'any';
  } else {
    const dev = o.iface !== undefined ? deviceByName(ns, o.iface) : defaultDevice(ns)!;
    if (!dev) {
      ctx.err(`tcpdump: ${o.iface}: No such device exists\n(No such device exists)\n`);
      return 1;
    }
    if (!dev.flags.up) {
      ctx.err(`tcpdump: ${dev.name}: That device is not up\n`);
      return 1;
    }
    ifindex = dev.index;
    devName = dev.name;
  }

  const filter = parseFilter(o.expression, (name) => lookupName(ctx, name)?.address);
  if (!filter.ok) {
    ctx.err(`tcpdump: ${filter.message}\n`);
    return 1;
  }

  if (link === 'LINUX_SLL2') ctx.err('tcpdump: data link type LINUX_SLL2\n');
  const linkText = { EN10MB: 'EN10MB (Ethernet)', LINUX_SLL2: 'LINUX_SLL2 (Linux cooked v2)', LINUX_SLL: 'LINUX_SLL (Linux cooked v1)' }[link];
  ctx.err(
    `${o.verbose ? 'tcpdump: ' : 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n'}` +
      `listening on ${devName}, link-type ${linkText}, snapshot length ${o.snaplen} bytes\n`,
  );

  const session = new CaptureSession({ filter: filter.node, direction: o.direction });
  const close = openCapture(k, { netnsId: ns.id, ifindex, promisc: !o.noPromisc && ifindex !== undefined, deliver: (c) => session.deliver(c) });
  const lineOpts: LineOptions = {
    namer: makeNamer(ctx, o.numeric), link, ether: o.ether, verbose: o.verbose > 0,
    absoluteSeq: o.absoluteSeq, timestamps: !o.noTimestamps, tracker: new TcpTracker(),
  };
  const clock = k.state.clock;
  const lineBuffered = ctx.isTTY || o.lineBuffered;
  const tov = o.immediate ? 0 : lineBuffered ? 100 : 1000;
  let buffer = '';
  let captured = 0;
  let finished = false;

  const write = (text: string) => {
    if (lineBuffered) {
      ctx.out(text);
      return;
    }
    buffer += text;
    if (buffer.length >= BUFSIZ) {
      const cut = buffer.length - (buffer.length % BUFSIZ);
      ctx.out(buffer.slice(0, cut));
      buffer = buffer.slice(cut);
    }
  };
  const end = (interrupted: boolean) => {
    if (finished) return;
    finished = true;
    close();
    if (interrupted) buffer += '\n';
    if (buffer) ctx.out(buffer);
    buffer = '';
    ctx.err(
      `${captured} packet${plural(captured)} captured\n` +
        `${session.received} packet${plural(session.received)} received by filter\n` +
        '0 packets dropped by kernel\n',
    );
  };

  const start = clock.now();
  try {
    for (let batch = 1; ; batch++) {
      if (tov === 0) {
        // --immediate-mode: each frame is handed over as it arrives.
        yield { kind: 'until', ready: () => session.pending > 0 };
      } else {
        const at = start + batch * tov;
        if (at > clock.now()) yield sleep(at - clock.now());
      }
      if (ctx.signal.interrupted) break;
      for (const q of session.takeUntil(clock.now())) {
        write(printFrame(q.c, { ...lineOpts, dadDone: q.dadDone }, timestamp(clock.epochMs, q.c.t)));
        captured++;
        if (o.count !== undefined && captured >= o.count) {
          end(false);
          return 0;
        }
      }
    }
    end(true);
    return 0;
  } finally {
    // Killed (SIGTERM): tcpdump's handler breaks the loop and reports like Ctrl+C.
    end(true);
  }
}
