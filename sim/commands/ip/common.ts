/**
 * What every `ip` object handler shares: the global options, output sinks and the way
 * iproute2 reports kernel errors ("Error: <extack>." or "RTNETLINK answers: <strerror>").
 */
import type { Kernel } from '../../kernel/kernel.ts';
import type { ProcContext } from '../../shell/process.ts';
import { STRERROR, type KernelError } from '../../kernel/errno.ts';

/** Global options of `ip`. */
export interface IpOptions {
  family?: 4 | 6;
  stats: number;
  details: boolean;
  brief: boolean;
  oneline: boolean;
  /** -j: print JSON instead of text; -p (with -j) in json_writer's pretty layout. */
  json: boolean;
  pretty: boolean;
  /** Namespace the command acts in (after -n). */
  netnsId: number;
}

/** Context of one `ip` invocation. */
export interface IpEnv {
  k: Kernel;
  ctx: ProcContext;
  opts: IpOptions;
  out(s: string): void;
  err(s: string): void;
}

/** iproute2's matches(): `arg` is a non-empty prefix of `word`. */
export const matches = (arg: string | undefined, word: string): boolean => !!arg && arg.length > 0 && word.startsWith(arg);

/** Prints a netlink error as iproute2 does and returns exit status 2. */
export function rtnlError(env: IpEnv, e: KernelError): number {
  if (e.extack) env.err(`Error: ${e.extack}.\n`);
  else env.err(`RTNETLINK answers: ${STRERROR[e.errno]}\n`);
  return 2;
}

/** The kernel a program runs against (the Machine exposes it as `kernel`). */
export function kernelOf(ctx: ProcContext): Kernel {
  return (ctx.machine as unknown as { kernel: Kernel }).kernel;
}

/** Parses "A.B.C.D[/N]" as iproute2's get_prefix does; undefined when invalid. */
export function parsePrefix4(s: string, defaultLen = 32): { address: string; len: number; explicitLen: boolean } | undefined {
  const [a, l, ...rest] = s.split('/');
  if (rest.length) return undefined;
  if (!/^\d{1,3}(\.\d{1,3}){0,3}$/.test(a)) return undefined;
  const parts = a.split('.').map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  while (parts.length < 4) parts.push(0);
  let len = defaultLen;
  if (l !== undefined) {
    if (!/^\d+$/.test(l)) return undefined;
    len = Number(l);
    if (len > 32) return undefined;
  }
  return { address: parts.join('.'), len, explicitLen: l !== undefined };
}
