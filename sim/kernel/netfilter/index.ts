/**
 * Netfilter for the simulated kernel: install(kernel) registers the NetfilterSeam the
 * datapath calls at each hook. This first version is a pass-through (every packet accepted),
 * so the machine can be wired before the tables exist.
 */
import type { NetfilterSeam } from '../hooks.ts';

/** The parts of the Kernel that netfilter needs; the real Kernel class satisfies this structurally. */
export interface NetfilterKernel {
  nf?: NetfilterSeam;
}

/** Registers netfilter on the kernel (sets `kernel.nf`). */
export function install(kernel: NetfilterKernel): void {
  kernel.nf = {
    hook: () => ({ verdict: 'accept' }),
  };
}
