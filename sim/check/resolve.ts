/**
 * Where a check looks: endpoint names as exercises write them, resolved to a namespace of
 * the machine. `host` is the root namespace; a name is a named namespace (`ip netns add`) or
 * one of the world's machines (hidden namespaces such as `client` or `remote`);
 * `container:NAME` is a Docker container's namespace.
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { Netns } from '../kernel/types.ts';

/** Finds a container's namespace; the Docker engine registers one (see setContainerResolver). */
export type ContainerResolver = (kernel: Kernel, name: string) => number | undefined;
let containerResolver: ContainerResolver | undefined;

/** Lets the Docker engine tell checks where a container's namespace is, without sim/check importing it. */
export function setContainerResolver(fn: ContainerResolver): void {
  containerResolver = fn;
}

/** The namespace an endpoint name stands for, or undefined if there is none (yet). */
export function resolveNetns(kernel: Kernel, where: string): Netns | undefined {
  if (where === 'host') return kernel.netns(0);
  if (where.startsWith('container:')) {
    const id = containerResolver?.(kernel, where.slice('container:'.length));
    return id === undefined ? undefined : kernel.netns(id);
  }
  const named = kernel.netnsByName(where);
  if (named) return named;
  for (const ns of kernel.state.netns.values()) if (ns.hidden && ns.name === where) return ns;
  return undefined;
}

/** How a learner would name that place in a message. */
export function placeName(where: string): string {
  if (where === 'host') return 'the host';
  if (where.startsWith('container:')) return `container ${where.slice('container:'.length)}`;
  return where;
}
