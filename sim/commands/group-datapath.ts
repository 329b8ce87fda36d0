import type { CommandModule } from '../shell/process.ts';
import { pingCommand } from './ping/index.ts';
import { tcpdumpCommand } from './tcpdump/index.ts';

/** Commands of the datapath group; see registry.ts. */
export const datapathCommands: CommandModule[] = [pingCommand, tcpdumpCommand];
