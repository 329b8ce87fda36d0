/**
 * `dmesg`: the kernel log (LOG target lines and whatever else the kernel logged), `-c` to
 * print and clear, `-C` to clear.
 */
import type { CommandModule, ProcContext } from '../../shell/process.ts';
import { kernelOf } from '../iptables/env.ts';

function* run(ctx: ProcContext): Generator<never, number, void> {
  const log = kernelOf(ctx).state.dmesg;
  const args = ctx.argv.slice(1);
  for (const a of args) {
    if (a !== '-c' && a !== '-C' && a !== '--read-clear' && a !== '--clear') {
      ctx.err(`dmesg: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'\nTry 'dmesg --help' for more information.\n`);
      return 1;
    }
  }
  if (!args.includes('-C') && !args.includes('--clear')) ctx.out(log.map((l) => `${l}\n`).join(''));
  if (args.length) log.length = 0;
  return 0;
}

export const dmesgCommand: CommandModule = { name: 'dmesg', run };
