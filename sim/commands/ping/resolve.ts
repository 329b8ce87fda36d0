/**
 * Name and address handling for ping: inet_aton's forms ("10.1" is 10.0.0.1), names from the
 * machine's /etc/hosts, and the reverse lookups ping prints ("localhost (127.0.0.1)").
 * There is no DNS in the lab: other names fail as getaddrinfo does without a resolver.
 */
import type { ProcContext } from '../../shell/process.ts';
import { resolvePath } from '../../fs/fs.ts';
import { resolveRegistered } from '../../programs/net.ts';

/** inet_aton: 1 to 4 parts in decimal, octal (0...) or hex (0x...); undefined if invalid. */
export function inetAton(s: string): string | undefined {
  const parts = s.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length > 2 ? parseInt(p.slice(2), 16) : 0;
    else if (/^0[0-7]*$/.test(p)) n = parseInt(p, 8);
    else if (/^[1-9]\d*$/.test(p)) n = Number(p);
    else return undefined;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255)) return undefined;
  const lastMax = 2 ** (8 * (4 - nums.length)) - 1;
  if (last > lastMax) return undefined;
  let v = 0;
  nums.forEach((n, i) => (v += n * 2 ** (24 - 8 * i)));
  v += last;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

interface HostsEntry {
  address: string;
  names: string[];
}

/** The lines of /etc/hosts as this process sees it; a minimal default when it cannot be read. */
function hostsOf(ctx: ProcContext): HostsEntry[] {
  const fs = (ctx as { fs?: unknown }).fs ?? (ctx.machine as unknown as { fs?: unknown }).fs;
  let text: string | undefined;
  const reader = fs as { readFile?: (segs: string[], caller: { netnsId: number }) => { ok: boolean; value?: string } } | undefined;
  if (reader?.readFile) {
    const r = reader.readFile(resolvePath('/', '/etc/hosts'), { netnsId: ctx.netnsId });
    if (r.ok) text = r.value;
  }
  text ??= '127.0.0.1\tlocalhost\n';
  const out: HostsEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length >= 2 && inetAton(fields[0]) === fields[0]) out.push({ address: fields[0], names: fields.slice(1) });
  }
  return out;
}

/** getaddrinfo for an IPv4 name: the address and canonical name, or undefined. */
export function lookupName(ctx: ProcContext, name: string): { address: string; canonical: string } | undefined {
  for (const e of hostsOf(ctx)) {
    if (e.names.some((n) => n.toLowerCase() === name.toLowerCase())) return { address: e.address, canonical: e.names[0] };
  }
  // After /etc/hosts, the resolvers the machine registered (Docker's embedded DNS on user-defined networks).
  const dns = resolveRegistered(ctx.netnsId, name, ctx.machine.kernel);
  return dns ? { address: dns, canonical: name } : undefined;
}

/** getnameinfo: the first name /etc/hosts gives the address, if any. */
export function reverseName(ctx: ProcContext, address: string): string | undefined {
  for (const e of hostsOf(ctx)) if (e.address === address) return e.names[0];
  return undefined;
}
