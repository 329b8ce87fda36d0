/**
 * The transport layer's public surface. `install(kernel)` registers it as the kernel's
 * TransportSeam (kernel.transport), sending through the datapath's local output
 * (sim/kernel/datapath `sendPacket`); from then on segments to closed ports get resets,
 * datagrams to closed ports get ICMP port unreachable, and programs can open sockets
 * (socket-api.ts).
 */
import type { DatapathHost } from '../datapath/host.ts';
import { sendPacket } from '../datapath/index.ts';
import type { Rng } from '../rng.ts';
import type { IpOutput } from './output.ts';
import type { TransportEnv } from './env.ts';
import { Transport } from './transport.ts';

export { Transport } from './transport.ts';
export type { Sock, TcpState, Proto } from './types.ts';
export type { SockErrno } from './env.ts';
export { SOCK_STRERROR } from './env.ts';
export type { SockResult } from './tcp.ts';
export type { IpOutput } from './output.ts';

/** What install() needs from the kernel: the datapath's host view plus the seeded generator. */
export type TransportKernel = DatapathHost & { transport?: unknown };

/** Builds the environment the transport runs in; `output` replaces the datapath (tests). */
export function transportEnv(kernel: DatapathHost, output?: IpOutput): TransportEnv {
  let nextId = 10000;
  const rng: Rng = kernel.state.rng;
  return {
    timers: kernel.timers,
    rng,
    trace: kernel.trace,
    output: output ?? {
      send: (ns, pkt, causedBy) => {
        const r = sendPacket(kernel, ns.id, pkt, { causedBy });
        return r.ok ? { ok: true } : { ok: false, errno: r.errno };
      },
    },
    netns: (id) => kernel.state.netns.get(id),
    now: () => kernel.state.clock.now(),
    nextSockId: () => nextId++,
  };
}

/** Registers the transport layer on a kernel (idempotent) and returns it. */
export function install(kernel: DatapathHost, output?: IpOutput): Transport {
  if (kernel.transport instanceof Transport) return kernel.transport;
  const t = new Transport(transportEnv(kernel, output));
  kernel.transport = t;
  return t;
}

/** The transport layer of a kernel, installing it on first use. */
export function transportOf(kernel: DatapathHost): Transport {
  return install(kernel);
}
export { socketView, socketViews, type SocketView } from './view.ts';
