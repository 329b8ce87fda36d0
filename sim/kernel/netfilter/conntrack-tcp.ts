/**
 * The TCP part of connection tracking: the kernel's transition table (tcp_conntracks in
 * nf_conntrack_proto_tcp.c), indexed by direction, the packet's flag class and the current
 * state, and the per-state timeouts read from the namespace's nf_conntrack_tcp_timeout_*
 * sysctls. Sequence-window tracking is not modelled beyond recognising a retransmitted SYN.
 */
import type { TcpFlags } from '../packet.ts';

export type TcpCtState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE' | 'SYN_SENT2';

/** What a transition yields besides a state: the packet is invalid, or ignored. */
export type TcpNext = TcpCtState | 'INVALID' | 'IGNORE';

type Col = 'NONE' | TcpCtState;
type FlagClass = 'syn' | 'synack' | 'fin' | 'ack' | 'rst' | 'none';

const COLS: Col[] = ['NONE', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'SYN_SENT2'];
const ABBR: Record<string, TcpNext> = {
  SS: 'SYN_SENT', SR: 'SYN_RECV', ES: 'ESTABLISHED', FW: 'FIN_WAIT', CW: 'CLOSE_WAIT', LA: 'LAST_ACK', TW: 'TIME_WAIT',
  CL: 'CLOSE', S2: 'SYN_SENT2', IV: 'INVALID', IG: 'IGNORE',
};

/** Rows in the kernel's column order: NO SS SR ES FW CW LA TW CL S2. */
const TABLE: Record<'original' | 'reply', Record<FlagClass, string>> = {
  original: {
    syn: 'SS SS IG IG IG IG IG SS SS S2',
    synack: 'IV IV IG IG IG IG IG IG IG SR',
    fin: 'IV IV FW FW LA LA LA TW CL IV',
    ack: 'ES IV ES ES CW CW TW TW CL IV',
    rst: 'IV CL CL CL CL CL CL CL CL CL',
    none: 'IV IV IV IV IV IV IV IV IV IV',
  },
  reply: {
    syn: 'IV S2 IV IV IV IV IV IV IV S2',
    synack: 'IV SR IG IG IG IG IG IG IG SR',
    fin: 'IV IV FW FW LA LA LA TW CL IV',
    ack: 'IV IG SR ES CW CW TW TW CL IG',
    rst: 'IV CL CL CL CL CL CL CL CL CL',
    none: 'IV IV IV IV IV IV IV IV IV IV',
  },
};

/** The flag class the kernel indexes by (get_conntrack_index): RST wins, then SYN, FIN, ACK. */
export function flagClass(f: TcpFlags): FlagClass {
  if (f.rst) return 'rst';
  if (f.syn) return f.ack ? 'synack' : 'syn';
  if (f.fin) return 'fin';
  if (f.ack) return 'ack';
  return 'none';
}

/** The table's answer for a packet with flags `f` travelling `dir` in state `s` (undefined: none yet). */
export function tcpTransition(s: TcpCtState | undefined, dir: 'original' | 'reply', f: TcpFlags): TcpNext {
  const row = TABLE[dir][flagClass(f)].split(' ');
  return ABBR[row[COLS.indexOf(s ?? 'NONE')]];
}

/** The sysctl suffix of each state's timeout; SYN_SENT2 has none (a fixed 2 minutes). */
const SYSCTL: Partial<Record<TcpCtState, string>> = {
  SYN_SENT: 'syn_sent', SYN_RECV: 'syn_recv', ESTABLISHED: 'established', FIN_WAIT: 'fin_wait', CLOSE_WAIT: 'close_wait',
  LAST_ACK: 'last_ack', TIME_WAIT: 'time_wait', CLOSE: 'close',
};
const DEFAULTS: Record<TcpCtState, number> = {
  SYN_SENT: 120, SYN_RECV: 60, ESTABLISHED: 432000, FIN_WAIT: 120, CLOSE_WAIT: 60, LAST_ACK: 30, TIME_WAIT: 120, CLOSE: 10, SYN_SENT2: 120,
};

/** Seconds an entry in state `s` lives after a packet, from net.netfilter.nf_conntrack_tcp_timeout_*. */
export function tcpTimeout(sysctl: Map<string, string>, s: TcpCtState): number {
  const name = SYSCTL[s];
  const v = name ? Number(sysctl.get(`net.netfilter.nf_conntrack_tcp_timeout_${name}`) ?? NaN) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : DEFAULTS[s];
}
