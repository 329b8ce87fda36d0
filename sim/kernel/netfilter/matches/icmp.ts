/** The icmp match (`-p icmp --icmp-type echo-request`), with iptables' ICMP type names. */
import { registerMatch } from '../ext.ts';

/** [name, type, codeMin, codeMax] in libxt_icmp's order (names print by first match). */
const ICMP_TYPES: [string, number, number, number][] = [
  ['any', 0xff, 0, 0xff],
  ['echo-reply', 0, 0, 0xff],
  ['destination-unreachable', 3, 0, 0xff],
  ['network-unreachable', 3, 0, 0],
  ['host-unreachable', 3, 1, 1],
  ['protocol-unreachable', 3, 2, 2],
  ['port-unreachable', 3, 3, 3],
  ['fragmentation-needed', 3, 4, 4],
  ['source-route-failed', 3, 5, 5],
  ['network-unknown', 3, 6, 6],
  ['host-unknown', 3, 7, 7],
  ['network-prohibited', 3, 9, 9],
  ['host-prohibited', 3, 10, 10],
  ['TOS-network-unreachable', 3, 11, 11],
  ['TOS-host-unreachable', 3, 12, 12],
  ['communication-prohibited', 3, 13, 13],
  ['host-precedence-violation', 3, 14, 14],
  ['precedence-cutoff', 3, 15, 15],
  ['source-quench', 4, 0, 0xff],
  ['redirect', 5, 0, 0xff],
  ['network-redirect', 5, 0, 0],
  ['host-redirect', 5, 1, 1],
  ['TOS-network-redirect', 5, 2, 2],
  ['TOS-host-redirect', 5, 3, 3],
  ['echo-request', 8, 0, 0xff],
  ['router-advertisement', 9, 0, 0xff],
  ['router-solicitation', 10, 0, 0xff],
  ['time-exceeded', 11, 0, 0xff],
  ['ttl-zero-during-transit', 11, 0, 0],
  ['ttl-zero-during-reassembly', 11, 1, 1],
  ['parameter-problem', 12, 0, 0xff],
  ['ip-header-bad', 12, 0, 0],
  ['required-option-missing', 12, 1, 1],
  ['timestamp-request', 13, 0, 0xff],
  ['timestamp-reply', 14, 0, 0xff],
  ['address-mask-request', 17, 0, 0xff],
  ['address-mask-reply', 18, 0, 0xff],
];
const ALIASES: Record<string, string> = { pong: 'echo-reply', ping: 'echo-request', 'ttl-exceeded': 'time-exceeded' };

interface IcmpData {
  type: number;
  codeMin: number;
  codeMax: number;
  inv: boolean;
}

function parseType(s: string): Omit<IcmpData, 'inv'> | undefined {
  const name = ALIASES[s] ?? s;
  const named = ICMP_TYPES.filter(([n]) => n.startsWith(name));
  const exact = named.find(([n]) => n === name);
  if (exact || named.length === 1) {
    const [, type, codeMin, codeMax] = exact ?? named[0];
    return { type, codeMin, codeMax };
  }
  const m = /^(\d+)(?:\/(\d+))?$/.exec(s);
  if (!m) return undefined;
  const type = Number(m[1]);
  if (type > 255) return undefined;
  if (m[2] === undefined) return { type, codeMin: 0, codeMax: 0xff };
  const code = Number(m[2]);
  return code > 255 ? undefined : { type, codeMin: code, codeMax: code };
}

registerMatch({
  name: 'icmp',
  options: { 'icmp-type': { arg: true } },
  init: () => ({}),
  parse(d, _opt, arg, inv) {
    const t = parseType(arg ?? '');
    if (!t) return `Unknown ICMP type \`${arg}'`;
    Object.assign(d, t, { inv });
    return undefined;
  },
  save(d) {
    const x = d as unknown as IcmpData;
    if (x.type === undefined) return '';
    const inv = x.inv ? ' !' : '';
    if (x.type === 0xff && x.codeMin === 0 && x.codeMax === 0xff) return `${inv} --icmp-type any`;
    if (x.codeMin === 0 && x.codeMax === 0xff) return `${inv} --icmp-type ${x.type}`;
    return `${inv} --icmp-type ${x.type}/${x.codeMin}`;
  },
  list(d, numeric) {
    const x = d as unknown as IcmpData;
    if (x.type === undefined) return ' icmp';
    if (!numeric) {
      const n = ICMP_TYPES.find(([, t, a, b]) => t === x.type && a === x.codeMin && b === x.codeMax);
      if (n) return ` icmp ${x.inv ? '!' : ''}${n[0]}`;
    }
    let s = ` icmp${x.inv ? ' !' : ''}type ${x.type}`;
    if (x.codeMin === x.codeMax) s += ` code ${x.codeMin}`;
    else if (x.codeMin !== 0 || x.codeMax !== 0xff) s += ` codes ${x.codeMin}-${x.codeMax}`;
    return s;
  },
  compile(d) {
    const x = d as unknown as IcmpData;
    return (c) => {
      const l4 = c.pkt.l4;
      if (l4.proto !== 'icmp') return false;
      if (x.type === undefined) return true;
      const hit = x.type === 0xff || (l4.icmp.type === x.type && l4.icmp.code >= x.codeMin && l4.icmp.code <= x.codeMax);
      return hit !== x.inv;
    };
  },
});
