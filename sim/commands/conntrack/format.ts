/** One conntrack entry as `conntrack -L` (conntrack-tools 1.4.7) prints it. */
import type { Conn, Tuple } from '../../kernel/netfilter/conntrack.ts';

const PROTO_NUM = { tcp: 6, udp: 17, icmp: 1 } as const;

function tupleText(t: Tuple): string {
  if (t.proto === 'icmp') return `src=${t.src} dst=${t.dst} type=${t.dport} code=${t.code ?? 0} id=${t.sport} `;
  return `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport} `;
}

/** `packets=N bytes=M ` after a tuple when the entry carries counters (nf_conntrack_acct). */
function counterText(c: Conn, dir: 'original' | 'reply'): string {
  const k = c.acct?.[dir];
  return k ? `packets=${k.packets} bytes=${k.bytes} ` : '';
}

/**
 * `tcp      6 118 TIME_WAIT src=... [UNREPLIED] src=... [ASSURED] mark=0 use=1`. The
 * remaining time is whole seconds rounded down; the kernel's jiffies have always moved on a
 * little since the last packet, so an entry is never shown with its full timeout.
 */
export function formatConn(c: Conn, now: number, extended: boolean): string {
  const secs = Math.max(0, Math.floor((c.expires - now - 1) / 1000));
  let s = extended ? 'ipv4     2 ' : '';
  s += `${c.orig.proto.padEnd(8)} ${PROTO_NUM[c.orig.proto]} ${secs} `;
  if (c.tcpState) s += `${c.tcpState} `;
  s += tupleText(c.orig) + counterText(c, 'original');
  if (!c.seenReply) s += '[UNREPLIED] ';
  s += tupleText(c.reply) + counterText(c, 'reply');
  if (c.assured) s += '[ASSURED] ';
  s += `mark=${c.mark} use=1`;
  return s;
}
