import type { CommandModule } from '../shell/process.ts';
import { ipCommand } from './ip/index.ts';

/** Commands of the iproute group; see registry.ts. */
export const iprouteCommands: CommandModule[] = [ipCommand];
