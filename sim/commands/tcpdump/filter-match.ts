/**
 * Evaluates a parsed filter on a captured frame, the way the BPF program libpcap compiles
 * would: `host` matches IPv4 source/destination and ARP sender/target addresses (unless a
 * protocol narrows it), `port` matches TCP, UDP and SCTP ports, protocol names match the
 * frame's protocol, `less`/`greater` compare the frame length.
 */
import type { Frame } from '../../kernel/datapath/frame.ts';
import { frameLength, isGroupMac } from '../../kernel/datapath/frame.ts';
import type { Dir, FilterNode } from './filter-parse.ts';

type Captured = Omit<Frame, 'skb'>;

function ipNum(s: string): number {
  const p = s.split('.').map(Number);
  return (((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0);
}

function dirMatch(dir: Dir, src: boolean, dst: boolean): boolean {
  switch (dir) {
    case 'src': return src;
    case 'dst': return dst;
    case 'src or dst': return src || dst;
    case 'src and dst': return src && dst;
  }
}

/** True when the frame passes the filter (an empty filter passes everything). */
export function matchFilter(node: FilterNode | undefined, f: Captured): boolean {
  if (!node) return true;
  const pl = f.payload;
  switch (node.k) {
    case 'and': return matchFilter(node.a, f) && matchFilter(node.b, f);
    case 'or': return matchFilter(node.a, f) || matchFilter(node.b, f);
    case 'not': return !matchFilter(node.a, f);
    case 'proto':
      switch (node.proto) {
        case 'ip': return pl.type === 'ipv4';
        case 'ip6': return pl.type === 'ipv6';
        case 'arp': return pl.type === 'arp';
        case 'tcp': case 'udp': case 'icmp': return pl.type === 'ipv4' && pl.ip.l4.proto === node.proto;
        case 'icmp6': return pl.type === 'ipv6';
        default: return false;
      }
    case 'host': {
      const inNet = (a: string) => ((ipNum(a) & node.mask) >>> 0) === ((node.addr & node.mask) >>> 0);
      if (pl.type === 'ipv4' && (node.proto === undefined || node.proto === 'ip')) {
        return dirMatch(node.dir, inNet(pl.ip.src), inNet(pl.ip.dst));
      }
      if (pl.type === 'arp' && (node.proto === undefined || node.proto === 'arp')) {
        return dirMatch(node.dir, inNet(pl.arp.senderIp), inNet(pl.arp.targetIp));
      }
      return false;
    }
    case 'ehost':
      return dirMatch(node.dir, f.src === node.mac, f.dst === node.mac);
    case 'port': {
      if (pl.type !== 'ipv4') return false;
      const l4 = pl.ip.l4;
      if (l4.proto === 'icmp' || (node.proto && node.proto !== l4.proto)) return false;
      const ports = l4.proto === 'tcp' ? l4.tcp : l4.udp;
      const inRange = (p: number) => p >= node.lo && p <= node.hi;
      return dirMatch(node.dir, inRange(ports.sport), inRange(ports.dport));
    }
    case 'bcast': return f.dst === 'ff:ff:ff:ff:ff:ff';
    case 'mcast': return isGroupMac(f.dst);
    case 'len': {
      const len = frameLength({ ...f, skb: { traceId: 0, mark: 0 } });
      return node.op === 'le' ? len <= node.n : len >= node.n;
    }
  }
}
