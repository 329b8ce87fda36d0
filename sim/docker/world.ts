/**
 * The `docker-host` world: the course's `host` world with the daemon just started with its
 * defaults (Engine 29.x layout), and `docker-host-27` with the classic 27.x Engine. Also
 * registers the embedded DNS (127.0.0.11) as a name resolver for programs in containers.
 */
import type { Kernel } from '../kernel/kernel.ts';
import { registerWorld } from '../worlds/index.ts';
import { buildHostWorld } from '../worlds/host.ts';
import { ProcessTable } from '../proc/table.ts';
import { CommandRegistry, defaultCommands } from '../commands/registry.ts';
import { registerResolver } from '../programs/net.ts';
import { dockerOf, engineOfKernel, type MachineLike } from './machine-host.ts';
import { setContainerResolver } from '../check/resolve.ts';
import { embeddedLookup } from './containers.ts';

/** Starts the daemon on a kernel that has no Machine yet; the Machine adopts the engine later. */
function startOnKernel(k: Kernel, version: string): void {
  const pre: MachineLike = { kernel: k, procs: new ProcessTable(), commands: new CommandRegistry(defaultCommands()) };
  const err = dockerOf(pre).start({ version });
  if (err) throw new Error(`docker-host world: ${err}`);
}

let registered = false;

/** Registers the Docker worlds and the embedded-DNS resolver (idempotent). */
export function registerDockerWorlds(): void {
  if (registered) return;
  registered = true;
  registerWorld('docker-host', (k) => {
    buildHostWorld(k);
    startOnKernel(k, '29');
  });
  registerWorld('docker-host-27', (k) => {
    buildHostWorld(k);
    startOnKernel(k, '27');
  });
  // The embedded DNS of the asking machine's own daemon only: engines hang off their kernel,
  // so two machines (a probe's fork, a test's second host) never answer for each other.
  registerResolver((netnsId, name, kernel) => {
    const own = kernel ? engineOfKernel(kernel as Kernel) : undefined;
    return own ? embeddedLookup(own, netnsId, name) : undefined;
  });
  // Exercise checks name containers as `container:NAME`; only running ones have a namespace.
  setContainerResolver((k, name) => engineOfKernel(k)?.findContainer(name)?.netnsId);
}
