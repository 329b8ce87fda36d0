import type { CommandModule } from '../shell/process.ts';
import { ipCommand } from './ip/index.ts';
import { bridgeCommand } from './bridge/index.ts';
import { brctlCommand } from './brctl/index.ts';
import { sysctlCommand } from './sysctl/index.ts';
import { ifconfigCommand } from './ifconfig/index.ts';
import { nettoolsCommands } from './nettools/index.ts';

/** Commands of the iproute group (ip, bridge, brctl, sysctl, ifconfig, route, arp, netstat); see registry.ts. */
export const iprouteCommands: CommandModule[] = [ipCommand, bridgeCommand, brctlCommand, sysctlCommand, ifconfigCommand, ...nettoolsCommands];
