/**
 * Sockets for programs. Programs are generators that yield Waits (sim/shell/process.ts), so
 * the blocking calls here are generators too: `const r = yield* api.connect(s, ip, port, 1000)`
 * waits in virtual time until the handshake ends, an error arrives or the timeout passes,
 * letting background servers and clients take turns.
 */
import type { Wait } from '../../shell/process.ts';
import { until } from '../../shell/process.ts';
import type { Proto, Sock } from './types.ts';
import type { SockErrno } from './env.ts';
import type { SockResult } from './tcp.ts';
import type { Transport } from './transport.ts';

export type ConnectOutcome = { ok: true } | { ok: false; errno: SockErrno } | { ok: false; timeout: true };
export type RecvOutcome =
  | { kind: 'data'; data: string; from?: { addr: string; port: number } }
  | { kind: 'eof' }
  | { kind: 'error'; errno: SockErrno }
  | { kind: 'timeout' };

/** Blocks until `ready` or `timeoutMs` (undefined: no limit); true when ready. */
function* waitFor(ready: () => boolean, timeoutMs?: number): Generator<Wait, boolean, void> {
  if (ready()) return true;
  yield until(ready, timeoutMs);
  return ready();
}

export class SocketApi {
  constructor(
    readonly transport: Transport,
    readonly netnsId: number,
    readonly pid?: number,
  ) {}

  /** socket(2): AF_INET unless `family` is 6 (AF_INET6, see Sock.family). */
  socket(proto: Proto, family?: 6, v6only = false): Sock {
    const s = this.transport.socket(this.netnsId, proto, this.pid);
    if (family === 6) {
      s.family = 6;
      s.v6only = v6only;
      s.laddr = '::';
      s.raddr = '::';
    }
    return s;
  }

  bind(s: Sock, addr: string, port: number): SockResult {
    return this.transport.bind(s, addr, port);
  }

  listen(s: Sock, backlog: number): SockResult {
    return this.transport.listen(s, backlog);
  }

  /** connect() and wait for the handshake (TCP) or return at once (UDP). */
  *connect(s: Sock, addr: string, port: number, timeoutMs?: number): Generator<Wait, ConnectOutcome, void> {
    const r = this.transport.connect(s, addr, port);
    if (!r.ok) return { ok: false, errno: r.errno };
    if (s.proto === 'udp') return { ok: true };
    const done = yield* waitFor(() => s.state !== 'SYN_SENT', timeoutMs);
    if (!done) return { ok: false, timeout: true };
    if (s.state === 'CLOSED' || s.error) {
      const errno = s.error ?? 'ECONNREFUSED';
      s.error = undefined;
      return { ok: false, errno };
    }
    return { ok: true };
  }

  /** accept(): waits for a completed connection. */
  *accept(s: Sock, timeoutMs?: number): Generator<Wait, Sock | undefined, void> {
    const ok = yield* waitFor(() => s.acceptQueue.length > 0 || s.state !== 'LISTEN', timeoutMs);
    if (!ok || s.state !== 'LISTEN') return undefined;
    return this.transport.accept(s);
  }

  /** True when a read would not block. */
  readable(s: Sock): boolean {
    if (s.proto === 'udp') return s.dgrams.length > 0 || !!s.error || s.orphan;
    return s.recvBuf.length > 0 || s.rcvFin || !!s.error || s.state === 'CLOSED' || s.rdShut;
  }

  /** Reads what is there, without waiting. */
  read(s: Sock): RecvOutcome | undefined {
    if (s.proto === 'udp') {
      const d = s.dgrams.shift();
      if (d) return { kind: 'data', data: d.data, from: { addr: d.src, port: d.sport } };
      if (s.error) {
        const errno = s.error;
        s.error = undefined;
        return { kind: 'error', errno };
      }
      return undefined;
    }
    if (s.recvBuf.length > 0) {
      const data = s.recvBuf;
      s.recvBuf = '';
      return { kind: 'data', data };
    }
    if (s.error) {
      const errno = s.error;
      s.error = undefined;
      return { kind: 'error', errno };
    }
    if (s.rcvFin || s.state === 'CLOSED' || s.rdShut) return { kind: 'eof' };
    return undefined;
  }

  /** recv(): waits for data, end of file or an error. */
  *recv(s: Sock, timeoutMs?: number): Generator<Wait, RecvOutcome, void> {
    const ok = yield* waitFor(() => this.readable(s), timeoutMs);
    if (!ok) return { kind: 'timeout' };
    return this.read(s) ?? { kind: 'timeout' };
  }

  send(s: Sock, data: string, to?: { addr: string; port: number }): SockResult<number> {
    return this.transport.send(s, data, to);
  }

  shutdown(s: Sock, how: 'rd' | 'wr' | 'rdwr'): void {
    this.transport.shutdown(s, how);
  }

  close(s: Sock): void {
    this.transport.close(s);
  }
}
