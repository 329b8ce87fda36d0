/**
 * Long-running network programs the machine can start (a container's main process, a
 * world's remote server, docker-proxy), chosen by what they should do.
 */
import type { Program } from '../shell/process.ts';
import { httpServer } from './http-server.ts';
import { tcpServer } from './tcp-server.ts';
import { tcpProxy } from './tcp-proxy.ts';

export { httpServer, httpDate, type HttpServerOptions } from './http-server.ts';
export { tcpServer, redisReply, type TcpServerOptions } from './tcp-server.ts';
export { tcpProxy, type ProxyOptions } from './tcp-proxy.ts';
export { registerResolver, resolveHost, socketsOf, type NameResolver } from './net.ts';

/** What a daemon does (the same shape as docker's ProcessSpec behaviour). */
export type Behaviour =
  | { kind: 'http'; port: number; banner: string; addr?: string; listing?: string[] }
  | { kind: 'tcp'; port: number; banner: string; addr?: string }
  | { kind: 'proxy'; proto: string; hostIp: string; hostPort: number; ctrIp: string; ctrPort: number }
  | { kind: 'idle' };

/** The program for a behaviour, or undefined for one that only idles. */
export function behaviourProgram(b: Behaviour): Program | undefined {
  switch (b.kind) {
    case 'http':
      return httpServer({ style: b.banner.startsWith('SimpleHTTP') ? 'python' : 'nginx', port: b.port, addr: b.addr, banner: b.banner, listing: b.listing });
    case 'tcp':
      return tcpServer({ port: b.port, addr: b.addr, banner: b.banner });
    case 'proxy':
      return tcpProxy(b);
    case 'idle':
      return undefined;
  }
}
export { attachHttpServer } from './kernel-http.ts';
