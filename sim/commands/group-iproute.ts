import type { CommandModule } from '../shell/process.ts';

/** Commands of the iproute group; see registry.ts. */
export const iprouteCommands: CommandModule[] = [];
