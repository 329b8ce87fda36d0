/**
 * A line-protocol TCP server for images whose main process is not a web server (redis):
 * it answers inline commands the way redis-server does (PING, ECHO, QUIT, and an error for
 * the rest), so `nc` and `redis-cli`-like probes get real-looking answers.
 */
import type { Program, ProcContext, Wait } from '../shell/process.ts';
import { until } from '../shell/process.ts';
import type { Sock } from '../kernel/transport/index.ts';
import { socketsOf } from './net.ts';

export interface TcpServerOptions {
  port: number;
  addr?: string;
  /** Server name and version (e.g. "redis/8.2.2"), for the startup line. */
  banner: string;
}

/** redis-server's answer to one inline command, and whether the connection then closes. */
export function redisReply(line: string): { text: string; close: boolean } {
  const [cmd = '', ...args] = line.trim().split(/\s+/);
  switch (cmd.toUpperCase()) {
    case '':
      return { text: '', close: false };
    case 'PING':
      return { text: args.length ? `$${args[0].length}\r\n${args[0]}\r\n` : '+PONG\r\n', close: false };
    case 'ECHO':
      return args.length === 1
        ? { text: `$${args[0].length}\r\n${args[0]}\r\n`, close: false }
        : { text: "-ERR wrong number of arguments for 'echo' command\r\n", close: false };
    case 'QUIT':
      return { text: '+OK\r\n', close: true };
    default: {
      const shown = args.map((a) => `'${a}' `).join('');
      return { text: `-ERR unknown command '${cmd}', with args beginning with: ${shown}\r\n`, close: false };
    }
  }
}

/** The server as a program. */
export function tcpServer(o: TcpServerOptions): Program {
  return (ctx) => serve(ctx, o);
}

function* serve(ctx: ProcContext, o: TcpServerOptions): Generator<Wait, number, void> {
  const api = socketsOf(ctx);
  const l = api.socket('tcp');
  l.reuseAddr = true;
  const conns: { s: Sock; buf: string }[] = [];
  try {
    const b = api.bind(l, o.addr ?? '0.0.0.0', o.port);
    if (!b.ok) {
      ctx.err(`# Warning: Could not create server TCP listening socket *:${o.port}: bind: Address already in use\n`);
      return 1;
    }
    api.listen(l, 511);
    ctx.out(`* Ready to accept connections tcp\n`);
    for (;;) {
      const busy = () => l.acceptQueue.length > 0 || conns.some((c) => api.readable(c.s));
      if (!busy()) yield until(busy);
      if (ctx.signal.interrupted) return 0;
      for (let c = api.transport.accept(l); c; c = api.transport.accept(l)) conns.push({ s: c, buf: '' });
      for (const c of [...conns]) {
        const r = api.read(c.s);
        if (!r) continue;
        let close = r.kind !== 'data';
        if (r.kind === 'data') {
          c.buf += r.data;
          let nl: number;
          while (!close && (nl = c.buf.indexOf('\n')) >= 0) {
            const line = c.buf.slice(0, nl).replace(/\r$/, '');
            c.buf = c.buf.slice(nl + 1);
            const rep = redisReply(line);
            if (rep.text) api.send(c.s, rep.text);
            close = rep.close;
          }
        }
        if (close) {
          api.close(c.s);
          conns.splice(conns.indexOf(c), 1);
        }
      }
    }
  } finally {
    for (const c of conns) api.close(c.s);
    api.close(l);
  }
}
