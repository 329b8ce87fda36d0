import type { CommandModule } from '../../shell/process.ts';
import { tcpdump } from './tcpdump.ts';

/** `tcpdump`: prints the packets crossing a device of the process's namespace. */
export const tcpdumpCommand: CommandModule = {
  name: 'tcpdump',
  run: tcpdump,
  complete: () => ['-i', '-n', '-e', '-v', '-c', '-l', '-t', '-S', '-D', 'host', 'net', 'port', 'src', 'dst', 'icmp', 'tcp', 'udp', 'arp'],
};
