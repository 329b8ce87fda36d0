/**
 * `ss` (iproute2 6.1.0) for the lab's TCP and UDP sockets: -t -u -l -a -n -p -4 -6 -H, -s
 * (summary.ts), -o -e -m -i -O (details.ts), state filters and address/port expressions, in
 * ss's own columns (render.ts). The kernel dumps
 * listeners before connections; within them this simulator lists the newest listener first
 * and connections oldest first, an order the real hash tables also give for a handful of
 * sockets (the real order follows per-namespace hash seeds and is not guaranteed).
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { kernelOf } from '../ip/common.ts';
import { socketView, ssAddress, type SocketView } from '../../kernel/transport/view.ts';
import { nsSockets } from '../../kernel/transport/table.ts';
import { seqDiff } from '../../kernel/transport/sock.ts';
import type { Sock } from '../../kernel/transport/types.ts';
import { cgroupMountErrors, enteredByIpNetnsExec, hasCgroup, socketDetails } from './details.ts';
import { summary } from './summary.ts';
import { serviceName } from './services.ts';
import { Col, render, type Row } from './render.ts';
import { USAGE_SS } from './usage.ts';
import { parseFilter, type Filter } from './filter.ts';

const STATES: Record<string, string[]> = {
  established: ['ESTAB'], 'syn-sent': ['SYN-SENT'], 'syn-recv': ['SYN-RECV'], 'fin-wait-1': ['FIN-WAIT-1'],
  'fin-wait-2': ['FIN-WAIT-2'], 'time-wait': ['TIME-WAIT'], closed: ['UNCONN'], 'close-wait': ['CLOSE-WAIT'],
  'last-ack': ['LAST-ACK'], listening: ['LISTEN'], closing: ['CLOSING'],
  all: ['ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'UNCONN', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING'],
  connected: ['ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSING'],
  synchronized: ['ESTAB', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSING'],
  bucket: ['SYN-RECV', 'TIME-WAIT'],
  big: ['ESTAB', 'SYN-SENT', 'FIN-WAIT-1', 'FIN-WAIT-2', 'UNCONN', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING'],
};
/** SS_CONN: every state but LISTEN, UNCONN, TIME-WAIT and SYN-RECV. */
const CONN = ['ESTAB', 'SYN-SENT', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSING'];

const LONG: Record<string, string> = {
  help: 'h', version: 'V', numeric: 'n', resolve: 'r', all: 'a', listening: 'l', processes: 'p', ipv4: '4', ipv6: '6',
  tcp: 't', udp: 'u', raw: 'w', unix: 'x', 'no-header': 'H', summary: 's', options: 'o', extended: 'e', memory: 'm', info: 'i', oneline: 'O',
};
const SUPPORTED = new Set('hVnrlapt46uwxHsoemiO'.split(''));
const KNOWN = new Set('hVnrlapt46uwxHsoemiTEZzbN0MSdfAKODF'.split(''));

interface Opts {
  numeric: boolean;
  all: boolean;
  listening: boolean;
  processes: boolean;
  header: boolean;
  summary: boolean;
  options: boolean;
  details: boolean;
  memory: boolean;
  info: boolean;
  oneline: boolean;
  family?: 4 | 6;
  dbs: Set<'tcp' | 'udp' | 'raw' | 'unix'>;
}

function* ssProgram(ctx: ProcContext): Generator<Wait, number, void> {
  const o: Opts = {
    numeric: false, all: false, listening: false, processes: false, header: true,
    summary: false, options: false, details: false, memory: false, info: false, oneline: false, dbs: new Set(),
  };
  const args = ctx.argv.slice(1);
  const rest: string[] = [];
  const k = kernelOf(ctx);
  let ns = k.netns(ctx.netnsId)!;
  /** netns_switch: like `ip netns exec`, it also mounts a fresh /sys (no cgroup2 there). */
  let switched = false;
  const switchNetns = (name: string): boolean => {
    const target = k.netnsByName(name);
    if (!target) {
      ctx.err(`Cannot open network namespace "${name}": No such file or directory\n`);
      return false;
    }
    ns = target;
    switched = true;
    return true;
  };
  const usage = (msg: string) => {
    ctx.err(msg + USAGE_SS);
    return 255;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    let letters: string[];
    if (a.startsWith('--net=') || a === '--net') {
      // -N NAME: ss enters the namespace as soon as it reads the option.
      const name = a === '--net' ? args[++i] : a.slice('--net='.length);
      if (name === undefined) return usage(`ss: option '--net' requires an argument\n`);
      if (!switchNetns(name)) return 1;
      continue;
    }
    if (a.startsWith('--')) {
      const l = LONG[a.slice(2)];
      if (!l) return usage(`ss: unrecognized option '${a}'\n`);
      letters = [l];
    } else if (a.startsWith('-') && a.length > 1) letters = [...a.slice(1)];
    else {
      rest.push(a);
      continue;
    }
    for (let j = 0; j < letters.length; j++) {
      const l = letters[j]!;
      if (l === 'N') {
        const name = j + 1 < letters.length ? letters.slice(j + 1).join('') : args[++i];
        if (name === undefined) return usage(`ss: option requires an argument -- 'N'\n`);
        if (!switchNetns(name)) return 1;
        break;
      }
      if (!KNOWN.has(l)) return usage(`ss: invalid option -- '${l}'\n`);
      if (!SUPPORTED.has(l)) {
        ctx.err(`ss: -${l} is not available in this lab\n`);
        return 1;
      }
      switch (l) {
        case 'h':
          ctx.out(USAGE_SS);
          return 0;
        case 'V':
          ctx.out('ss utility, iproute2-6.1.0\n');
          return 0;
        case 'n': o.numeric = true; break;
        case 'a': o.all = true; break;
        case 'l': o.listening = true; break;
        case 'p': o.processes = true; break;
        case 'H': o.header = false; break;
        case 's': o.summary = true; break;
        case 'o': o.options = true; break;
        // -e shows the timers too (show_options = 1 in ss.c).
        case 'e': o.details = o.options = true; break;
        case 'm': o.memory = true; break;
        case 'i': o.info = true; break;
        case 'O': o.oneline = true; break;
        case '4': o.family = 4; break;
        case '6': o.family = 6; break;
        case 't': o.dbs.add('tcp'); break;
        case 'u': o.dbs.add('udp'); break;
        case 'w': o.dbs.add('raw'); break;
        case 'x': o.dbs.add('unix'); break;
      }
    }
  }
  // State filter first, then the expression.
  let states: Set<string> | undefined;
  let i = 0;
  while (rest[i] === 'state' || rest[i] === 'exclude' || rest[i] === 'excl') {
    const name = rest[i + 1];
    const list = name !== undefined ? STATES[name] : undefined;
    if (!list) {
      ctx.err(`ss: wrong state name: ${name ?? ''}\n`);
      return 255;
    }
    if (rest[i] === 'state') {
      states ??= new Set();
      for (const s of list) states.add(s);
    } else {
      states ??= new Set(STATES.all);
      for (const s of list) states.delete(s);
    }
    i += 2;
  }
  const f = parseFilter(rest.slice(i).join(' '));
  if (f && typeof f !== 'function') {
    ctx.err(f.code === 255 ? f.msg + USAGE_SS : f.msg);
    return f.code;
  }

  const everything = o.dbs.size === 0;
  if (o.summary) {
    ctx.out(summary(ns, [...k.state.netns.values()]));
    // Only a summary was asked for: ss stops before dumping any socket.
    if (everything && rest.length === 0) return 0;
  }
  if (everything) {
    // The reference kernel has no diag module for one of the families a bare `ss` asks for.
    ctx.err('RTNETLINK answers: Invalid argument\n');
    o.dbs.add('tcp').add('udp').add('raw').add('unix');
  }
  if (!states) {
    states = new Set(o.all ? STATES.all : o.listening ? ['LISTEN', 'UNCONN'] : CONN);
    // UDP sockets are "established" only when connected; an unconnected one is UNCONN.
    if (!o.all && !o.listening) states.add('ESTAB');
  }

  const socks = nsSockets(ns).socks.filter((s) => s.bound).map((sock) => ({ sock, v: socketView(sock) }))
    .filter(({ v }) => o.dbs.has(v.netid) && states!.has(v.state) && familyOk(v, o.family) && matchFilter(f, v));
  const tcp = socks.filter(({ v }) => v.netid === 'tcp');
  // inet_diag is asked for AF_INET, then AF_INET6: each family's sockets come together.
  const fams = (list: typeof socks) => [...list.filter(({ v }) => v.family !== 6), ...list.filter(({ v }) => v.family === 6)];
  const ordered: { sock: Sock; v: SocketView }[] = [
    ...fams(socks.filter(({ v }) => v.netid === 'udp')),
    ...[4, 6].flatMap((fam) => [...tcp.filter(({ v }) => (v.family ?? 4) === fam && v.state === 'LISTEN').reverse(), ...tcp.filter(({ v }) => (v.family ?? 4) === fam && v.state !== 'LISTEN')]),
  ];
  const portRange = (ns.sysctl.get('net.ipv4.ip_local_port_range') ?? '32768\t60999').split(/\s+/).map(Number);
  const port = (p: number | '*', proto: 'tcp' | 'udp') => {
    if (p === '*' || p === 0) return '*';
    if (o.numeric || (p >= portRange[0]! && p <= portRange[1]!)) return String(p);
    return serviceName(p, proto) ?? String(p);
  };
  const procs = ctx.machine.procs;
  const now = k.state.clock.now();
  const noCgroupMount = switched || enteredByIpNetnsExec(ns);
  // stderr is unbuffered, the table is printed at the end: the complaints come first.
  if (o.details && noCgroupMount) ctx.err(cgroupMountErrors(ordered.filter(({ sock }) => hasCgroup(sock)).length));
  const rows: Row[] = ordered.map(({ sock, v: s }) => {
    const proc = s.pid !== undefined ? procs.get(s.pid) : undefined;
    const users = o.processes && proc ? ` users:(("${comm(proc.argv[0])}",pid=${proc.pid},fd=3))` : '';
    return [
      s.netid, s.state, String(s.recvQ).padEnd(6), String(sendQ(sock, s)).padEnd(6),
      `${ssAddress(s, s.local)}:`, port(s.localPort, s.netid), `${ssAddress(s, s.peer)}:`, port(s.peerPort, s.netid),
      users + socketDetails(ns, sock, k.timers, now, { ...o, noCgroupMount }), '',
    ];
  });
  const disabled = new Set<Col>();
  if (o.dbs.size === 1) disabled.add(Col.Netid);
  if (states.size === 1) disabled.add(Col.State);
  const cols = Number(ctx.env.get('COLUMNS'));
  ctx.out(render(rows, { disabled, header: o.header, screenWidth: ctx.isTTY ? (cols > 0 ? cols : 80) : undefined }));
  return 0;
}

/**
 * idiag_wqueue of a connection is write_seq - snd_una: a SYN or FIN not yet acknowledged
 * counts, as data does. Timewait sockets report 0.
 */
function sendQ(sock: Sock, v: SocketView): number {
  if (sock.proto !== 'tcp' || sock.state === 'LISTEN') return v.sendQ;
  if (sock.state === 'TIME_WAIT' || sock.state === 'SYN_RECV') return 0;
  return seqDiff(sock.sndNxt, sock.sndUna);
}

/** A process's command name as the kernel keeps it (15 characters). */
function comm(argv0: string | undefined): string {
  return (argv0 ?? '').split('/').pop()!.slice(0, 15);
}

function familyOk(s: SocketView, family?: 4 | 6): boolean {
  if (family === undefined) return true;
  return (s.family ?? 4) === family;
}

function matchFilter(f: Filter | undefined, s: SocketView): boolean {
  return f ? f(s) : true;
}

export const ssCommand: CommandModule = { name: 'ss', run: ssProgram };
