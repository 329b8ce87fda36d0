/**
 * Tokens of a pcap filter expression (libpcap's scanner, the part the lab needs): keywords,
 * numbers, dotted addresses (1 to 4 parts), MAC addresses, port ranges, names, parentheses,
 * `/` and the operators `!`, `&&`, `||`.
 */

export type TokKind = 'kw' | 'num' | 'hid' | 'eid' | 'range' | 'id' | '(' | ')' | '/' | 'not' | 'and' | 'or';

export interface Tok {
  kind: TokKind;
  text: string;
}

const KEYWORDS = new Set([
  'host', 'net', 'port', 'portrange', 'src', 'dst', 'ether', 'link', 'ip', 'ip6', 'arp', 'rarp', 'tcp', 'udp',
  'icmp', 'icmp6', 'sctp', 'igmp', 'mask', 'broadcast', 'multicast', 'less', 'greater', 'gateway', 'proto',
]);

/** Splits an expression into tokens; undefined when a character cannot start a token. */
export function lex(text: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '/') {
      out.push({ kind: c, text: c });
      i++;
      continue;
    }
    if (c === '!') {
      out.push({ kind: 'not', text: c });
      i++;
      continue;
    }
    if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      out.push({ kind: c === '&' ? 'and' : 'or', text: text.slice(i, i + 2) });
      i += 2;
      continue;
    }
    const m = /^[A-Za-z0-9_.:\-]+/.exec(text.slice(i));
    if (!m) return undefined;
    out.push(classify(m[0]));
    i += m[0].length;
  }
  return out;
}

function classify(w: string): Tok {
  const lower = w.toLowerCase();
  if (lower === 'and' || lower === 'or' || lower === 'not') return { kind: lower, text: w };
  if (KEYWORDS.has(lower)) return { kind: 'kw', text: lower };
  if (/^(0x[0-9a-f]+|[0-9]+)$/i.test(w)) return { kind: 'num', text: w };
  if (/^[0-9]+(\.[0-9]+){1,3}$/.test(w)) return { kind: 'hid', text: w };
  if (/^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i.test(w)) return { kind: 'eid', text: lower };
  if (/^[A-Za-z0-9_]+-[A-Za-z0-9_]+$/.test(w) && !/^[A-Za-z]/.test(w)) return { kind: 'range', text: w };
  return { kind: 'id', text: w };
}
