/**
 * `ss -s`: the counts ss reads from /proc/net/sockstat, sockstat6 and snmp. "Total" (sockets
 * in use), the per-protocol "inuse" counts, time-wait sockets and CurrEstab are counted per
 * network namespace; allocated and orphaned TCP sockets are machine-wide counters, so the
 * first "TCP:" figures include the sockets of every namespace. The lab has no raw sockets
 * and no fragments queued, so those rows are 0; AF_INET6 sockets count under IPv6.
 */
import type { Netns } from '../../kernel/types.ts';
import type { Sock } from '../../kernel/transport/types.ts';
import { nsSockets } from '../../kernel/transport/table.ts';
import { isMini, isTimewaitSock } from './details.ts';

/** A full socket: one that sk_alloc counted (not a timewait or request socket). */
const isFull = (s: Sock): boolean => !isMini(s);

const col = (n: number) => String(n).padEnd(9);

/** The summary for namespace `ns`, given every namespace of the machine. */
export function summary(ns: Netns, all: Netns[]): string {
  const mine = nsSockets(ns).socks.filter((s) => s.bound);
  const fullTcp = (socks: Sock[]) => socks.filter((s) => s.proto === 'tcp' && isFull(s));
  const everywhere = all.flatMap((n) => nsSockets(n).socks.filter((s) => s.bound));
  const alloc = fullTcp(everywhere).length;
  const orphans = fullTcp(everywhere).filter((s) => s.orphan).length;
  const tw = mine.filter(isTimewaitSock).length;
  const v6 = (s: Sock) => s.family === 6;
  const tcp4 = fullTcp(mine).filter((s) => !v6(s)).length;
  const tcp6 = fullTcp(mine).filter(v6).length;
  const udp4 = mine.filter((s) => s.proto === 'udp' && !v6(s)).length;
  const udp6 = mine.filter((s) => s.proto === 'udp' && v6(s)).length;
  const estab = mine.filter((s) => s.proto === 'tcp' && (s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT')).length;
  const used = mine.filter(isFull).length;
  const row = (name: string, v4: number, v6n: number) => `${name}\t  ${col(v4 + v6n)} ${col(v4)} ${col(v6n)}\n`;
  return (
    `Total: ${used}\n` +
    `TCP:   ${alloc + tw} (estab ${estab}, closed ${alloc - (tcp4 + tcp6 - tw)}, orphaned ${orphans}, timewait ${tw})\n` +
    '\n' +
    'Transport Total     IP        IPv6\n' +
    row('RAW', 0, 0) +
    row('UDP', udp4, udp6) +
    row('TCP', tcp4, tcp6) +
    row('INET', udp4 + tcp4, udp6 + tcp6) +
    row('FRAG', 0, 0) +
    '\n'
  );
}
