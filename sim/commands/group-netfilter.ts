import type { CommandModule } from '../shell/process.ts';
import { iptablesCommand } from './iptables/index.ts';
import { iptablesSaveCommand } from './iptables-save/index.ts';
import { iptablesRestoreCommand } from './iptables-restore/index.ts';
import { conntrackCommand } from './conntrack/index.ts';
import { dmesgCommand } from './dmesg/index.ts';
import { ip6tablesCommand, ip6tablesSaveCommand } from './ip6tables/index.ts';
import '../kernel/netfilter/index.ts';

/** Commands of the netfilter group; see registry.ts. */
export const netfilterCommands: CommandModule[] = [
  iptablesCommand,
  iptablesSaveCommand,
  iptablesRestoreCommand,
  conntrackCommand,
  dmesgCommand,
  ip6tablesCommand,
  ip6tablesSaveCommand,
];
