/**
 * A bare simulated host for engine-level tests: the Kernel with netfilter installed, the
 * process table, the host file system and the command registry, i.e. what the Engine needs
 * from a Machine (MachineLike). Tests drive the Engine's operations and read the kernel back
 * with the real commands (iptables-save), so they check the mechanism end to end.
 */
import { createKernel } from '../../../sim/kernel/kernel.ts';
import { createClock } from '../../../sim/kernel/clock.ts';
import { createRng } from '../../../sim/kernel/rng.ts';
import { TimerQueue } from '../../../sim/kernel/timers.ts';
import { install } from '../../../sim/kernel/netfilter/index.ts';
import { ProcessTable } from '../../../sim/proc/table.ts';
import { CommandRegistry, defaultCommands } from '../../../sim/commands/registry.ts';
import { iptablesCommand } from '../../../sim/commands/iptables/index.ts';
import { iptablesSaveCommand } from '../../../sim/commands/iptables-save/index.ts';
import { createHostFs } from '../../../sim/fs/index.ts';
import { dockerOf, execCaptured, type MachineLike } from '../../../sim/docker/machine-host.ts';

export function bareHost(seed = 1): MachineLike {
  const clock = createClock();
  const kernel = createKernel({ clock, rng: createRng(seed), timers: new TimerQueue(clock) });
  install(kernel);
  const commands = new CommandRegistry(defaultCommands());
  // The netfilter group may not list them yet; the Engine execs them by name.
  if (!commands.get('iptables')) commands.add(iptablesCommand);
  if (!commands.get('iptables-save')) commands.add(iptablesSaveCommand);
  const fs = createHostFs({
    hostname: 'host',
    sysctl: {
      get: (ns, k) => kernel.sysctlGet(ns, k),
      set: (ns, k, v) => {
        const r = kernel.sysctlSet(ns, k, v);
        return r.ok ? undefined : r.error.errno;
      },
      keys: (ns) => kernel.sysctlKeys(ns),
    },
    netnsNames: () => [],
  });
  return { kernel, procs: new ProcessTable(), commands, fs } as unknown as MachineLike;
}

/** `iptables-save` in the host namespace minus the Generated/Completed comment lines. */
export function ruleset(m: MachineLike): string {
  return execCaptured(m, ['iptables-save'], 0).out.split('\n').filter((l) => !l.startsWith('#')).join('\n');
}

export { dockerOf };
