/**
 * ping's command line, parsed as iputils does with getopt (options may follow the
 * destination; "--" ends them) and its strtol_or_err / ping_strtod checks, with their exact
 * messages and exit codes. Parsing stops at the first fatal error, like the real loop.
 */
import { PING_USAGE, PING_VERSION } from './usage.ts';

export interface PingOptions {
  count: number;
  /** Milliseconds between probes. */
  intervalMs: number;
  /** -W in ms (default 10 s). */
  lingerMs: number;
  /** -w in seconds, 0 for none. */
  deadline: number;
  /** -I: an interface name, or a source address. */
  device?: string;
  source?: string;
  dataLen: number;
  ttl?: number;
  quiet: boolean;
  numeric: boolean;
  broadcast: boolean;
  family?: 4 | 6;
  /** The destination as typed (the last operand). */
  target: string;
}

export type ParseResult = { ok: true; opts: PingOptions; warnings: string } | { ok: false; stdout: string; stderr: string; code: number };

/** Options that take an argument (from iputils' optstring). */
const WITH_ARG = new Set('TFNceiIlmMpQsStwW'.split(''));
const KNOWN = new Set('h?4bRT6FNaABcCdDefiIlLmMnOpqQrsStUvVwW'.split(''));

const LONG_MAX = '9223372036854775807';

function strtolOrErr(v: string, min: number, max: number | string): { ok: true; n: number } | { ok: false; msg: string } {
  const t = v.trim();
  if (!/^[-+]?(0x[0-9a-f]+|\d+)$/i.test(t)) return { ok: false, msg: `ping: invalid argument: '${v}'\n` };
  const n = Number(t);
  const hi = typeof max === 'string' ? Number(max) : max;
  if (n < min || n > hi) return { ok: false, msg: `ping: invalid argument: '${v}': out of range: ${min} <= value <= ${max}\n` };
  return { ok: true, n };
}

/** strtod on the leading number; garbage after it is warned about and ignored (as iputils does today). */
function pingStrtod(v: string): { n: number; warn: string } {
  const m = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(v);
  const n = m ? Number(m[0]) : 0;
  const rest = m ? v.slice(m[0].length) : v;
  const warn = rest.length || !m ? `ping: option argument contains garbage: ${rest}\nping: this will become fatal error in the future\n` : '';
  return { n, warn };
}

export function parsePingArgs(argv: string[]): ParseResult {
  const o: Omit<PingOptions, 'target'> = {
    count: 0, intervalMs: 1000, lingerMs: 10000, deadline: 0, dataLen: 56, quiet: false, numeric: false, broadcast: false,
  };
  let warnings = '';
  const operands: string[] = [];
  const fail = (stderr: string, code: number): ParseResult => ({ ok: false, stdout: '', stderr: warnings + stderr, code });
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (!KNOWN.has(c)) return fail(`ping: invalid option -- '${c}'\n${PING_USAGE}`, 2);
      let val: string | undefined;
      if (WITH_ARG.has(c)) {
        if (j + 1 < a.length) val = a.slice(j + 1);
        else if (i + 1 < argv.length) val = argv[++i];
        else return fail(`ping: option requires an argument -- '${c}'\n${PING_USAGE}`, 2);
        j = a.length;
      }
      switch (c) {
        case 'h':
        case '?':
          return fail(PING_USAGE, 2);
        case 'V':
          return { ok: false, stdout: PING_VERSION, stderr: '', code: 0 };
        case '4':
          if (o.family === 6) return fail('ping: only one -4 or -6 option may be specified\n', 2);
          o.family = 4;
          break;
        case '6':
          if (o.family === 4) return fail('ping: only one -4 or -6 option may be specified\n', 2);
          o.family = 6;
          break;
        case 'b': o.broadcast = true; break;
        case 'q': o.quiet = true; break;
        case 'n': o.numeric = true; break;
        case 'f': o.numeric = true; break;
        case 'c': {
          const r = strtolOrErr(val!, 1, LONG_MAX);
          if (!r.ok) return fail(r.msg, 1);
          o.count = r.n;
          break;
        }
        case 's': {
          const r = strtolOrErr(val!, 0, 2147483647);
          if (!r.ok) return fail(r.msg, 1);
          o.dataLen = r.n;
          break;
        }
        case 't': {
          const r = strtolOrErr(val!, 0, 255);
          if (!r.ok) return fail(r.msg, 1);
          o.ttl = r.n;
          break;
        }
        case 'w': {
          const r = strtolOrErr(val!, 0, 2147483647);
          if (!r.ok) return fail(r.msg, 1);
          o.deadline = r.n;
          break;
        }
        case 'i': {
          const { n, warn } = pingStrtod(val!);
          warnings += warn;
          if (n > 2147483.647) return fail(`ping: bad timing interval: ${val}\n`, 2);
          o.intervalMs = Math.trunc(n * 1000);
          break;
        }
        case 'W': {
          const { n, warn } = pingStrtod(val!);
          warnings += warn;
          if (n < 0 || n > 2147483.647) return fail(`ping: bad linger time: ${val}\n`, 2);
          o.lingerMs = Math.trunc(n * 1000);
          break;
        }
        case 'I':
          if (/^\d+\.\d+\.\d+\.\d+$/.test(val!) && val!.split('.').every((x) => Number(x) <= 255)) o.source = val!;
          else o.device = val!;
          break;
        default:
          break; // accepted and without effect in the simulator (-a, -D, -v, ...)
      }
    }
  }
  if (!operands.length) return fail('ping: usage error: Destination address required\n', 1);
  return { ok: true, opts: { ...o, target: operands[operands.length - 1] }, warnings };
}
