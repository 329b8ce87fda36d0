/** MARK: sets the packet mark (`--set-mark V[/M]`, `--set-xmark V[/M]`) and continues. */
import { registerTarget } from '../ext.ts';

function num(s: string): number | undefined {
  const v = /^0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : /^\d+$/.test(s) ? Number(s) : NaN;
  return Number.isFinite(v) && v <= 0xffffffff ? v : undefined;
}

const hex = (v: number) => `0x${v.toString(16)}`;

registerTarget({
  name: 'MARK',
  options: { 'set-mark': { arg: true }, 'set-xmark': { arg: true } },
  init: () => ({}),
  parse(d, opt, arg) {
    const [a, b] = (arg ?? '').split('/');
    const v = num(a), m = b === undefined ? 0xffffffff : num(b);
    if (v === undefined || m === undefined) return `Bad MARK value "${arg}"`;
    // --set-mark V/M is --set-xmark V/(M|V) (zero the masked bits, then xor in V).
    d.value = v;
    d.mask = opt === 'set-mark' ? (m | v) >>> 0 : m;
    return undefined;
  },
  final: (d) => (d.value === undefined ? 'MARK target: Parameter --set/and/or/xor-mark is required' : undefined),
  save: (d) => ` --set-xmark ${hex(d.value as number)}/${hex(d.mask as number)}`,
  list: (d) => ((d.mask as number) === 0xffffffff ? ` MARK set ${hex(d.value as number)}` : ` MARK xset ${hex(d.value as number)}/${hex(d.mask as number)}`),
  run(d, ctx) {
    ctx.skb.mark = ((ctx.skb.mark & ~(d.mask as number)) ^ (d.value as number)) >>> 0;
    return 'CONTINUE';
  },
});
