/**
 * Netfilter for the simulated kernel. `install(kernel)` registers the NetfilterSeam the
 * datapath calls at each hook (see hook.ts); the tables live in `netns.ext.netfilter`
 * (tables.ts), connection tracking in `netns.ext.conntrack` (conntrack.ts).
 *
 * Layout: types.ts (representation), tables.ts (tables, chains, hook order), ext.ts (match
 * and target registry), matches/ and targets/ (the extensions), compile.ts (rule predicates),
 * traverse.ts (the one traversal), conntrack.ts, nat.ts, hook.ts (the seam), ops.ts (what
 * iptables asks the kernel to do), print.ts (Rule -> `-A ...` text).
 */
import type { NetfilterSeam } from '../hooks.ts';
import type { MachineState } from '../types.ts';
import type { TraceLog } from '../../observe/trace.ts';
import './matches/index.ts';
import './targets/index.ts';
import { createNetfilter } from './hook.ts';

/** The parts of the Kernel that netfilter needs; the Kernel class satisfies this structurally. */
export interface NetfilterKernel {
  nf?: NetfilterSeam;
  state: MachineState;
  trace?: TraceLog;
}

/** Registers netfilter on the kernel (sets `kernel.nf`). */
export function install(kernel: NetfilterKernel): void {
  kernel.nf = createNetfilter({
    get state() {
      return kernel.state;
    },
    get trace() {
      return kernel.trace;
    },
  });
}
