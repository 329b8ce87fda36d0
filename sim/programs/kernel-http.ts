/**
 * A web server that runs inside the kernel of a hidden host (a world's remote server): no
 * process, no pid in the machine's process table (it is another machine), driven by its
 * sockets' wake callbacks instead of a scheduler task. It answers as the nginx-like program
 * does (http-server.ts), so `curl http://203.0.113.80/` from the host shows nginx's page.
 */
import type { DatapathHost } from '../kernel/datapath/host.ts';
import { transportOf } from '../kernel/transport/index.ts';
import type { Sock } from '../kernel/transport/index.ts';
import { respond, type HttpServerOptions } from './http-server.ts';

/** Starts the server in namespace `netnsId`; returns a function that stops it. */
export function attachHttpServer(kernel: DatapathHost, netnsId: number, o: HttpServerOptions): () => void {
  const t = transportOf(kernel);
  const clock = kernel.state.clock;
  const log = { out: () => {}, err: () => {} };
  const l = t.socket(netnsId, 'tcp');
  l.reuseAddr = true;
  const bound = t.bind(l, o.addr ?? '0.0.0.0', o.port);
  if (!bound.ok) return () => {};
  t.listen(l, 511);
  const bufs = new Map<Sock, string>();
  const serve = (c: Sock) => {
    if (c.state === 'CLOSED') {
      bufs.delete(c);
      return;
    }
    let buf = (bufs.get(c) ?? '') + c.recvBuf;
    c.recvBuf = '';
    let end: number;
    while ((end = buf.indexOf('\r\n\r\n')) >= 0) {
      const head = buf.slice(0, end);
      buf = buf.slice(end + 4);
      const res = respond(o, head, c.raddr, new Date(clock.epochMs + clock.now()), log);
      t.send(c, res.text);
      if (!res.keep) {
        t.close(c);
        bufs.delete(c);
        return;
      }
    }
    bufs.set(c, buf);
    // The client closed (or reset): close our side too.
    if (c.rcvFin || c.error) {
      t.close(c);
      bufs.delete(c);
    }
  };
  l.wake = () => {
    for (let c = t.accept(l); c; c = t.accept(l)) {
      const conn = c;
      conn.wake = () => serve(conn);
      serve(conn);
    }
  };
  return () => {
    for (const c of bufs.keys()) t.close(c);
    t.close(l);
  };
}
