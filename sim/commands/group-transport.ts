import type { CommandModule } from '../shell/process.ts';
import { ncCommand } from './nc/nc.ts';

/** Commands of the transport group (network clients and servers); see registry.ts. */
export const transportCommands: CommandModule[] = [ncCommand];
