/**
 * What ping prints: reply lines, ICMP error lines (pr_icmph's texts) and the statistics block
 * of iputils' finish(), byte for byte.
 */

/** Round-trip time as iputils formats it (microseconds in). */
export function formatRtt(us: number): string {
  if (us >= 100000 - 50) return `${Math.trunc((us + 500) / 1000)}`;
  if (us >= 10000 - 5) return `${Math.trunc((us + 50) / 1000)}.${Math.trunc(((us + 50) % 1000) / 100)}`;
  if (us >= 1000) return `${Math.trunc((us + 5) / 1000)}.${String(Math.trunc(((us + 5) % 1000) / 10)).padStart(2, '0')}`;
  return `${Math.trunc(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

const UNREACH: Record<number, string> = {
  0: 'Destination Net Unreachable',
  1: 'Destination Host Unreachable',
  2: 'Destination Protocol Unreachable',
  3: 'Destination Port Unreachable',
  5: 'Source Route Failed',
  6: 'Destination Net Unknown',
  7: 'Destination Host Unknown',
  8: 'Source Host Isolated',
  9: 'Destination Net Prohibited',
  10: 'Destination Host Prohibited',
  11: 'Destination Net Unreachable for Type of Service',
  12: 'Destination Host Unreachable for Type of Service',
  13: 'Packet filtered',
  14: 'Precedence Violation',
  15: 'Precedence Cutoff',
};

/** pr_icmph: the description of an ICMP error, with its newline. */
export function icmpText(type: number, code: number, mtu?: number): string {
  switch (type) {
    case 3:
      if (code === 4) return `Frag needed and DF set (mtu = ${mtu ?? 0})\n`;
      return `${UNREACH[code] ?? `Dest Unreachable, Bad Code: ${code}`}\n`;
    case 4:
      return 'Source Quench\n';
    case 11:
      return code === 0 ? 'Time to live exceeded\n' : code === 1 ? 'Frag reassembly time exceeded\n' : `Time exceeded, Bad Code: ${code}\n`;
    case 12:
      return 'Parameter problem: pointer = 0\n';
    default:
      return `Bad ICMP type: ${type}\n`;
  }
}

export interface PingStats {
  hostname: string;
  transmitted: number;
  received: number;
  repeats: number;
  errors: number;
  /** Milliseconds from the first to the last probe (iputils' "time"). */
  elapsedMs: number;
  timing: boolean;
  /** Round-trip times of the replies, microseconds. */
  rtts: number[];
  pipesize: number;
}

/** The block finish() prints, starting with its empty line. */
export function formatStats(s: PingStats): string {
  let out = `\n--- ${s.hostname} ping statistics ---\n`;
  out += `${s.transmitted} packets transmitted, ${s.received} received`;
  if (s.repeats) out += `, +${s.repeats} duplicates`;
  if (s.errors) out += `, +${s.errors} errors`;
  if (s.transmitted) {
    const loss = ((s.transmitted - s.received) * 100) / s.transmitted;
    out += `, ${formatG(loss)}% packet loss, time ${Math.round(s.elapsedMs)}ms`;
  }
  out += '\n';
  let comma = '';
  if (s.received && s.timing && s.rtts.length) {
    const total = s.rtts.length;
    const tsum = s.rtts.reduce((a, b) => a + b, 0);
    const tsum2 = s.rtts.reduce((a, b) => a + b * b, 0);
    const tmin = Math.min(...s.rtts);
    const tmax = Math.max(...s.rtts);
    const tavg = Math.trunc(tsum / total);
    const tmdev = Math.trunc(Math.sqrt(Math.max(0, Math.trunc((tsum2 - (tsum * tsum) / total) / total))));
    const f = (us: number) => `${Math.trunc(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
    out += `rtt min/avg/max/mdev = ${f(tmin)}/${f(tavg)}/${f(tmax)}/${f(tmdev)} ms`;
    comma = ', ';
  }
  if (s.pipesize > 1) out += `${comma}pipe ${s.pipesize}`;
  return out + '\n';
}

/** printf("%g") for a loss percentage (6 significant digits, no trailing zeros). */
export function formatG(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}
