/** seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST: integer and decimal sequences, coreutils' messages. */
import type { CommandModule, ProcContext } from '../process.ts';

/** Upper bound on lines printed: an absurd range cannot exhaust memory. */
const MAX_ITEMS = 1_000_000;

function* seq(ctx: ProcContext) {
  let args = ctx.argv.slice(1);
  let sep = '\n';
  let width = false;
  while (args.length && /^-[sw]/.test(args[0])) {
    if (args[0] === '-w') width = true;
    else if (args[0] === '-s') {
      sep = args[1] ?? '';
      args = args.slice(1);
    } else sep = args[0].slice(2);
    args = args.slice(1);
  }
  if (!args.length) {
    ctx.err("seq: missing operand\nTry 'seq --help' for more information.\n");
    return 1;
  }
  if (args.length > 3) {
    ctx.err(`seq: extra operand ‘${args[3]}’\nTry 'seq --help' for more information.\n`);
    return 1;
  }
  const nums: number[] = [];
  for (const a of args) {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(a)) {
      ctx.err(`seq: invalid floating point argument: ‘${a}’\nTry 'seq --help' for more information.\n`);
      return 1;
    }
    nums.push(Number(a));
  }
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  if (step === 0) {
    ctx.err(`seq: invalid Zero increment value: ‘${args[1]}’\nTry 'seq --help' for more information.\n`);
    return 1;
  }
  const decimals = Math.max(...args.map((a) => (a.includes('.') ? a.split('.')[1].length : 0)));
  const items: string[] = [];
  for (let v = first; step > 0 ? v <= last + 1e-9 : v >= last - 1e-9; v += step) {
    items.push(v.toFixed(decimals));
    if (items.length >= MAX_ITEMS) break;
  }
  if (width) {
    const w = Math.max(...items.map((s) => s.length));
    for (let i = 0; i < items.length; i++) items[i] = items[i].padStart(w, '0');
  }
  if (items.length) ctx.out(items.join(sep) + '\n');
  return 0;
}

export const seqCommand: CommandModule = { name: 'seq', run: seq };
