import type { CommandModule } from '../process.ts';

/** Everyday utilities (echo, cat, grep, ...) and shell builtins; see commands/registry.ts. */
export const utilityCommands: CommandModule[] = [];
