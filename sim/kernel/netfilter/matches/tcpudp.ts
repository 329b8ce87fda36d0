/** The tcp and udp matches (`-p tcp --dport 80`, `--syn`, `--tcp-flags`). */
import { registerMatch, type MatchExt } from '../ext.ts';
import { inRange, listPorts, parsePortRange, savePorts, type PortRange } from './ports.ts';

const FLAG_BITS: [string, number][] = [
  ['FIN', 0x01], ['SYN', 0x02], ['RST', 0x04], ['PSH', 0x08], ['ACK', 0x10], ['URG', 0x20], ['ECE', 0x40], ['CWR', 0x80],
];

interface TcpFlagsMatch {
  mask: number;
  cmp: number;
  inv: boolean;
}

function parseFlags(s: string): number | undefined {
  if (s === 'ALL') return 0x3f;
  if (s === 'NONE') return 0;
  let v = 0;
  for (const part of s.split(',')) {
    const f = FLAG_BITS.find(([n]) => n === part);
    if (!f) {
      if (part === 'ALL') v |= 0x3f;
      else if (part === 'NONE') continue;
      else return undefined;
    } else v |= f[1];
  }
  return v;
}

function flagNames(v: number): string {
  if (v === 0) return 'NONE';
  return FLAG_BITS.filter(([, b]) => v & b).map(([n]) => n).join(',');
}

function hex(v: number): string {
  return `0x${v.toString(16).padStart(2, '0')}`;
}

function portMatch(proto: 'tcp' | 'udp'): MatchExt {
  const options: MatchExt['options'] = {
    sport: { arg: true }, 'source-port': { arg: true }, dport: { arg: true }, 'destination-port': { arg: true },
  };
  if (proto === 'tcp') Object.assign(options, { syn: { arg: false }, 'tcp-flags': { arg: true, extra: 1 } });
  return {
    name: proto,
    options,
    init: () => ({}),
    parse(d, opt, arg, inv) {
      if (opt === 'syn' || opt === 'tcp-flags') {
        if (d.flags) return "Only one of `--syn' or `--tcp-flags'  allowed";
        if (opt === 'syn') {
          d.flags = { mask: 0x17, cmp: 0x02, inv } satisfies TcpFlagsMatch;
          return undefined;
        }
        const [m, c] = (arg ?? '').split(' ');
        const mask = parseFlags(m), cmp = parseFlags(c ?? '');
        if (mask === undefined) return `Unknown TCP flag \`${m}'`;
        if (cmp === undefined) return `Unknown TCP flag \`${c}'`;
        d.flags = { mask, cmp, inv } satisfies TcpFlagsMatch;
        return undefined;
      }
      const key = opt === 'sport' || opt === 'source-port' ? 'sport' : 'dport';
      if (d[key]) return `Only one \`--${key === 'sport' ? 'source-port' : 'destination-port'}' allowed`;
      const r = parsePortRange(arg ?? '', proto, inv);
      if (typeof r === 'string') return r;
      d[key] = r;
      return undefined;
    },
    save(d) {
      let s = '';
      const sp = d.sport as PortRange | undefined, dp = d.dport as PortRange | undefined;
      if (sp) s += `${sp.inv ? ' !' : ''} --sport ${savePorts(sp)}`;
      if (dp) s += `${dp.inv ? ' !' : ''} --dport ${savePorts(dp)}`;
      const f = d.flags as TcpFlagsMatch | undefined;
      if (f) s += `${f.inv ? ' !' : ''} --tcp-flags ${flagNames(f.mask)} ${flagNames(f.cmp)}`;
      return s;
    },
    list(d, numeric) {
      let s = ` ${proto}`;
      if (d.sport) s += listPorts('spt', d.sport as PortRange, proto, numeric);
      if (d.dport) s += listPorts('dpt', d.dport as PortRange, proto, numeric);
      const f = d.flags as TcpFlagsMatch | undefined;
      if (f) {
        s += ` flags:${f.inv ? '!' : ''}`;
        s += numeric ? `${hex(f.mask)}/${hex(f.cmp)}` : `${flagNames(f.mask)}/${flagNames(f.cmp)}`;
      }
      return s;
    },
    compile(d) {
      const sp = d.sport as PortRange | undefined, dp = d.dport as PortRange | undefined;
      const f = d.flags as TcpFlagsMatch | undefined;
      return (c) => {
        const l4 = c.pkt.l4;
        if (l4.proto !== proto) return false;
        const h = l4.proto === 'tcp' ? l4.tcp : l4.proto === 'udp' ? l4.udp : undefined;
        if (!h) return false;
        if (sp && !inRange(h.sport, sp)) return false;
        if (dp && !inRange(h.dport, dp)) return false;
        if (f && l4.proto === 'tcp') {
          const fl = l4.tcp.flags;
          const bits = (fl.fin ? 1 : 0) | (fl.syn ? 2 : 0) | (fl.rst ? 4 : 0) | (fl.psh ? 8 : 0) | (fl.ack ? 16 : 0) | (fl.urg ? 32 : 0);
          if (((bits & f.mask) === f.cmp) === f.inv) return false;
        }
        return true;
      };
    },
  };
}

registerMatch(portMatch('tcp'));
registerMatch(portMatch('udp'));
