/** How netfilter commands reach the namespace they run in, and shared error formatting. */
import type { ProcContext } from '../../shell/process.ts';
import type { Netns } from '../../kernel/types.ts';
import type { MachineState } from '../../kernel/types.ts';
import type { ParseFailure } from './parse.ts';
import type { OpResult } from '../../kernel/netfilter/ops.ts';
import { peekTable } from '../../kernel/netfilter/tables.ts';
import type { TableName } from '../../kernel/netfilter/types.ts';

export const VERSION = 'v1.8.9 (nf_tables)';

interface KernelLike {
  state: MachineState;
  netns(id: number): Netns | undefined;
}

/** The kernel of the machine a process runs on. */
export function kernelOf(ctx: ProcContext): KernelLike {
  return (ctx.machine as unknown as { kernel: KernelLike }).kernel;
}

/** The network namespace the process runs in. */
export function netnsOf(ctx: ProcContext): Netns {
  return kernelOf(ctx).netns(ctx.netnsId)!;
}

/** Text of a parse failure for program `prog` (iptables or iptables-restore). */
export function failureText(prog: string, e: ParseFailure, line?: number): string {
  let s = e.prefixed ? `${prog} ${VERSION}: ${e.message}\n` : `${e.message}\n`;
  if (line !== undefined) s += `Error occurred at line: ${line}\n`;
  if (e.usage) s += `Try \`${prog} -h' or '${prog} --help' for more information.\n`;
  return s;
}

/** Text and exit status of a failed kernel operation. */
export function opFailure(prog: string, r: Extract<OpResult, { ok: false }>): { text: string; exit: number } {
  if (r.kind === 'kernel') return { text: `${prog}: ${r.text}\n`, exit: 1 };
  return { text: `${prog} ${VERSION}: ${r.text}\n`, exit: 4 };
}

/** Chain existence as the parser asks it (built-in chains exist even in tables not yet made). */
export function chainLookup(ns: Netns) {
  return {
    chainExists(table: TableName, chain: string): boolean {
      const t = peekTable(ns, table);
      if (t) return t.chains.has(chain);
      return false;
    },
  };
}
