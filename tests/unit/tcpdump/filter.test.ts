import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../../sim/commands/tcpdump/filter-parse.ts';
import { matchFilter } from '../../../sim/commands/tcpdump/filter-match.ts';
import type { Ipv4Packet } from '../../../sim/kernel/packet.ts';

const hosts: Record<string, string> = { localhost: '127.0.0.1', web: '10.0.0.2' };
const resolve = (n: string) => hosts[n];

const ETH = { src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02' };
function ip(src: string, dst: string, l4: Ipv4Packet['l4']) {
  return { ...ETH, payload: { type: 'ipv4' as const, ip: { src, dst, ttl: 64, tos: 0, id: 1, df: true, l4 } } };
}
const echo = ip('10.0.0.1', '10.0.0.2', { proto: 'icmp', icmp: { type: 8, code: 0, id: 1, seq: 1, dataLen: 56 } });
const reply = ip('10.0.0.2', '10.0.0.1', { proto: 'icmp', icmp: { type: 0, code: 0, id: 1, seq: 1, dataLen: 56 } });
const udp = ip('10.0.0.1', '192.168.1.9', { proto: 'udp', udp: { sport: 4003, dport: 5000, data: 'hi\n' } });
const syn = ip('10.0.0.1', '10.0.0.2', {
  proto: 'tcp', tcp: { sport: 4000, dport: 80, seq: 1, ack: 0, flags: { syn: true }, window: 64240, data: '', headerLen: 40 },
});
const arp = {
  src: '02:00:00:00:00:01', dst: 'ff:ff:ff:ff:ff:ff',
  payload: { type: 'arp' as const, arp: { op: 'request' as const, senderMac: '02:00:00:00:00:01', senderIp: '10.0.0.1', targetMac: '00:00:00:00:00:00', targetIp: '10.0.0.2' } },
};
const frames = { echo, reply, udp, syn, arp };

/** Names of the frames a filter lets through. */
function passing(expr: string): string[] {
  const r = parseFilter(expr, resolve);
  if (!r.ok) throw new Error(r.message);
  return Object.entries(frames).filter(([, f]) => matchFilter(r.node, f)).map(([n]) => n);
}

describe('tcpdump filter expressions', () => {
  it.each([
    ['', ['echo', 'reply', 'udp', 'syn', 'arp']],
    ['icmp', ['echo', 'reply']],
    ['tcp', ['syn']],
    ['udp or arp', ['udp', 'arp']],
    ['host 10.0.0.2', ['echo', 'reply', 'syn', 'arp']],
    ['ip host 10.0.0.2', ['echo', 'reply', 'syn']],
    ['arp host 10.0.0.2', ['arp']],
    ['src host 10.0.0.2', ['reply']],
    ['dst 10.0.0.2 and not arp', ['echo', 'syn']],
    ['src or dst host web and icmp', ['echo', 'reply']],
    ['net 192.168.0.0/16', ['udp']],
    ['net 192.168 or net 10.0.0.0 mask 255.255.255.0', ['echo', 'reply', 'udp', 'syn', 'arp']],
    ['host 10.0.0.9 or 10.0.0.2', ['echo', 'reply', 'syn', 'arp']],
    ['src host 10.0.0.9 or 10.0.0.2', ['reply']],
    ['port 80', ['syn']],
    ['dst port 5000', ['udp']],
    ['udp port 80', []],
    ['port http or portrange 4990-5010', ['udp', 'syn']],
    ['not (icmp or tcp)', ['udp', 'arp']],
    ['! icmp && ! udp', ['syn', 'arp']],
    ['icmp or udp and not dst 10.0.0.2', ['reply', 'udp']],
    ['ether dst ff:ff:ff:ff:ff:ff', ['arp']],
    ['broadcast', ['arp']],
    ['less 60', ['udp', 'arp']],
    ['greater 90', ['echo', 'reply']],
    ['host (10.0.0.1 and 10.0.0.2)', ['echo', 'reply', 'syn', 'arp']],
  ])('%s', (expr, expected) => {
    // and/or share one precedence and group left to right, as in libpcap.
    expect(passing(expr)).toEqual(expected);
  });

  it.each([
    ['tcp and', "can't parse filter expression: syntax error"],
    ['host', "can't parse filter expression: syntax error"],
    ['foo', "can't parse filter expression: syntax error"],
    ['10.0.0.1', "can't parse filter expression: syntax error"],
    ['(port 80', "can't parse filter expression: syntax error"],
    ['src host 10.0.0.1 )', "can't parse filter expression: syntax error"],
    ['tcp or 80', 'syntax error in filter expression'],
    ['port 99999', 'illegal port number 99999 > 65535'],
    ['port nosuch', "unknown port 'nosuch'"],
    ['host nosuch', "unknown host 'nosuch'"],
    ['net 10.0.0.1/24', 'non-network bits set in "10.0.0.1/24"'],
    ['net 10.0.0.0/33', 'mask length must be <= 32'],
    ['host 300.1.1.1', "invalid IPv4 address '300.1.1.1'"],
    ['icmp port 80', "illegal qualifier of 'port'"],
    ['ether host 1.2.3.4', 'illegal link layer address'],
    ['tcp host 10.0.0.1', "'tcp' modifier applied to host"],
    ['host 10.0.0.0/8', 'Mask syntax for networks only'],
  ])('refuses %s', (expr, message) => {
    expect(parseFilter(expr, resolve)).toEqual({ ok: false, message });
  });
});
