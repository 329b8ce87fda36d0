/**
 * ICMP errors about packets a socket sent (tcp_v4_err, __udp4_lib_err). A connection still
 * in its handshake fails at once with the error's errno; an established one only remembers it
 * as a soft error; a connected UDP socket gets the hard errors (port unreachable:
 * ECONNREFUSED) on its next call; unconnected UDP sockets hear nothing.
 */
import type { Netns } from '../types.ts';
import type { Ipv4Packet } from '../packet.ts';
import type { SockErrno, TransportEnv } from './env.ts';
import { lookupConnection, lookupUdp } from './table.ts';
import { destroySock } from './sock.ts';

/** icmp_err_convert[]: errno and whether the error is "hard", by destination-unreachable code. */
const UNREACH: [SockErrno, boolean][] = [
  ['ENETUNREACH', false], ['EHOSTUNREACH', false], ['ENOPROTOOPT', true], ['ECONNREFUSED', true],
  ['EMSGSIZE', false], ['EOPNOTSUPP', false], ['ENETUNREACH', true], ['EHOSTDOWN', true],
  ['ENONET', true], ['ENETUNREACH', true], ['EHOSTUNREACH', true], ['ENETUNREACH', false],
  ['EHOSTUNREACH', false], ['EHOSTUNREACH', true], ['EHOSTUNREACH', true], ['EHOSTUNREACH', true],
];

/** The errno an ICMP error maps to, or undefined for messages sockets ignore. */
export function icmpErrno(type: number, code: number): { errno: SockErrno; hard: boolean } | undefined {
  if (type === 3) {
    if (code === 4) return undefined; // fragmentation needed: path MTU, not an error
    const e = UNREACH[code];
    return e ? { errno: e[0], hard: e[1] } : { errno: 'EHOSTUNREACH', hard: false };
  }
  if (type === 11) return { errno: 'EHOSTUNREACH', hard: false };
  if (type === 12) return { errno: 'EPROTO', hard: true };
  return undefined;
}

/** Hands an ICMP error (the whole ICMP packet, with the offending packet inside) to its socket. */
export function icmpErrorReceive(env: TransportEnv, ns: Netns, icmpPkt: Ipv4Packet): void {
  if (icmpPkt.l4.proto !== 'icmp') return;
  const m = icmpPkt.l4.icmp;
  const inner = m.inner;
  if (!inner) return;
  const conv = icmpErrno(m.type, m.code);
  if (!conv) return;
  if (inner.l4.proto === 'tcp') {
    const t = inner.l4.tcp;
    const s = lookupConnection(ns, 'tcp', inner.dst, t.dport, inner.src, t.sport);
    if (!s) return;
    if (s.state === 'SYN_SENT') {
      s.error = conv.errno;
      destroySock(env, s);
    } else if (s.state === 'SYN_RECV') {
      destroySock(env, s);
    } else {
      s.softError = conv.errno;
    }
  } else if (inner.l4.proto === 'udp') {
    const u = inner.l4.udp;
    const s = lookupUdp(ns, inner.dst, u.dport, inner.src, u.sport);
    if (!s || !s.connected || !conv.hard) return;
    s.error = conv.errno;
  }
}
