/** Small matches: comment, mark, physdev. */
import { registerMatch } from '../ext.ts';
import { saveString } from './quote.ts';

registerMatch({
  name: 'comment',
  options: { comment: { arg: true } },
  init: () => ({}),
  parse(d, _o, arg) {
    d.comment = arg ?? '';
    return undefined;
  },
  final: (d) => (d.comment === undefined ? 'comment: option "--comment" must be specified' : undefined),
  save: (d) => ` --comment${saveString(d.comment as string)}`,
  list: (d) => ` /* ${d.comment as string} */`,
  compile: () => () => true,
});

function parseNum(s: string): number | undefined {
  const v = /^0x[0-9a-f]+$/i.test(s) ? parseInt(s, 16) : /^\d+$/.test(s) ? Number(s) : NaN;
  return Number.isFinite(v) && v <= 0xffffffff ? v : undefined;
}

const hex = (v: number) => `0x${v.toString(16)}`;

registerMatch({
  name: 'mark',
  options: { mark: { arg: true } },
  init: () => ({}),
  parse(d, _o, arg, inv) {
    const [v, m] = (arg ?? '').split('/');
    const value = parseNum(v), mask = m === undefined ? 0xffffffff : parseNum(m);
    if (value === undefined || mask === undefined) return `Bad MARK value "${arg}"`;
    Object.assign(d, { value, mask, inv });
    return undefined;
  },
  save(d) {
    const m = d.mask as number;
    return `${d.inv ? ' !' : ''} --mark ${hex(d.value as number)}${m === 0xffffffff ? '' : `/${hex(m)}`}`;
  },
  list(d) {
    const m = d.mask as number;
    return ` mark match ${d.inv ? '! ' : ''}${hex(d.value as number)}${m === 0xffffffff ? '' : `/${hex(m)}`}`;
  },
  compile(d) {
    const value = d.value as number, mask = d.mask as number, inv = d.inv as boolean;
    return (c) => ((((c.skb.mark & mask) >>> 0) === value) !== inv);
  },
});

/** Interface name test with iptables' `+` wildcard. */
export function ifaceMatches(pattern: string, name: string | undefined): boolean {
  if (name === undefined) return false;
  return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

const PHYS = ['physdev-is-in', 'physdev-in', 'physdev-is-out', 'physdev-out', 'physdev-is-bridged'] as const;

registerMatch({
  name: 'physdev',
  options: {
    'physdev-in': { arg: true }, 'physdev-out': { arg: true }, 'physdev-is-in': { arg: false },
    'physdev-is-out': { arg: false }, 'physdev-is-bridged': { arg: false },
  },
  init: () => ({}),
  parse(d, opt, arg, inv) {
    d[opt] = { name: arg, inv };
    return undefined;
  },
  final: (d) => (Object.keys(d).length ? undefined : 'PHYSDEV: no physdev option specified'),
  save(d) {
    let s = '';
    for (const o of PHYS) {
      const v = d[o] as { name?: string; inv: boolean } | undefined;
      if (v) s += `${v.inv ? ' !' : ''} --${o}${v.name !== undefined ? ` ${v.name}` : ''}`;
    }
    return s;
  },
  list(d) {
    return ' PHYSDEV match' + this.save(d);
  },
  compile(d) {
    const tests = PHYS.filter((o) => d[o]).map((o) => [o, d[o] as { name?: string; inv: boolean }] as const);
    return (c) => {
      for (const [o, v] of tests) {
        let hit: boolean;
        if (o === 'physdev-in') hit = ifaceMatches(v.name!, c.skb.physIn);
        else if (o === 'physdev-out') hit = ifaceMatches(v.name!, c.skb.physOut);
        else if (o === 'physdev-is-in') hit = c.skb.physIn !== undefined;
        else if (o === 'physdev-is-out') hit = c.skb.physOut !== undefined;
        else hit = c.skb.physOut !== undefined;
        if (hit === v.inv) return false;
      }
      return true;
    };
  },
});
