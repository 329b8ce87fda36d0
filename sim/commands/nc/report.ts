/**
 * The lines nc -v prints about addresses: getnameinfo() as glibc answers it in the lab
 * (numeric with -n; otherwise /etc/hosts, then DNS, which has no server here and fails with
 * "Temporary failure in name resolution", the warning nc prints instead of the line).
 */
import type { ProcContext } from '../../shell/process.ts';
import { resolvePath } from '../../fs/fs.ts';
import { GAI } from '../../programs/net.ts';

/** Reverse lookup of `addr` in /etc/hosts: the first name on its line. */
function hostsName(ctx: ProcContext, addr: string): string | undefined {
  const fs = ctx.fs ?? (ctx.machine as unknown as { fs?: ProcContext['fs'] }).fs;
  const r = fs?.readFile(resolvePath('/', '/etc/hosts'), { netnsId: ctx.netnsId });
  const text = r && r.ok ? r.value : '127.0.0.1\tlocalhost\n';
  for (const raw of text.split('\n')) {
    const f = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (f.length >= 2 && f[0] === addr) return f[1];
  }
  return undefined;
}

/** report_sock(): "<msg> on <host> <port>", or the getnameinfo warning. */
export function reportSock(ctx: ProcContext, msg: string, addr: string, port: number, numeric: boolean): void {
  const host = numeric ? addr : hostsName(ctx, addr);
  if (host === undefined) {
    ctx.err(`nc: getnameinfo: ${GAI.EAI_AGAIN}\n`);
    return;
  }
  ctx.err(`${msg} on ${host} ${port}\n`);
}
