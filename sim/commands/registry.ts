/**
 * Every command the lab knows, by name. Each group file belongs to one part of the simulator
 * and exports its modules; this file only gathers them, so adding a tool is one line in its
 * group.
 */
import type { CommandModule } from '../shell/process.ts';
import { iprouteCommands } from './group-iproute.ts';
import { datapathCommands } from './group-datapath.ts';
import { netfilterCommands } from './group-netfilter.ts';
import { dockerCommands } from './group-docker.ts';
import { transportCommands } from './group-transport.ts';
import { utilityCommands } from '../shell/builtins/index.ts';
import { traceCommand } from './trace/index.ts';

export class CommandRegistry {
  private readonly byName = new Map<string, CommandModule>();
  constructor(modules: CommandModule[]) {
    for (const m of modules) this.add(m);
  }
  add(m: CommandModule): void {
    this.byName.set(m.name, m);
    for (const a of m.aliases ?? []) this.byName.set(a, m);
  }
  get(name: string): CommandModule | undefined {
    return this.byName.get(name);
  }
  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}

export function defaultCommands(): CommandModule[] {
  return [...utilityCommands, ...iprouteCommands, ...datapathCommands, ...netfilterCommands, ...dockerCommands, ...transportCommands, traceCommand];
}
