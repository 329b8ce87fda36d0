/**
 * netcat's readwrite() loop in virtual time: standard input goes to the socket, what the
 * socket receives goes to standard output. Standard input is whole (a pipe or a here-string),
 * so it is sent at once and then reaches end of file; after that, -N shuts the socket's
 * sending side, -q N keeps reading for N seconds at most, and otherwise nc keeps reading
 * until the peer closes, -w's idle timeout passes, or (listening) the peer's side is gone.
 */
import type { ProcContext, Wait } from '../../shell/process.ts';
import { sleep } from '../../shell/process.ts';
import type { Sock } from '../../kernel/transport/index.ts';
import type { SocketApi } from '../../kernel/transport/socket-api.ts';
import type { NcOptions } from './options.ts';

/** Bytes one read(2) of standard input returns (netcat's BUFSIZE). */
const BUFSIZE = 16384;

export type ReadwriteEnd = 'done' | 'exit0';

/** Runs the loop on connected socket `s`; 'exit0' means nc must exit(0) now (-q). */
export function* readwrite(ctx: ProcContext, api: SocketApi, s: Sock, o: NcOptions, peer?: { addr: string; port: number }): Generator<Wait, ReadwriteEnd, void> {
  let stdin = o.detach ? '' : ctx.stdin;
  if (o.crlf) stdin = stdin.replace(/\r?\n/g, '\r\n');
  let netOut = true;
  let netIn = true;
  let reads = 0;
  // Standard input: everything there is, then end of file.
  for (let i = 0; i < stdin.length && netOut; i += BUFSIZE) {
    const r = api.send(s, stdin.slice(i, i + BUFSIZE), peer);
    if (!r.ok) netOut = false;
    if (o.interval > 0) yield sleep(o.interval * 1000);
  }
  if (netOut && o.shutdownOnEof) api.shutdown(s, 'wr');
  netOut = false;
  if (o.quit >= 0) {
    // -q N: after end of file on stdin, nc still reads what the peer sends, for N seconds at
    // most (the alarm), and quits earlier if the peer closes. With -q 0 it still takes what
    // arrives at once, such as a server's immediate answer.
    const clock = (ctx.machine as unknown as { kernel: { state: { clock: { now(): number } } } }).kernel.state.clock;
    const deadline = clock.now() + o.quit * 1000;
    for (;;) {
      const r = yield* api.recv(s, Math.max(0, deadline - clock.now()));
      if (ctx.signal.interrupted || r.kind !== 'data') return 'exit0';
      ctx.out(r.data);
    }
  }
  for (;;) {
    if (!netIn) return 'done';
    if (ctx.signal.interrupted) return 'exit0';
    const r = yield* api.recv(s, o.timeout >= 0 ? o.timeout : undefined);
    if (ctx.signal.interrupted) return 'exit0';
    if (r.kind === 'timeout') return 'done';
    if (r.kind === 'data') {
      ctx.out(r.data);
      if (o.recvLimit > 0 && ++reads >= o.recvLimit) return 'done';
      continue;
    }
    // End of file or an error (reset, refused): reading is over.
    netIn = false;
    if (s.proto === 'tcp') api.shutdown(s, 'rd');
  }
}
