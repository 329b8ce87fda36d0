/**
 * curl 7.88.1's command line (Debian 12): the options the lab uses, declared as data, with
 * curl's own messages for a missing parameter, a bad number and an unknown option.
 */
export interface CurlOptions {
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  output?: string;
  writeOut?: string;
  maxTime?: number;
  connectTimeout?: number;
  method?: string;
  headers: string[];
  userAgent?: string;
  data?: string;
  noProgress: boolean;
  urls: string[];
}

type Kind = 'flag' | 'string' | 'number';
interface Spec {
  long: string;
  short?: string;
  kind: Kind;
  set: (o: CurlOptions, v: string) => void;
}

const SPECS: Spec[] = [
  { long: 'silent', short: 's', kind: 'flag', set: (o) => (o.silent = true) },
  { long: 'show-error', short: 'S', kind: 'flag', set: (o) => (o.showError = true) },
  { long: 'verbose', short: 'v', kind: 'flag', set: (o) => (o.verbose = true) },
  { long: 'head', short: 'I', kind: 'flag', set: (o) => (o.head = true) },
  { long: 'include', short: 'i', kind: 'flag', set: (o) => (o.include = true) },
  { long: 'fail', short: 'f', kind: 'flag', set: (o) => (o.fail = true) },
  { long: 'location', short: 'L', kind: 'flag', set: () => {} },
  { long: 'insecure', short: 'k', kind: 'flag', set: () => {} },
  { long: 'ipv4', short: '4', kind: 'flag', set: () => {} },
  { long: 'no-buffer', short: 'N', kind: 'flag', set: () => {} },
  { long: 'parallel', short: 'Z', kind: 'flag', set: () => {} },
  { long: 'no-progress-meter', kind: 'flag', set: (o) => (o.noProgress = true) },
  { long: 'compressed', kind: 'flag', set: () => {} },
  { long: 'http1.0', short: '0', kind: 'flag', set: () => {} },
  { long: 'http1.1', kind: 'flag', set: () => {} },
  { long: 'output', short: 'o', kind: 'string', set: (o, v) => (o.output = v) },
  { long: 'write-out', short: 'w', kind: 'string', set: (o, v) => (o.writeOut = v) },
  { long: 'max-time', short: 'm', kind: 'number', set: (o, v) => (o.maxTime = Number(v) * 1000) },
  { long: 'connect-timeout', kind: 'number', set: (o, v) => (o.connectTimeout = Number(v) * 1000) },
  { long: 'request', short: 'X', kind: 'string', set: (o, v) => (o.method = v) },
  { long: 'header', short: 'H', kind: 'string', set: (o, v) => o.headers.push(v) },
  { long: 'user-agent', short: 'A', kind: 'string', set: (o, v) => (o.userAgent = v) },
  { long: 'data', short: 'd', kind: 'string', set: (o, v) => (o.data = v) },
  { long: 'proxy', short: 'x', kind: 'string', set: () => {} },
  { long: 'noproxy', kind: 'string', set: () => {} },
  { long: 'retry', kind: 'number', set: () => {} },
  { long: 'resolve', kind: 'string', set: () => {} },
  { long: 'interface', kind: 'string', set: () => {} },
];

export const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

export type CurlParse = { ok: true; opts: CurlOptions } | { ok: false; stderr: string; exit: number };

const bad = (msg: string): CurlParse => ({ ok: false, stderr: `curl: ${msg}\n${TRY}`, exit: 2 });

/** Parses argv (without argv[0]). */
export function parseCurl(argv: string[]): CurlParse {
  const o: CurlOptions = { silent: false, showError: false, verbose: false, head: false, include: false, fail: false, noProgress: false, headers: [], urls: [] };
  const take = (spec: Spec, shown: string, v: string | undefined): CurlParse | undefined => {
    if (v === undefined) return bad(`option ${shown}: requires parameter`);
    if (spec.kind === 'number' && !/^\d+(\.\d+)?$/.test(v)) return bad(`option ${shown}: expected a proper numerical parameter`);
    spec.set(o, v);
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') && a.length > 2) {
      const name = a.slice(2);
      const spec = SPECS.find((s) => s.long === name);
      if (!spec) return bad(`option ${a}: is unknown`);
      if (spec.kind === 'flag') spec.set(o, '');
      else {
        const r = take(spec, a, argv[++i]);
        if (r) return r;
      }
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const spec = SPECS.find((s) => s.short === a[j]);
        if (!spec) return bad(`option -${a.slice(j)}: is unknown`);
        if (spec.kind === 'flag') {
          spec.set(o, '');
          continue;
        }
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        const r = take(spec, `-${a[j]}`, v);
        if (r) return r;
        break;
      }
    } else {
      o.urls.push(a);
    }
  }
  return { ok: true, opts: o };
}
