import type { CommandModule } from '../../shell/process.ts';
import { ping } from './ping.ts';
import { busyboxPing } from './busybox.ts';
import { isBusybox } from '../../programs/userland.ts';

/** `ping` (and `ping4`): iputils on the host, the BusyBox applet inside Alpine/BusyBox containers. */
export const pingCommand: CommandModule = {
  name: 'ping',
  aliases: ['ping4'],
  run: (ctx) => (isBusybox(ctx) ? busyboxPing(ctx) : ping(ctx)),
  complete: () => ['-c', '-i', '-I', '-n', '-q', '-s', '-t', '-w', '-W', '-4', '-b'],
};
