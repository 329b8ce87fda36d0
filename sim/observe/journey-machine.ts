/**
 * Journeys of a Kernel: the journey store with the namespace names a learner knows (a
 * container's name for its namespace) and the world's hidden machines marked as outside.
 * What `trace` and the lab's Journey view call.
 */
import type { Kernel } from '../kernel/kernel.ts';
import { engineOfKernel } from '../docker/machine-host.ts';
import type { BuildOptions, Journey, JourneyEnv } from './journey.ts';
import { journeyById, recentGroups, type GroupOptions, type JourneyGroup } from './journey-store.ts';

/** Namespace labels and hidden flags from the kernel (and the Docker engine, when it runs). */
export function kernelJourneyEnv(k: Kernel): JourneyEnv {
  return {
    label(netnsId, fallback) {
      if (netnsId === 0) return 'host';
      const c = engineOfKernel(k)?.containers.find((x) => x.netnsId === netnsId && x.state === 'running');
      return c ? `container ${c.name}` : fallback;
    },
    hidden: (netnsId) => k.state.netns.get(netnsId)?.hidden === true,
  };
}

/** Recent command lines with their packets, oldest first (see recentGroups). */
export function kernelJourneyGroups(k: Kernel, opts: GroupOptions = {}): JourneyGroup[] {
  return recentGroups(k.trace, kernelJourneyEnv(k), opts);
}

/** One journey by id, with the role its command's group gave it (a TCP reply has no causedBy). */
export function kernelJourney(k: Kernel, id: number, opts: BuildOptions = {}): Journey | undefined {
  for (const g of kernelJourneyGroups(k, opts)) {
    const e = g.entries.find((x) => x.journey.id === id);
    if (e) return e.journey;
  }
  return journeyById(k.trace, id, kernelJourneyEnv(k), opts);
}
