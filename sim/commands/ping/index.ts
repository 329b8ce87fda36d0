import type { CommandModule } from '../../shell/process.ts';
import { ping } from './ping.ts';

/** `ping` (and `ping4`), iputils flavour. */
export const pingCommand: CommandModule = {
  name: 'ping',
  aliases: ['ping4'],
  run: ping,
  complete: () => ['-c', '-i', '-I', '-n', '-q', '-s', '-t', '-w', '-W', '-4', '-b'],
};
