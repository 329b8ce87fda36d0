/**
 * What network programs (nc, curl, wget, the HTTP server) share: the socket API of the
 * namespace they run in, and name resolution as glibc does it with "hosts: files dns":
 * numeric addresses, then /etc/hosts, then DNS. The lab has no DNS server of its own, so a
 * name not in /etc/hosts fails with "Temporary failure in name resolution" (EAI_AGAIN), as
 * it does in a namespace without a reachable nameserver, unless a resolver was registered
 * (Docker's embedded DNS for containers on user-defined networks).
 */
import type { ProcContext } from '../shell/process.ts';
import type { DatapathHost } from '../kernel/datapath/host.ts';
import { transportOf } from '../kernel/transport/index.ts';
import { SocketApi } from '../kernel/transport/socket-api.ts';
import { resolvePath } from '../fs/fs.ts';
import { isIpv4 } from '../kernel/datapath/ipv4.ts';

/** The kernel of the machine a program runs on. */
export function kernelOf(ctx: ProcContext): DatapathHost {
  return (ctx.machine as unknown as { kernel: DatapathHost }).kernel;
}

/** Sockets in the program's namespace, owned by its pid. */
export function socketsOf(ctx: ProcContext): SocketApi {
  return new SocketApi(transportOf(kernelOf(ctx)), ctx.netnsId, ctx.pid);
}

/** getaddrinfo() errors, with gai_strerror()'s text. */
export const GAI = {
  EAI_AGAIN: 'Temporary failure in name resolution',
  EAI_NONAME: 'Name or service not known',
  EAI_SERVICE: 'Servname not supported for ai_socktype',
} as const;
export type GaiError = keyof typeof GAI;

export type Resolved = { ok: true; addr: string } | { ok: false; gai: GaiError };

/**
 * A resolver beyond /etc/hosts (Docker's embedded DNS): an address, or undefined. `kernel` is
 * the asking machine's kernel: namespace ids repeat across machines (a probe's fork, a test's
 * second machine), so a resolver must answer from that machine's state only.
 */
export type NameResolver = (netnsId: number, name: string, kernel?: object) => string | undefined;
const resolvers: NameResolver[] = [];

/** Registers a resolver consulted after /etc/hosts (for every machine: it is keyed by namespace). */
export function registerResolver(r: NameResolver): () => void {
  resolvers.push(r);
  return () => {
    const i = resolvers.indexOf(r);
    if (i >= 0) resolvers.splice(i, 1);
  };
}

/** What the registered resolvers (Docker's embedded DNS) answer for `name` in a namespace. */
export function resolveRegistered(netnsId: number, name: string, kernel?: object): string | undefined {
  for (const r of resolvers) {
    const addr = r(netnsId, name, kernel);
    if (addr) return addr;
  }
  return undefined;
}

/** inet_aton's strict dotted-quad form. */
export const isNumericHost = (s: string): boolean => isIpv4(s);

function hostsFile(ctx: ProcContext): string | undefined {
  const fs = ctx.fs ?? (ctx.machine as unknown as { fs?: ProcContext['fs'] }).fs;
  if (!fs) return undefined;
  const r = fs.readFile(resolvePath('/', '/etc/hosts'), { netnsId: ctx.netnsId });
  return r.ok ? r.value : undefined;
}

/** getaddrinfo(name) for IPv4; `numeric` is AI_NUMERICHOST (nc -n). */
export function resolveHost(ctx: ProcContext, name: string, numeric = false): Resolved {
  if (isNumericHost(name)) return { ok: true, addr: name };
  if (numeric) return { ok: false, gai: 'EAI_NONAME' };
  const hosts = hostsFile(ctx) ?? '127.0.0.1\tlocalhost\n';
  const want = name.toLowerCase();
  for (const raw of hosts.split('\n')) {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length < 2 || !isNumericHost(fields[0])) continue;
    if (fields.slice(1).some((n) => n.toLowerCase() === want)) return { ok: true, addr: fields[0] };
  }
  const addr = resolveRegistered(ctx.netnsId, name, ctx.machine.kernel);
  return addr ? { ok: true, addr } : { ok: false, gai: 'EAI_AGAIN' };
}
