/**
 * iproute2 6.1.0's iplink_parse(): the words `ip link add`, `ip link set` and a veth's
 * `peer ...` share. Keywords are tried in iplink_parse's order, some as exact words and some
 * as prefixes, so a device called `a` is read as `address` and `t` as `txqueuelen`, as on a
 * real host; a word that is no keyword is the device.
 */
import { parseMac } from '../../kernel/addr-util.ts';
import { matches } from './common.ts';

/** What one iplink_parse call collected. */
export interface LinkArgs {
  dev?: string;
  name?: string;
  type?: string;
  up?: boolean;
  mac?: string;
  mtu?: number;
  txqlen?: number;
  netns?: string;
  /** A device name, or null for `nomaster`. */
  master?: string | null;
  /** `link DEV`, which must exist. */
  link?: string;
  /** Words after `type TYPE` (the kind's own arguments). */
  rest: string[];
}

/** A parse failure: iproute2's message and exit status, or `help` for the usage text. */
export type LinkArgsError = { msg: string; code: number } | 'help';

const INCOMPLETE = { msg: 'Command line is not complete. Try option "help"', code: 255 };
const invarg = (what: string, arg: string) => ({ msg: `Error: argument "${arg}" is wrong: ${what}\n`, code: 255 });

/** The keyword iplink_parse takes `w` for, or undefined when it is a device name. */
function keyword(w: string): string | undefined {
  const exact = ['up', 'down', 'name', 'index'];
  if (exact.includes(w)) return w;
  if (matches(w, 'link')) return 'link';
  if (matches(w, 'address')) return 'address';
  if (matches(w, 'broadcast') || w === 'brd') return 'broadcast';
  if (matches(w, 'txqueuelen') || w === 'qlen' || matches(w, 'txqlen')) return 'txqueuelen';
  const exact2 = ['mtu', 'xdpgeneric', 'xdpdrv', 'xdpoffload', 'xdp', 'netns', 'multicast', 'allmulticast', 'promisc', 'trailers', 'arp', 'carrier', 'vf'];
  if (exact2.includes(w)) return w;
  if (matches(w, 'master')) return 'master';
  if (w === 'vrf') return w;
  if (matches(w, 'nomaster')) return 'nomaster';
  if (matches(w, 'dynamic')) return 'dynamic';
  if (matches(w, 'type')) return 'type';
  if (matches(w, 'alias')) return 'alias';
  if (['group', 'mode', 'state'].includes(w)) return w;
  for (const k of ['numtxqueues', 'numrxqueues', 'addrgenmode', 'link-netnsid']) if (matches(w, k)) return k;
  if (w === 'protodown') return w;
  return undefined;
}

/** get_integer() as iproute2 uses it: decimal, 0x hex or 0 octal, the whole word. */
function integer(s: string): number | undefined {
  if (!/^[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(s)) return undefined;
  const neg = s.startsWith('-');
  const body = s.replace(/^[+-]/, '');
  const v = body.startsWith('0x') || body.startsWith('0X') ? parseInt(body, 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : parseInt(body, 10);
  return neg ? -v : v;
}

const ONOFF = new Set(['multicast', 'allmulticast', 'promisc', 'trailers', 'arp', 'carrier', 'dynamic', 'protodown']);

/** Parses `a` as iplink_parse does; stops after `type TYPE` (the rest is the kind's). */
export function parseLinkArgs(a: string[]): LinkArgs | LinkArgsError {
  const r: LinkArgs = { rest: [] };
  for (let i = 0; i < a.length; i++) {
    const w = a[i]!;
    const k = keyword(w);
    if (k === 'up' || k === 'down') {
      r.up = k === 'up';
      continue;
    }
    if (k === 'nomaster') {
      r.master = null;
      continue;
    }
    if (k === undefined) {
      if (matches(w, 'help')) return 'help';
      let dev = w;
      if (w === 'dev') {
        if (i + 1 >= a.length) return INCOMPLETE;
        dev = a[++i]!;
      }
      if (r.dev !== undefined) return { msg: `Error: either "dev" is duplicate, or "${dev}" is a garbage.`, code: 255 };
      r.dev = dev;
      continue;
    }
    if (i + 1 >= a.length) return INCOMPLETE;
    const v = a[++i]!;
    switch (k) {
      case 'name':
        r.name = v;
        break;
      case 'link':
        r.link = v;
        break;
      case 'address':
      case 'broadcast':
        if (!parseMac(v)) return { msg: `"${v}" is invalid lladdr.`, code: 1 };
        if (k === 'address') r.mac = v;
        break;
      case 'txqueuelen': {
        const n = integer(v);
        if (n === undefined) return invarg('Invalid "txqueuelen" value', v);
        r.txqlen = n;
        break;
      }
      case 'mtu': {
        const n = integer(v);
        if (n === undefined) return invarg('Invalid "mtu" value', v);
        r.mtu = n;
        break;
      }
      case 'netns':
        r.netns = v;
        break;
      case 'master':
        r.master = v;
        break;
      case 'type':
        r.type = v;
        r.rest = a.slice(i + 1);
        return r;
      default:
        if (ONOFF.has(k) && v !== 'on' && v !== 'off') return { msg: `Error: argument of "${k}" must be "on" or "off", not "${v}"`, code: 1 };
      // Other keywords (index, group, alias, vf, xdp...) take their value; the lab has no use for it.
    }
  }
  return r;
}
