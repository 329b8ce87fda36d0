import type { CommandModule } from '../shell/process.ts';

/** Commands of the netfilter group; see registry.ts. */
export const netfilterCommands: CommandModule[] = [];
