/**
 * tcpdump's command line, read the way its getopt_long does (GNU: options may follow the
 * expression words, "--" ends them, short flags combine as in -nei va): the options the lab
 * models, the words of the filter expression, or the real error text and usage.
 */
import { usageText } from './usage.ts';

export interface TcpdumpOptions {
  iface?: string;
  numeric: boolean;
  ether: boolean;
  verbose: number;
  count?: number;
  lineBuffered: boolean;
  noTimestamps: boolean;
  absoluteSeq: boolean;
  immediate: boolean;
  snaplen: number;
  direction?: 'in' | 'out' | 'inout';
  listInterfaces: boolean;
  /** -p: leave the device out of promiscuous mode. */
  noPromisc: boolean;
  help: boolean;
  version: boolean;
  /** The expression: the remaining words joined by spaces, as tcpdump's copy_argv does. */
  expression: string;
}

export type ParsedArgs = { ok: true; opts: TcpdumpOptions } | { ok: false; stderr: string; code: number };

/** tcpdump 4.99.3's option letters; ':' marks the ones that take an argument. */
const SHORTOPTS = 'aAbB:c:C:dDeE:fF:G:hHi:Ij:JKlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#';
/** Letters tcpdump accepts that change nothing the lab can show. */
const HARMLESS = new Set(['U', 'K', 'B', 'I', 'N', 'O', 'f']);
const LONG: Record<string, { arg: boolean; short?: string }> = {
  count: { arg: false }, 'immediate-mode': { arg: false }, number: { arg: false }, print: { arg: false },
  version: { arg: false }, help: { arg: false, short: 'h' }, interface: { arg: true, short: 'i' },
  'list-interfaces': { arg: false, short: 'D' }, 'snapshot-length': { arg: true, short: 's' },
  direction: { arg: true, short: 'Q' }, 'absolute-tcp-sequence-numbers': { arg: false, short: 'S' },
  micro: { arg: false }, nano: { arg: false }, 'time-stamp-precision': { arg: true },
  'dont-verify-checksums': { arg: false, short: 'K' }, 'no-promiscuous-mode': { arg: false, short: 'p' },
  'packet-buffered': { arg: false, short: 'U' }, 'buffer-size': { arg: true, short: 'B' },
};

function takesArg(letter: string): boolean | undefined {
  const i = SHORTOPTS.indexOf(letter);
  if (i < 0 || letter === ':') return undefined;
  return SHORTOPTS[i + 1] === ':';
}

const usageError = (msg: string): ParsedArgs => ({ ok: false, stderr: `tcpdump: ${msg}\n${usageText()}`, code: 1 });
const fatal = (msg: string): ParsedArgs => ({ ok: false, stderr: `tcpdump: ${msg}\n`, code: 1 });

/** Parses argv (without argv[0]). */
export function parseTcpdumpArgs(args: string[]): ParsedArgs {
  const o: TcpdumpOptions = {
    numeric: false, ether: false, verbose: 0, lineBuffered: false, noTimestamps: false, absoluteSeq: false,
    immediate: false, snaplen: 262144, listInterfaces: false, noPromisc: false, help: false, version: false, expression: '',
  };
  const words: string[] = [];
  const apply = (letter: string, arg: string | undefined): ParsedArgs | undefined => {
    switch (letter) {
      case 'i': o.iface = arg; return;
      case 'n': o.numeric = true; return;
      case 'e': o.ether = true; return;
      case 'v': o.verbose++; return;
      case 'l': o.lineBuffered = true; return;
      case 't': o.noTimestamps = true; return;
      case 'S': o.absoluteSeq = true; return;
      case 'D': o.listInterfaces = true; return;
      case 'p': o.noPromisc = true; return;
      case 'h': o.help = true; return;
      case 'c': {
        const n = /^\s*[+-]?\d+$/.test(arg!) ? Number(arg) : NaN;
        if (!(n > 0)) return fatal(`invalid packet count ${arg}`);
        o.count = n;
        return;
      }
      case 's': {
        const n = /^\s*[+-]?\d+$/.test(arg!) ? Number(arg) : NaN;
        if (!(n >= 0)) return fatal(`invalid snaplen ${arg}`);
        o.snaplen = n === 0 ? 262144 : n;
        return;
      }
      case 'Q': {
        const d = arg!.toLowerCase();
        if (d !== 'in' && d !== 'out' && d !== 'inout') return fatal(`unknown capture direction '${arg}'`);
        o.direction = d;
        return;
      }
    }
    if (HARMLESS.has(letter)) return;
    return fatal(`option -${letter} is not available in this lab`);
  };

  let i = 0;
  while (i < args.length) {
    const a = args[i++];
    if (a === '--') {
      words.push(...args.slice(i));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      const matches = Object.keys(LONG).filter((k) => k.startsWith(name));
      const exact = LONG[name] ? name : matches.length === 1 ? matches[0] : undefined;
      if (!exact) {
        return matches.length > 1 ? usageError(`option '${a}' is ambiguous`) : usageError(`unrecognized option '${a}'`);
      }
      const spec = LONG[exact];
      let arg = inline;
      if (spec.arg && arg === undefined) {
        if (i >= args.length) return usageError(`option '--${exact}' requires an argument`);
        arg = args[i++];
      } else if (!spec.arg && arg !== undefined) return usageError(`option '--${exact}' doesn't allow an argument`);
      if (exact === 'version') o.version = true;
      else if (exact === 'immediate-mode') o.immediate = true;
      else if (spec.short) {
        const r = apply(spec.short, arg);
        if (r) return r;
      } else if (exact !== 'print' && exact !== 'micro' && exact !== 'time-stamp-precision') {
        return fatal(`option --${exact} is not available in this lab`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const letter = a[j];
        const needs = takesArg(letter);
        if (needs === undefined) return usageError(`invalid option -- '${letter}'`);
        let arg: string | undefined;
        if (needs) {
          if (j + 1 < a.length) arg = a.slice(j + 1);
          else if (i < args.length) arg = args[i++];
          else return usageError(`option requires an argument -- '${letter}'`);
          j = a.length;
        }
        const r = apply(letter, arg);
        if (r) return r;
      }
      continue;
    }
    words.push(a);
  }
  o.expression = words.join(' ');
  return { ok: true, opts: o };
}
