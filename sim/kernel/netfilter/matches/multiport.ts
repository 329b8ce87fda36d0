/** The multiport match (`--dports 22,80,443:445`): up to 15 ports, a range counting two. */
import { registerMatch } from '../ext.ts';
import { parsePortRange, portName, type PortRange } from './ports.ts';

interface MultiData {
  dir: 'sports' | 'dports' | 'ports';
  ranges: PortRange[];
  inv: boolean;
  proto: string;
}

const OPT_DIR: Record<string, MultiData['dir']> = {
  sports: 'sports', 'source-ports': 'sports', dports: 'dports', 'destination-ports': 'dports', ports: 'ports',
};

registerMatch({
  name: 'multiport',
  options: Object.fromEntries(Object.keys(OPT_DIR).map((o) => [o, { arg: true }])),
  init: () => ({}),
  parse(d, opt, arg, inv, st) {
    const proto = st.proto === 6 ? 'tcp' : st.proto === 17 ? 'udp' : st.proto === 136 ? 'udplite' : st.proto === 132 ? 'sctp' : st.proto === 33 ? 'dccp' : '';
    if (!proto || st.protoInv) return "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'";
    if (d.dir) return 'multiport can only have one option';
    const ranges: PortRange[] = [];
    let slots = 0;
    for (const part of (arg ?? '').split(',')) {
      const r = parsePortRange(part, proto === 'udplite' ? 'udp' : proto, false);
      if (typeof r === 'string') return r;
      slots += r.lo === r.hi ? 1 : 2;
      ranges.push(r);
    }
    if (slots > 15) return 'too many ports specified';
    Object.assign(d, { dir: OPT_DIR[opt], ranges, inv, proto } satisfies MultiData);
    return undefined;
  },
  final: (d) => (d.dir ? undefined : 'multiport expects an option'),
  save(d) {
    const x = d as unknown as MultiData;
    return `${x.inv ? ' !' : ''} --${x.dir} ${x.ranges.map((r) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}:${r.hi}`)).join(',')}`;
  },
  list(d, numeric) {
    const x = d as unknown as MultiData;
    const one = (p: number) => portName(p, x.proto, numeric);
    return ` multiport ${x.dir} ${x.inv ? ' !' : ''}${x.ranges.map((r) => (r.lo === r.hi ? one(r.lo) : `${one(r.lo)}:${one(r.hi)}`)).join(',')}`;
  },
  compile(d) {
    const x = d as unknown as MultiData;
    const inAny = (p: number) => x.ranges.some((r) => p >= r.lo && p <= r.hi);
    return (c) => {
      const l4 = c.pkt.l4;
      const h = l4.proto === 'tcp' ? l4.tcp : l4.proto === 'udp' ? l4.udp : undefined;
      if (!h) return false;
      const hit = x.dir === 'sports' ? inAny(h.sport) : x.dir === 'dports' ? inAny(h.dport) : inAny(h.sport) || inAny(h.dport);
      return hit !== x.inv;
    };
  },
});
