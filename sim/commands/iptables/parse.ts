/**
 * argv -> command + Rule, as iptables 1.8.9 (nf_tables) reads its command line: getopt-style
 * clustering of short options, `--long` options with unique-prefix abbreviation, `!` before
 * an option to invert it, optional chain and rule-number arguments, implicit protocol
 * matches (`-p tcp --dport 80` loads `-m tcp`), and the extensions' own options. Errors come
 * back as data with the exact text and exit status; nothing here touches the kernel.
 */
import { getMatch, getTarget, type MatchExt, type ParseState, type TargetExt } from '../../kernel/netfilter/ext.ts';
import { isTableName } from '../../kernel/netfilter/tables.ts';
import type { AddrFilter, IfaceFilter, MatchInstance, Rule, TableName, TargetInstance } from '../../kernel/netfilter/types.ts';
import { parseAddrFilter, parseProto } from './header.ts';

export type CmdLetter = 'A' | 'C' | 'D' | 'I' | 'R' | 'L' | 'S' | 'F' | 'Z' | 'N' | 'X' | 'E' | 'P' | 'h' | 'V';

export interface ParsedCommand {
  cmd: CmdLetter;
  /** -L together with -Z. */
  zero: boolean;
  table: TableName;
  chain?: string;
  /** -E new name, -P policy. */
  arg2?: string;
  num?: number;
  /** One rule per -s/-d address combination (usually one). */
  rules: Rule[];
  numeric: boolean;
  verbose: boolean;
  exact: boolean;
  lineNumbers: boolean;
}

/** A parse failure: `prefixed` messages get `iptables v1.8.9 (nf_tables): `; `usage` adds the Try line. */
export interface ParseFailure {
  message: string;
  exit: number;
  prefixed: boolean;
  usage: boolean;
}

export type ParseResult = { ok: true; value: ParsedCommand } | { ok: false; error: ParseFailure };

/** What the parser may ask about the current ruleset (jump targets must exist). */
export interface ChainLookup {
  chainExists(table: TableName, chain: string): boolean;
}

const problem = (message: string): ParseFailure => ({ message, exit: 2, prefixed: true, usage: true });
const badArg = (a: string): ParseFailure => ({ message: `Bad argument \`${a}'`, exit: 2, prefixed: false, usage: true });

/** Built-in long options and the short letter they stand for. */
const LONG: Record<string, string> = {
  append: 'A', check: 'C', delete: 'D', insert: 'I', replace: 'R', list: 'L', 'list-rules': 'S', flush: 'F',
  zero: 'Z', 'new-chain': 'N', 'delete-chain': 'X', 'rename-chain': 'E', policy: 'P', table: 't', source: 's',
  src: 's', destination: 'd', dst: 'd', 'in-interface': 'i', 'out-interface': 'o', protocol: 'p', jump: 'j',
  goto: 'g', match: 'm', numeric: 'n', verbose: 'v', exact: 'x', 'line-numbers': '0', wait: 'w',
  'set-counters': 'c', help: 'h', version: 'V', ipv4: '4', ipv6: '6', fragment: 'f', modprobe: 'M',
};
const WITH_ARG = new Set(['A', 'C', 'D', 'I', 'R', 'N', 'E', 'P', 't', 's', 'd', 'i', 'o', 'p', 'j', 'g', 'm', 'c', 'M']);
const OPTIONAL_ARG = new Set(['L', 'S', 'F', 'Z', 'X']);
const COMMANDS = new Set(['A', 'C', 'D', 'I', 'R', 'L', 'S', 'F', 'Z', 'N', 'X', 'E', 'P', 'h', 'V']);
const STANDARD = new Set(['ACCEPT', 'DROP', 'RETURN']);

interface Loaded {
  ext: MatchExt;
  inst: MatchInstance;
}

/** Parses an iptables command line (argv without argv[0]). */
export function parseIptables(args: string[], lookup: ChainLookup): ParseResult {
  let i = 0;
  let cmd: CmdLetter | undefined;
  let zero = false;
  let tableName = 'filter';
  let chain: string | undefined;
  let arg2: string | undefined;
  let num: number | undefined;
  let invert = false;
  const flags = { numeric: false, verbose: false, exact: false, lineNumbers: false };
  const seen = new Set<string>();
  const src: string[] = [], dst: string[] = [];
  let srcInv = false, dstInv = false;
  let inIface: IfaceFilter | undefined, outIface: IfaceFilter | undefined;
  let proto: { num: number; inv: boolean } | undefined;
  const matches: Loaded[] = [];
  let target: { ext?: TargetExt; inst: TargetInstance } | undefined;
  let counters = { pkts: 0, bytes: 0 };

  const st = (): ParseState => ({ proto: proto?.num ?? 0, protoInv: proto?.inv ?? false, table: tableName as TableName, chain: chain ?? '' });
  const peekFree = () => i < args.length && !args[i].startsWith('-') && !args[i].startsWith('!');
  const ruleNum = (s: string): number | ParseFailure => (/^\d+$/.test(s) && Number(s) >= 1 ? Number(s) : problem(`Invalid rule number \`${s}'`));

  const setCommand = (c: CmdLetter): ParseFailure | undefined => {
    if (cmd && !((cmd === 'L' && c === 'Z') || (cmd === 'Z' && c === 'L'))) return problem(`Cannot use -${c} with -${cmd}`);
    if (cmd === 'L' || cmd === 'Z') {
      zero = true;
      cmd = 'L';
      return undefined;
    }
    cmd = c;
    return undefined;
  };

  /** Handles one built-in option letter; `whole` is the argv word it came from (for `-s`'s quirk). */
  const builtin = (c: string, optarg: string | undefined, whole: string): ParseFailure | undefined => {
    const inv = invert;
    invert = false;
    if (COMMANDS.has(c)) {
      if (inv) return problem("cannot have ! before -" + c);
      const e = setCommand(c as CmdLetter);
      if (e) return e;
      if (c === 'h' || c === 'V') return undefined;
      if (c === 'L' || c === 'S' || c === 'Z') {
        if (optarg !== undefined) chain = optarg;
        else if (peekFree()) chain = args[i++];
        if (chain !== undefined && peekFree()) {
          const n = ruleNum(args[i++]);
          if (typeof n !== 'number') return n;
          num = n;
        }
        return undefined;
      }
      if (c === 'F' || c === 'X') {
        if (optarg !== undefined) chain = optarg;
        else if (peekFree()) chain = args[i++];
        return undefined;
      }
      chain = optarg;
      if (c === 'D' || c === 'I') {
        if (peekFree()) {
          const n = ruleNum(args[i++]);
          if (typeof n !== 'number') return n;
          num = n;
        }
      } else if (c === 'R') {
        if (!peekFree()) return problem('-R requires a rule number');
        const n = ruleNum(args[i++]);
        if (typeof n !== 'number') return n;
        num = n;
      } else if (c === 'E') {
        if (!peekFree()) return problem('-E requires old-chain-name and new-chain-name');
        arg2 = args[i++];
      } else if (c === 'P') {
        if (!peekFree()) return problem('-P requires a chain and a policy');
        arg2 = args[i++];
      }
      return undefined;
    }
    const once = (name: string): ParseFailure | undefined => {
      if (seen.has(name)) return problem(`multiple -${name} flags not allowed`);
      seen.add(name);
      return undefined;
    };
    // iptables 1.8.9 takes these values from argv[optind-1]: the whole word when attached.
    const v = whole;
    switch (c) {
      case 't':
        if (inv) return problem('unexpected ! flag before --table');
        tableName = optarg!;
        return undefined;
      case 's':
      case 'd': {
        const e = once(c);
        if (e) return e;
        (c === 's' ? src : dst).push(...v.split(','));
        if (c === 's') srcInv = inv;
        else dstInv = inv;
        return undefined;
      }
      case 'i':
      case 'o': {
        const e = once(c);
        if (e) return e;
        if (v.length > 15) return problem(`interface name \`${v}' must be shorter than IFNAMSIZ (15)`);
        if (c === 'i') inIface = { name: v, inv };
        else outIface = { name: v, inv };
        return undefined;
      }
      case 'p': {
        const e = once(c);
        if (e) return e;
        const n = parseProto(v);
        if (n === undefined) return problem(`unknown protocol "${v}" specified`);
        proto = { num: n, inv };
        return undefined;
      }
      case 'j':
      case 'g': {
        if (seen.has('j') || seen.has('g')) return problem(`multiple -j flags not allowed`);
        seen.add(c);
        const name = optarg!;
        const ext = getTarget(name);
        target = { ext, inst: { name, goto: c === 'g' || undefined, data: ext ? ext.init() : {} } };
        if (!target.inst.goto) delete target.inst.goto;
        return undefined;
      }
      case 'm': {
        const ext = getMatch(optarg!);
        if (!ext) return { message: `Couldn't load match \`${optarg}':No such file or directory\n`, exit: 2, prefixed: true, usage: true };
        matches.push({ ext, inst: { name: ext.name, data: ext.init() } });
        return undefined;
      }
      case 'n': flags.numeric = true; return undefined;
      case 'v': flags.verbose = true; return undefined;
      case 'x': flags.exact = true; return undefined;
      case '0': flags.lineNumbers = true; return undefined;
      case 'c': {
        const p = optarg!, b = i < args.length ? args[i++] : undefined;
        if (!/^\d+$/.test(p) || b === undefined || !/^\d+$/.test(b)) return problem('-c requires packet and byte counter');
        counters = { pkts: Number(p), bytes: Number(b) };
        return undefined;
      }
      default:
        return undefined;
    }
  };

  /** An extension option: the target's first, then the loaded matches, then an implicit protocol match. */
  const extension = (name: string, attached: string | undefined): ParseFailure | undefined => {
    const inv = invert;
    invert = false;
    const owners: { spec: { arg: boolean; extra?: number }; run: (a: string | undefined) => string | undefined }[] = [];
    const tspec = target?.ext?.options[name];
    if (tspec && target?.ext) {
      const t = target;
      owners.push({ spec: tspec, run: (a) => t.ext!.parse(t.inst.data, name, a, inv, st()) });
    }
    for (const m of matches) {
      const s = m.ext.options[name];
      if (s) owners.push({ spec: s, run: (a) => m.ext.parse(m.inst.data, name, a, inv, st()) });
    }
    if (owners.length === 0 && proto && !proto.inv) {
      const pname = proto.num === 6 ? 'tcp' : proto.num === 17 ? 'udp' : proto.num === 1 ? 'icmp' : undefined;
      const ext = pname && !matches.some((m) => m.ext.name === pname) ? getMatch(pname) : undefined;
      if (ext && ext.options[name]) {
        const m = { ext, inst: { name: ext.name, data: ext.init() } };
        matches.push(m);
        owners.push({ spec: ext.options[name], run: (a) => m.ext.parse(m.inst.data, name, a, inv, st()) });
      }
    }
    const o = owners[0];
    if (!o) return problem(`unknown option "--${name}"`);
    let a: string | undefined;
    if (o.spec.arg) {
      a = attached ?? (i < args.length ? args[i++] : undefined);
      if (a === undefined) return problem(`option "--${name}" requires an argument`);
      for (let k = 0; k < (o.spec.extra ?? 0); k++) {
        if (i >= args.length || args[i].startsWith('-')) return problem(`--${name} requires two args`);
        a += ` ${args[i++]}`;
      }
    }
    const e = o.run(a);
    return e === undefined ? undefined : problem(e);
  };

  while (i < args.length) {
    const w = args[i++];
    if (w === '!') {
      if (invert) return fail(problem('multiple consecutive ! not allowed'));
      invert = true;
      continue;
    }
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq >= 0 ? w.slice(2, eq) : w.slice(2);
      const attached = eq >= 0 ? w.slice(eq + 1) : undefined;
      const letter = resolveLong(name, extensionNames(matches, target?.ext, proto));
      if (letter && letter.builtin) {
        let optarg = attached;
        if (WITH_ARG.has(letter.letter) && optarg === undefined) {
          if (i >= args.length) return fail(problem(`option "--${letter.name}" requires an argument`));
          optarg = args[i++];
        }
        const e = builtin(letter.letter, optarg, eq >= 0 ? w : optarg ?? w);
        if (e) return fail(e);
        continue;
      }
      const e = extension(letter ? letter.name : name, attached);
      if (e) return fail(e);
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      for (let k = 1; k < w.length; k++) {
        const c = w[k];
        if (!WITH_ARG.has(c) && !OPTIONAL_ARG.has(c) && !'nvxhV46fw'.includes(c)) return fail(problem(`unknown option "${w.length === 2 ? w : `-${c}`}"`));
        if (WITH_ARG.has(c)) {
          let optarg: string | undefined = w.slice(k + 1) || undefined;
          if (optarg === undefined) {
            if (i >= args.length) return fail(problem(`option "-${c}" requires an argument`));
            optarg = args[i++];
          }
          const e = builtin(c, optarg, optarg === w.slice(k + 1) ? w : optarg);
          if (e) return fail(e);
          break;
        }
        if (OPTIONAL_ARG.has(c)) {
          const rest = w.slice(k + 1) || undefined;
          const e = builtin(c, rest, w);
          if (e) return fail(e);
          break;
        }
        const e = builtin(c, undefined, w);
        if (e) return fail(e);
      }
      continue;
    }
    return fail(badArg(w));
  }

  const rules: Rule[] = [];
  if (!cmd) return fail(problem('no command specified'));
  if (cmd === 'h' || cmd === 'V') return done();
  if (!isTableName(tableName)) {
    return fail({ message: `table '${tableName}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`, exit: 3, prefixed: true, usage: false });
  }
  const table = tableName as TableName;

  if (cmd === 'N' || cmd === 'E') {
    const name = cmd === 'N' ? chain! : arg2!;
    const e = checkChainName(name);
    if (e) return fail(e);
  }
  const ruleCmd = cmd === 'A' || cmd === 'C' || cmd === 'I' || cmd === 'R' || (cmd === 'D' && num === undefined);
  if (ruleCmd) {
    if (inIface && (chain === 'OUTPUT' || chain === 'POSTROUTING')) return fail(problem(`Can't use -i with ${chain}\n`));
    if (outIface && (chain === 'INPUT' || chain === 'PREROUTING')) return fail(problem(`Can't use -o with ${chain}\n`));
    for (const m of matches) {
      const e = protoCheck(m.ext.name, proto) ?? m.ext.final?.(m.inst.data, st());
      if (e) return fail(problem(e));
    }
    if (target?.ext) {
      const e = target.ext.final?.(target.inst.data, st());
      if (e) return fail(problem(e));
    } else if (target && !STANDARD.has(target.inst.name)) {
      if (!lookup.chainExists(table, target.inst.name)) return fail(problem(`Chain '${target.inst.name}' does not exist`));
    }
  } else if (target || matches.length || proto || src.length || dst.length || inIface || outIface) {
    // Rule options with a command that takes none.
    if (cmd !== 'D') return fail(problem(`Illegal option \`-${[...seen][0] ?? 'm'}' with this command`));
  }

  if (ruleCmd) {
    const srcs: (AddrFilter | undefined)[] = [];
    const dsts: (AddrFilter | undefined)[] = [];
    for (const [list, inv, out] of [[src, srcInv, srcs], [dst, dstInv, dsts]] as const) {
      if (list.length === 0) out.push(undefined);
      for (const a of list) {
        const f = parseAddrFilter(a === 'localhost' ? '127.0.0.1' : a, inv);
        if (typeof f === 'string') return fail(problem(f));
        // `-d 0/0` (moby writes it for a 0.0.0.0 host IP) matches anything: no filter at all.
        out.push(f.mask === 0 && !f.inv ? undefined : f);
      }
    }
    let n = 0;
    for (const s of srcs) {
      for (const d of dsts) {
        // Extension data is shared by nothing else: only extra rules (-s a,b) need copies.
        const copy = <T>(x: T): T => (n === 0 ? x : structuredClone(x));
        n++;
        const r: Rule = { matches: matches.map((m) => ({ name: m.inst.name, data: copy(m.inst.data) })), counters: { ...counters } };
        if (s) r.src = s;
        if (d) r.dst = d;
        if (inIface) r.inIface = inIface;
        if (outIface) r.outIface = outIface;
        // `-p all` (0) is no protocol filter at all: the same rule as none, printed without -p.
        if (proto && (proto.num !== 0 || proto.inv)) r.proto = proto;
        if (target) r.target = { ...target.inst, data: copy(target.inst.data) };
        rules.push(r);
      }
    }
  }
  return done();

  function done(): ParseResult {
    return { ok: true, value: { cmd: cmd!, zero, table: tableName as TableName, chain, arg2, num, rules, ...flags } };
  }
}

function fail(error: ParseFailure): ParseResult {
  return { ok: false, error };
}

/** tcp/udp/icmp matches need the matching -p (libxt_tcp's "TCP match requires '-p tcp'"). */
function protoCheck(name: string, proto: { num: number; inv: boolean } | undefined): string | undefined {
  const need: Record<string, [number, string]> = { tcp: [6, "TCP match requires '-p tcp'"], udp: [17, "UDP match requires '-p udp'"] };
  const n = need[name];
  if (n && (proto?.num !== n[0] || proto.inv)) return n[1];
  return undefined;
}

function checkChainName(name: string): ParseFailure | undefined {
  if (name.length >= 29) return problem(`chain name \`${name}' too long (must be under 29 chars)`);
  if (name.startsWith('-')) return problem("chain name not allowed to start with `-'");
  if (STANDARD.has(name) || getTarget(name)) return problem('chain name may not clash with target name');
  if (/\s/.test(name)) return problem(`Invalid chain name \`${name}'`);
  return undefined;
}

function extensionNames(matches: Loaded[], t: TargetExt | undefined, proto: { num: number } | undefined): string[] {
  const names: string[] = [];
  if (t) names.push(...Object.keys(t.options));
  for (const m of matches) names.push(...Object.keys(m.ext.options));
  const pname = proto?.num === 6 ? 'tcp' : proto?.num === 17 ? 'udp' : proto?.num === 1 ? 'icmp' : undefined;
  if (pname) names.push(...Object.keys(getMatch(pname)!.options));
  return names;
}

/** getopt_long's lookup: exact name, else a unique prefix among built-in and extension options. */
function resolveLong(name: string, extNames: string[]): { letter: string; name: string; builtin: boolean } | undefined {
  if (LONG[name]) return { letter: LONG[name], name, builtin: true };
  if (extNames.includes(name)) return { letter: '', name, builtin: false };
  const hits = [
    ...Object.keys(LONG).filter((k) => k.startsWith(name)).map((k) => ({ letter: LONG[k], name: k, builtin: true })),
    ...extNames.filter((k) => k.startsWith(name)).map((k) => ({ letter: '', name: k, builtin: false })),
  ];
  const uniq = new Map(hits.map((h) => [h.name, h]));
  return uniq.size === 1 ? [...uniq.values()][0] : undefined;
}
