/**
 * net-tools 2.10 `netstat`: Internet sockets (-t -u, -l -a, -n, -p) in netstat's fixed
 * columns, TCP before UDP, and the routing table with -r (route.ts). The UNIX-socket section
 * it prints when no protocol is chosen is empty here: the lab's programs use none.
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { kernelOf } from '../ip/common.ts';
import { socketViews, type SocketView } from '../../kernel/transport/view.ts';
import { serviceName } from '../ss/services.ts';
import { hostsByAddress, printNetstatRoute } from './route.ts';
import { USAGE_NETSTAT, VERSION } from './usage.ts';

const LONG: Record<string, string> = {
  route: 'r', numeric: 'n', tcp: 't', udp: 'u', listening: 'l', all: 'a', programs: 'p', wide: 'W', version: 'V', help: 'h',
  verbose: 'v', extend: 'e', unix: 'x', interfaces: 'i', statistics: 's', timers: 'o', continuous: 'c',
};

/** ss's state names back to the kernel's, as netstat prints them. */
const STATE: Record<string, string> = {
  ESTAB: 'ESTABLISHED', 'SYN-SENT': 'SYN_SENT', 'SYN-RECV': 'SYN_RECV', 'FIN-WAIT-1': 'FIN_WAIT1', 'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT', UNCONN: 'CLOSE', 'CLOSE-WAIT': 'CLOSE_WAIT', 'LAST-ACK': 'LAST_ACK', LISTEN: 'LISTEN', CLOSING: 'CLOSING',
};

function* netstatProgram(ctx: ProcContext): Generator<Wait, number, void> {
  const f = new Set<string>();
  for (const a of ctx.argv.slice(1)) {
    if (a.startsWith('--')) {
      const l = LONG[a.slice(2)];
      if (!l) {
        ctx.err(`netstat: unrecognized option '${a}'\n${USAGE_NETSTAT}`);
        return 3;
      }
      f.add(l);
    } else if (a.startsWith('-') && a.length > 1) for (const l of a.slice(1)) f.add(l);
    else {
      ctx.err(`netstat: -${a} is not available in this lab\n`);
      return 1;
    }
  }
  for (const l of f) {
    if (!'rntulapWVhvex'.includes(l)) {
      if ('isoMgcCFZNUSw46A'.includes(l)) {
        ctx.err(`netstat: -${l} is not available in this lab\n`);
        return 1;
      }
      ctx.err(`netstat: invalid option -- '${l}'\n${USAGE_NETSTAT}`);
      return 3;
    }
  }
  if (f.has('V')) {
    ctx.out(VERSION.netstat);
    return 0;
  }
  if (f.has('h')) {
    ctx.err(USAGE_NETSTAT);
    return 0;
  }
  const k = kernelOf(ctx);
  const numeric = f.has('n');
  if (f.has('r')) return printNetstatRoute(ctx, k, numeric);

  const anyProto = f.has('t') || f.has('u') || f.has('x');
  const tcp = f.has('t') || !anyProto;
  const udp = f.has('u') || !anyProto;
  const unix = f.has('x') || !anyProto;
  const which = f.has('a') ? 'servers and established' : f.has('l') ? 'only servers' : 'w/o servers';
  const keep = (s: SocketView) => {
    const server = s.state === 'LISTEN' || s.state === 'UNCONN';
    return f.has('a') || (f.has('l') ? server : !server);
  };
  const hosts = numeric ? new Map<string, string>() : hostsByAddress(ctx);
  const procs = ctx.machine.procs;
  const ns = k.netns(ctx.netnsId)!;
  const socks = socketViews(ns).filter(keep);
  const ordered = [
    ...(tcp ? [...socks.filter((s) => s.netid === 'tcp' && s.state === 'LISTEN').reverse(), ...socks.filter((s) => s.netid === 'tcp' && s.state !== 'LISTEN')] : []),
    ...(udp ? socks.filter((s) => s.netid === 'udp') : []),
  ];
  if (tcp || udp) {
    ctx.out(`Active Internet connections (${which})\n`);
    ctx.out('Proto Recv-Q Send-Q Local Address           Foreign Address         State      ' + (f.has('p') ? ' PID/Program name' : '') + '\n');
    const addr = (a: string, p: number | '*', proto: 'tcp' | 'udp') => {
      const host = hosts.get(a) ?? a;
      const port = p === '*' || p === 0 ? '*' : numeric ? String(p) : (serviceName(p, proto) ?? String(p));
      return `${host}:${port}`;
    };
    for (const s of ordered) {
      const local = addr(s.local, s.localPort, s.netid);
      const peer = addr(s.peer, s.peerPort, s.netid);
      const state = s.netid === 'udp' ? (s.state === 'ESTAB' ? 'ESTABLISHED' : '') : (STATE[s.state] ?? s.state);
      // /proc/net/tcp has no send queue for a listener (ss shows its backlog there instead).
      const sendQ = s.state === 'LISTEN' ? 0 : s.sendQ;
      let line = `${s.netid.padEnd(4)}  ${String(s.recvQ).padStart(6)} ${String(sendQ).padStart(6)} ${local.padEnd(23)} ${peer.padEnd(23)} ${state.padEnd(11)}`;
      if (f.has('p')) {
        const proc = s.pid !== undefined ? procs.get(s.pid) : undefined;
        const comm = proc ? (proc.argv[0] ?? '').split('/').pop()!.slice(0, 15) : '';
        line += ' ' + (proc ? `${proc.pid}/${comm}` : '-').padEnd(20);
      }
      ctx.out(line + '\n');
    }
  }
  if (unix) {
    ctx.out(`Active UNIX domain sockets (${which})\n`);
    ctx.out('Proto RefCnt Flags       Type       State         I-Node   ' + (f.has('p') ? 'PID/Program name    ' : '') + 'Path\n');
  }
  return 0;
}

export const netstatCommand: CommandModule = { name: 'netstat', run: netstatProgram };
