/**
 * netcat-openbsd's command line (Debian 12, 1.219): glibc getopt with argument permutation
 * over the option string below, the per-option value checks done while parsing (in
 * command-line order, as the real tool reports the first one it meets), and the usage text.
 */

/** getopt option string of the Debian build (no TLS). */
const OPTSTRING = '46bCDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz';

export const USAGE =
  'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n' +
  '\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n' +
  '\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n' +
  '\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n' +
  '\t  [destination] [port]\n';

export const HELP =
  'OpenBSD netcat (Debian patchlevel 1.219-1)\n' + USAGE +
  '\tCommand Summary:\n' +
  [
    ['-4', 'Use IPv4'], ['-6', 'Use IPv6'], ['-b', 'Allow broadcast'], ['-C', 'Send CRLF as line-ending'],
    ['-D', 'Enable the debug socket option'], ['-d', 'Detach from stdin'], ['-F', 'Pass socket fd'],
    ['-h', 'This help text'], ['-I length', 'TCP receive buffer length'],
    ['-i interval', 'Delay interval for lines sent, ports scanned'],
    ['-k', 'Keep inbound sockets open for multiple connects'], ['-l', 'Listen mode, for inbound connects'],
    ['-M ttl', 'Outgoing TTL / Hop Limit'], ['-m minttl', 'Minimum incoming TTL / Hop Limit'],
    ['-N', 'Shutdown the network socket after EOF on stdin'], ['-n', 'Suppress name/port resolutions'],
    ['-O length', 'TCP send buffer length'], ['-P proxyuser', 'Username for proxy authentication'],
    ['-p port', 'Specify local port for remote connects'], ['-q secs', 'quit after EOF on stdin and delay of secs'],
    ['-r', 'Randomize remote ports'], ['-S', 'Enable the TCP MD5 signature option'],
    ['-s sourceaddr', 'Local source address'], ['-T keyword', 'TOS value'], ['-t', 'Answer TELNET negotiation'],
    ['-U', 'Use UNIX domain socket'], ['-u', 'UDP mode'], ['-V rtable', 'Specify alternate routing table'],
    ['-v', 'Verbose'], ['-W recvlimit', 'Terminate after receiving a number of packets'],
    ['-w timeout', 'Timeout for connects and final net reads'],
    ['-X proto', 'Proxy protocol: "4", "5" (SOCKS) or "connect"'],
    ['-x addr[:port]', 'Specify proxy address and port'], ['-Z', 'DCCP mode'], ['-z', 'Zero-I/O mode [used for scanning]'],
  ].map(([o, d]) => `\t\t${o}${o.length < 8 ? '\t\t' : '\t'}${d}\n`).join('') +
  '\tPort numbers can be individual or ranges: lo-hi [inclusive]\n';

export interface NcOptions {
  listen: boolean;
  keep: boolean;
  zero: boolean;
  udp: boolean;
  verbose: boolean;
  numeric: boolean;
  shutdownOnEof: boolean;
  detach: boolean;
  crlf: boolean;
  ipv6: boolean;
  unix: boolean;
  /** -w in ms; -1 when not given. */
  timeout: number;
  /** -q in seconds; -1 when not given. */
  quit: number;
  /** -i in seconds. */
  interval: number;
  /** -W: datagrams/reads before quitting (0: no limit). */
  recvLimit: number;
  sourceAddr?: string;
  sourcePort?: string;
  /** Non-option arguments, in order. */
  args: string[];
}

export type ParseResult = { ok: true; opts: NcOptions } | { ok: false; stderr: string; exit: number; stdout?: string };

/** OpenBSD strtonum's error word for `s` within [min, max], or undefined when valid. */
export function strtonumError(s: string, min: number, max: number): 'invalid' | 'too small' | 'too large' | undefined {
  if (!/^\s*[-+]?\d+$/.test(s)) return 'invalid';
  const n = Number(s);
  if (n < min) return 'too small';
  if (n > max) return 'too large';
  return undefined;
}

const fail = (msg: string): ParseResult => ({ ok: false, stderr: `nc: ${msg}\n`, exit: 1 });

/** Parses argv (without argv[0]). */
export function parseNc(argv: string[]): ParseResult {
  const o: NcOptions = {
    listen: false, keep: false, zero: false, udp: false, verbose: false, numeric: false,
    shutdownOnEof: false, detach: false, crlf: false, ipv6: false, unix: false,
    timeout: -1, quit: -1, interval: 0, recvLimit: 0, args: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      o.args.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      o.args.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      const at = OPTSTRING.indexOf(c);
      if (at < 0 || c === ':') return { ok: false, stderr: `nc: invalid option -- '${c}'\n${USAGE}`, exit: 1 };
      let val: string | undefined;
      if (OPTSTRING[at + 1] === ':') {
        if (j + 1 < a.length) val = a.slice(j + 1);
        else if (i + 1 < argv.length) val = argv[++i];
        else return { ok: false, stderr: `nc: option requires an argument -- '${c}'\n${USAGE}`, exit: 1 };
        j = a.length;
      }
      const r = applyOption(o, c, val);
      if (r) return r;
    }
  }
  return { ok: true, opts: o };
}

function applyOption(o: NcOptions, c: string, val: string | undefined): ParseResult | undefined {
  switch (c) {
    case '4': o.ipv6 = false; break;
    case '6': o.ipv6 = true; break;
    case 'U': o.unix = true; break;
    case 'C': o.crlf = true; break;
    case 'd': o.detach = true; break;
    case 'h': return { ok: false, stderr: '', stdout: HELP, exit: 0 };
    case 'i': {
      const e = strtonumError(val!, 0, 4294967295);
      if (e) return fail(`interval ${e}: ${val}`);
      o.interval = Number(val);
      break;
    }
    case 'k': o.keep = true; break;
    case 'l': o.listen = true; break;
    case 'M': { const e = strtonumError(val!, 0, 255); if (e) return fail(`ttl is ${e}`); break; }
    case 'm': { const e = strtonumError(val!, 0, 255); if (e) return fail(`minttl is ${e}`); break; }
    case 'N': o.shutdownOnEof = true; break;
    case 'n': o.numeric = true; break;
    case 'p': o.sourcePort = val; break;
    case 'q': {
      const e = strtonumError(val!, -2147483648, 2147483647);
      if (e) return fail(`quit timer ${e}: ${val}`);
      o.quit = Number(val);
      if (o.quit >= 0) o.shutdownOnEof = true;
      break;
    }
    case 's': o.sourceAddr = val; break;
    case 'u': o.udp = true; break;
    case 'v': o.verbose = true; break;
    case 'W': {
      const e = strtonumError(val!, 1, 2147483647);
      if (e) return fail(`receive limit ${e}: ${val}`);
      o.recvLimit = Number(val);
      break;
    }
    case 'w': {
      const e = strtonumError(val!, 0, Math.floor(2147483647 / 1000));
      if (e) return fail(`timeout ${e}: ${val}`);
      o.timeout = Number(val) * 1000;
      break;
    }
    case 'X':
      if (!['connect', '4', '5'].includes(val!.toLowerCase())) return fail('unsupported proxy protocol');
      break;
    case 'I': { const e = strtonumError(val!, 1, 65536 << 14); if (e) return fail(`TCP receive window ${e}: ${val}`); break; }
    case 'O': { const e = strtonumError(val!, 1, 65536 << 14); if (e) return fail(`TCP send window ${e}: ${val}`); break; }
    case 'z': o.zero = true; break;
    default: break; // -b -D -F -P -r -S -T -t -V -x -Z: accepted, no effect in the lab
  }
  return undefined;
}
