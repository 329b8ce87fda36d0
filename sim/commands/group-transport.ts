import type { CommandModule } from '../shell/process.ts';
import { ncCommand } from './nc/nc.ts';
import { curlCommand } from './curl/curl.ts';
import { wgetCommand } from './wget/wget.ts';
import { ssCommand } from './ss/index.ts';

/** Commands of the transport group (network clients and servers); see registry.ts. */
export const transportCommands: CommandModule[] = [ncCommand, curlCommand, wgetCommand, ssCommand];
