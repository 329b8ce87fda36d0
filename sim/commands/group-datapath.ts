import type { CommandModule } from '../shell/process.ts';

/** Commands of the datapath group; see registry.ts. */
export const datapathCommands: CommandModule[] = [];
