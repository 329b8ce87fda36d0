/**
 * docker-proxy's relay (the userland proxy): listens on the host address and port and, for
 * each connection, opens one to the container and copies bytes both ways, passing on a
 * half-close (end of file) in each direction; UDP datagrams are relayed per client address.
 * A refused backend makes the proxy close the client's connection with its request unread,
 * so the kernel resets it: curl reports "Recv failure: Connection reset by peer".
 */
import type { Program, ProcContext, Wait } from '../shell/process.ts';
import { until } from '../shell/process.ts';
import type { Sock } from '../kernel/transport/index.ts';
import type { SocketApi } from '../kernel/transport/socket-api.ts';
import { socketsOf } from './net.ts';

export interface ProxyOptions {
  proto: string;
  hostIp: string;
  hostPort: number;
  ctrIp: string;
  ctrPort: number;
}

interface Pair {
  client: Sock;
  backend: Sock;
  /** Each direction's end of file was passed on. */
  upDone: boolean;
  downDone: boolean;
}

/** The proxy as a program (exit status 1 when its port cannot be bound). */
export function tcpProxy(o: ProxyOptions): Program {
  return (ctx) => (o.proto === 'udp' ? udpRelay(ctx, o) : tcpRelay(ctx, o));
}

/**
 * The listening socket: AF_INET6 with IPV6_V6ONLY for an IPv6 host address, as the daemon
 * makes it (portallocator osallocator_linux.go) before handing it to the proxy.
 */
function listenSocket(api: SocketApi, o: ProxyOptions): Sock {
  return o.hostIp.includes(':') ? api.socket(o.proto === 'udp' ? 'udp' : 'tcp', 6, true) : api.socket(o.proto === 'udp' ? 'udp' : 'tcp');
}

function bindOrFail(ctx: ProcContext, api: SocketApi, s: Sock, o: ProxyOptions): boolean {
  s.reuseAddr = true;
  const b = api.bind(s, o.hostIp || '0.0.0.0', o.hostPort);
  if (!b.ok) {
    ctx.err(`listen ${o.proto} ${o.hostIp || '0.0.0.0'}:${o.hostPort}: bind: address already in use\n`);
    return false;
  }
  return true;
}

/** Copies what `from` has to `to`; true when `from` reached end of file (or failed). */
function pump(api: SocketApi, from: Sock, to: Sock): boolean {
  const r = api.read(from);
  if (!r) return false;
  if (r.kind === 'data') {
    api.send(to, r.data);
    return false;
  }
  return true;
}

function* tcpRelay(ctx: ProcContext, o: ProxyOptions): Generator<Wait, number, void> {
  const api = socketsOf(ctx);
  const l = listenSocket(api, o);
  const pairs: Pair[] = [];
  try {
    if (!bindOrFail(ctx, api, l, o)) return 1;
    api.listen(l, 4096);
    for (;;) {
      const busy = () => l.acceptQueue.length > 0 || pairs.some((p) => (!p.upDone && api.readable(p.client)) || (!p.downDone && api.readable(p.backend)));
      if (!busy()) yield until(busy);
      if (ctx.signal.interrupted) return 0;
      for (let c = api.transport.accept(l); c; c = api.transport.accept(l)) {
        const b = api.socket('tcp');
        const r = yield* api.connect(b, o.ctrIp, o.ctrPort);
        if (!r.ok) {
          api.close(b);
          api.close(c);
          continue;
        }
        pairs.push({ client: c, backend: b, upDone: false, downDone: false });
      }
      for (const p of [...pairs]) {
        if (!p.upDone && pump(api, p.client, p.backend)) {
          p.upDone = true;
          api.shutdown(p.backend, 'wr');
        }
        if (!p.downDone && pump(api, p.backend, p.client)) {
          p.downDone = true;
          api.shutdown(p.client, 'wr');
        }
        if (p.upDone && p.downDone) {
          api.close(p.client);
          api.close(p.backend);
          pairs.splice(pairs.indexOf(p), 1);
        }
      }
    }
  } finally {
    for (const p of pairs) {
      api.close(p.client);
      api.close(p.backend);
    }
    api.close(l);
  }
}

function* udpRelay(ctx: ProcContext, o: ProxyOptions): Generator<Wait, number, void> {
  const api = socketsOf(ctx);
  const s = listenSocket(api, o);
  const flows = new Map<string, { sock: Sock; addr: string; port: number }>();
  try {
    if (!bindOrFail(ctx, api, s, o)) return 1;
    for (;;) {
      const busy = () => s.dgrams.length > 0 || [...flows.values()].some((f) => f.sock.dgrams.length > 0);
      if (!busy()) yield until(busy);
      if (ctx.signal.interrupted) return 0;
      for (let d = s.dgrams.shift(); d; d = s.dgrams.shift()) {
        const key = `${d.src}:${d.sport}`;
        let f = flows.get(key);
        if (!f) {
          const b = api.socket('udp');
          yield* api.connect(b, o.ctrIp, o.ctrPort);
          f = { sock: b, addr: d.src, port: d.sport };
          flows.set(key, f);
        }
        api.send(f.sock, d.data);
      }
      for (const f of flows.values()) {
        for (let d = f.sock.dgrams.shift(); d; d = f.sock.dgrams.shift()) api.send(s, d.data, { addr: f.addr, port: f.port });
        f.sock.error = undefined;
      }
    }
  } finally {
    for (const f of flows.values()) api.close(f.sock);
    api.close(s);
  }
}
