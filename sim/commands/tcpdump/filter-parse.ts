/**
 * pcap filter expressions (libpcap 1.10's grammar, the part the lab needs) parsed into a tree:
 * primitives `[proto] [src|dst|src or dst|src and dst] [host|net|port|portrange] VALUE`,
 * protocol names alone (ip, ip6, arp, tcp, udp, icmp, ...), `broadcast`, `multicast`,
 * `less N`, `greater N`, combined with not/!, and/&&, or/|| and parentheses. As in libpcap,
 * `and` and `or` have the same precedence and group left to right, and a bare value after
 * and/or takes the qualifiers of the primitive before it ("host a or b").
 *
 * Errors carry libpcap's words: a grammar error is "can't parse filter expression: syntax
 * error", a meaning error its own message ("illegal port number 99999 > 65535").
 */
import { lex, type Tok } from './filter-lex.ts';
import { servicePort } from '../../kernel/netfilter/data/names.ts';

export type Dir = 'src' | 'dst' | 'src or dst' | 'src and dst';
export type ProtoName = 'ether' | 'ip' | 'ip6' | 'arp' | 'rarp' | 'tcp' | 'udp' | 'icmp' | 'icmp6' | 'sctp' | 'igmp';

export type FilterNode =
  | { k: 'and' | 'or'; a: FilterNode; b: FilterNode }
  | { k: 'not'; a: FilterNode }
  | { k: 'proto'; proto: ProtoName }
  | { k: 'host'; proto?: 'ip' | 'arp' | 'rarp'; dir: Dir; addr: number; mask: number }
  | { k: 'ehost'; dir: Dir; mac: string }
  | { k: 'port'; proto?: 'tcp' | 'udp' | 'sctp'; dir: Dir; lo: number; hi: number }
  | { k: 'bcast' }
  | { k: 'mcast' }
  | { k: 'len'; op: 'le' | 'ge'; n: number };

export type ParseResult = { ok: true; node: FilterNode | undefined } | { ok: false; message: string };

/** Looks a host name up (/etc/hosts); undefined when unknown. */
export type HostResolver = (name: string) => string | undefined;

interface Qual {
  proto?: ProtoName;
  dir?: Dir;
  addr?: 'host' | 'net' | 'port' | 'portrange';
}

class FilterError {
  constructor(readonly message: string) {}
}

const SYNTAX = "can't parse filter expression: syntax error";
const PNAMES = new Set(['ether', 'link', 'ip', 'ip6', 'arp', 'rarp', 'tcp', 'udp', 'icmp', 'icmp6', 'sctp', 'igmp']);
const VALUE_KINDS = new Set(['num', 'hid', 'eid', 'range', 'id']);

/** Parses a filter expression (the words after the options, joined by spaces). */
export function parseFilter(text: string, resolve: HostResolver): ParseResult {
  const toks = lex(text);
  if (!toks) return { ok: false, message: SYNTAX };
  if (toks.length === 0) return { ok: true, node: undefined };
  try {
    const p = new Parser(toks, resolve);
    const node = p.expr();
    if (!p.atEnd()) throw new FilterError(SYNTAX);
    return { ok: true, node };
  } catch (e) {
    if (e instanceof FilterError) return { ok: false, message: e.message };
    throw e;
  }
}

class Parser {
  private pos = 0;
  /** Qualifiers a bare value after and/or inherits; 'err' after a term that has none. */
  private last: Qual | 'err' = 'err';

  constructor(private readonly toks: Tok[], private readonly resolve: HostResolver) {}

  atEnd(): boolean {
    return this.pos >= this.toks.length;
  }
  private peek(o = 0): Tok | undefined {
    return this.toks[this.pos + o];
  }
  private next(): Tok {
    const t = this.toks[this.pos++];
    if (!t) throw new FilterError(SYNTAX);
    return t;
  }
  private isKw(t: Tok | undefined, ...words: string[]): boolean {
    return !!t && t.kind === 'kw' && words.includes(t.text);
  }
  /** A value (or `not`/`(` leading to one) starts here: the bare-id form of libpcap's grammar. */
  private startsValue(o = 0): boolean {
    const t = this.peek(o);
    if (!t) return false;
    if (VALUE_KINDS.has(t.kind)) return true;
    if (t.kind === 'not' || t.kind === '(') return this.startsValue(o + 1);
    return false;
  }

  expr(): FilterNode {
    let left = this.unit();
    for (let t = this.peek(); t && (t.kind === 'and' || t.kind === 'or'); t = this.peek()) {
      this.pos++;
      let right: FilterNode;
      if (this.startsValue()) {
        if (this.last === 'err') throw new FilterError('syntax error in filter expression');
        right = this.id(this.last);
      } else right = this.unit();
      left = { k: t.kind, a: left, b: right };
    }
    return left;
  }

  private unit(): FilterNode {
    const t = this.peek();
    if (!t) throw new FilterError(SYNTAX);
    if (t.kind === 'not') {
      this.pos++;
      return { k: 'not', a: this.unit() };
    }
    if (t.kind === '(') {
      this.pos++;
      const e = this.expr();
      if (this.next().kind !== ')') throw new FilterError(SYNTAX);
      return e;
    }
    return this.rterm();
  }

  private rterm(): FilterNode {
    const t = this.next();
    if (t.kind !== 'kw') throw new FilterError(SYNTAX);
    if (t.text === 'less' || t.text === 'greater') {
      const n = this.next();
      if (n.kind !== 'num') throw new FilterError(SYNTAX);
      this.last = 'err';
      return { k: 'len', op: t.text === 'less' ? 'le' : 'ge', n: Number(n.text) };
    }
    const q: Qual = {};
    let tok: Tok | undefined = t;
    if (PNAMES.has(tok.text)) {
      q.proto = (tok.text === 'link' ? 'ether' : tok.text) as ProtoName;
      tok = this.peek();
      if (this.isKw(tok, 'broadcast', 'multicast')) {
        this.pos++;
        return this.other(tok!.text, q.proto);
      }
      if (!this.isKw(tok, 'src', 'dst', 'host', 'net', 'port', 'portrange')) {
        if (q.proto === 'ether') throw new FilterError(SYNTAX);
        this.last = 'err';
        return { k: 'proto', proto: q.proto };
      }
      this.pos++;
    } else if (tok.text === 'broadcast' || tok.text === 'multicast') {
      return this.other(tok.text, undefined);
    }
    if (tok && (tok.text === 'src' || tok.text === 'dst')) {
      q.dir = tok.text;
      const a = this.peek();
      const b = this.peek(1);
      if (a && (a.kind === 'or' || a.kind === 'and') && this.isKw(b, 'src', 'dst') && b!.text !== tok.text) {
        q.dir = a.kind === 'or' ? 'src or dst' : 'src and dst';
        this.pos += 2;
      }
      tok = this.peek();
      if (this.isKw(tok, 'host', 'net', 'port', 'portrange')) this.pos++;
      else tok = undefined;
    }
    if (tok && ['host', 'net', 'port', 'portrange'].includes(tok.text)) q.addr = tok.text as Qual['addr'];
    if (!q.dir && !q.addr) throw new FilterError(SYNTAX);
    const node = this.id(q);
    this.last = q;
    return node;
  }

  private other(word: string, proto: ProtoName | undefined): FilterNode {
    if (proto && proto !== 'ether') throw new FilterError(SYNTAX);
    this.last = 'err';
    return word === 'broadcast' ? { k: 'bcast' } : { k: 'mcast' };
  }

  /** libpcap's `id`: a value, `not id`, or a parenthesised list of ids joined by and/or. */
  private id(q: Qual): FilterNode {
    const t = this.next();
    if (t.kind === 'not') return { k: 'not', a: this.id(q) };
    if (t.kind === '(') {
      let left = this.id(q);
      for (let o = this.peek(); o && (o.kind === 'and' || o.kind === 'or'); o = this.peek()) {
        this.pos++;
        left = { k: o.kind, a: left, b: this.id(q) };
      }
      if (this.next().kind !== ')') throw new FilterError(SYNTAX);
      return left;
    }
    if (!VALUE_KINDS.has(t.kind)) throw new FilterError(SYNTAX);
    return this.primitive(q, t);
  }

  private primitive(q: Qual, t: Tok): FilterNode {
    const dir: Dir = q.dir ?? 'src or dst';
    const addr = q.addr;
    if (t.kind === 'eid') {
      if (q.proto && q.proto !== 'ether') throw new FilterError('ethernet address used in non-ether expression');
      if (addr && addr !== 'host') throw new FilterError(SYNTAX);
      return { k: 'ehost', dir, mac: t.text.split(':').map((x) => x.padStart(2, '0')).join(':') };
    }
    if (addr === 'port' || addr === 'portrange') return this.port(q, t, dir);
    if (t.kind === 'range') throw new FilterError(SYNTAX);
    if (q.proto === 'ether') {
      if (t.kind === 'id') throw new FilterError(`unknown ether host '${t.text}'`);
      throw new FilterError('illegal link layer address');
    }
    const proto = this.hostProto(q, addr === 'net' ? 'net' : 'host');
    if (t.kind === 'id') {
      if (addr === 'net') throw new FilterError(`unknown network '${t.text}'`);
      const a = this.resolve(t.text);
      if (!a) throw new FilterError(`unknown host '${t.text}'`);
      return { k: 'host', proto, dir, addr: atoin(a).v, mask: 0xffffffff };
    }
    // A dotted or plain number, perhaps with "/len" or "mask M".
    const nxt = this.peek();
    if (t.kind === 'hid' && nxt && (nxt.kind === '/' || this.isKw(nxt, 'mask'))) {
      this.pos++;
      if (addr !== 'net') throw new FilterError('Mask syntax for networks only');
      const n = atoin(t.text);
      const v = shl(n.v, 32 - n.len);
      let m: number;
      let shown: string;
      if (nxt.kind === '/') {
        const l = this.next();
        if (l.kind !== 'num') throw new FilterError(SYNTAX);
        const len = Number(l.text);
        if (len > 32) throw new FilterError('mask length must be <= 32');
        m = len === 0 ? 0 : shl(0xffffffff, 32 - len);
        shown = `${t.text}/${len}`;
      } else {
        const mt = this.next();
        if (mt.kind !== 'hid') throw new FilterError(SYNTAX);
        const mm = atoin(mt.text);
        m = shl(mm.v, 32 - mm.len);
        shown = `${t.text} mask ${mt.text}`;
      }
      if ((v & ~m) >>> 0 !== 0) throw new FilterError(`non-network bits set in "${shown}"`);
      return { k: 'host', proto, dir, addr: v, mask: m };
    }
    const isNum = t.kind === 'num';
    const n = isNum ? { v: Number(t.text) >>> 0, len: 32 } : atoin(t.text);
    let v = n.v;
    let mask = 0xffffffff;
    if (isNum && addr === 'net') {
      while (v && (v & 0xff000000) === 0) {
        v = shl(v, 8);
        mask = shl(mask, 8);
      }
    } else {
      v = shl(v, 32 - n.len);
      mask = shl(mask, 32 - n.len);
    }
    return { k: 'host', proto, dir, addr: v, mask };
  }

  private hostProto(q: Qual, what: 'host' | 'net'): 'ip' | 'arp' | 'rarp' | undefined {
    const p = q.proto;
    if (p === undefined || p === 'ip' || p === 'arp' || p === 'rarp') return p;
    throw new FilterError(`'${p}' modifier applied to ${what}`);
  }

  private port(q: Qual, t: Tok, dir: Dir): FilterNode {
    const p = q.proto;
    if (p !== undefined && p !== 'tcp' && p !== 'udp' && p !== 'sctp') throw new FilterError(`illegal qualifier of '${q.addr}'`);
    const one = (text: string, kind: Tok['kind']): number => {
      if (kind === 'num' || /^[0-9]+$/.test(text)) {
        const v = Number(text);
        if (v > 65535) throw new FilterError(`illegal port number ${v} > 65535`);
        return v;
      }
      const v = p ? servicePort(text, p) : servicePort(text, 'tcp') ?? servicePort(text, 'udp');
      if (v === undefined) throw new FilterError(`unknown port '${text}'`);
      return v;
    };
    if (t.kind === 'range' || (q.addr === 'portrange' && t.text.includes('-'))) {
      if (q.addr !== 'portrange') throw new FilterError(SYNTAX);
      const [a, b] = t.text.split('-');
      const lo = one(a, 'id');
      const hi = one(b, 'id');
      return { k: 'port', proto: p as 'tcp' | 'udp' | 'sctp' | undefined, dir, lo: Math.min(lo, hi), hi: Math.max(lo, hi) };
    }
    if (t.kind === 'hid' || t.kind === 'eid') throw new FilterError(SYNTAX);
    const v = one(t.text, t.kind);
    return { k: 'port', proto: p as 'tcp' | 'udp' | 'sctp' | undefined, dir, lo: v, hi: v };
  }
}

function shl(v: number, n: number): number {
  return n >= 32 ? 0 : (v << n) >>> 0;
}

/** __pcap_atoin: a dotted number of 1-4 parts and how many bits it gave. */
function atoin(s: string): { v: number; len: number } {
  const parts = s.split('.');
  let v = 0;
  for (const p of parts) {
    const n = Number(p);
    if (n > 255) throw new FilterError(`invalid IPv4 address '${s}'`);
    v = ((v << 8) | n) >>> 0;
  }
  return { v, len: parts.length * 8 };
}
