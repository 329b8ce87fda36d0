/**
 * `ip6tables` and `ip6tables-save` (1.8.9, nf_tables) over the namespace's IPv6 tables
 * (rules.ts): the commands Docker's daemon execs (-N, -A, -I, -C, -D, -F, -X, -P, `-n -L`)
 * and the listings (-S, -L [-n] [-v] [--line-numbers], save), with the real tool's texts
 * and exit statuses as recorded on the reference kernel.
 */
import type { CommandModule, ProcContext } from '../../shell/process.ts';
import type { Netns } from '../../kernel/types.ts';
import { ctime } from '../iptables-save/index.ts';
import {
  BUILTIN6, PROTO_NAMES, SAVE_ORDER6, chains6, newTable6, parseRule6, references6, ruleSpec6, tables6,
  type Chain6, type Rule6, type Table6, type Table6Name,
} from './rules.ts';

const VERSION = 'v1.8.9 (nf_tables)';
const PROG = 'ip6tables';

interface KernelView {
  state: { clock: { now(): number; epochMs: number } };
  netns(id: number): Netns | undefined;
}
const kernelOf = (ctx: ProcContext) => (ctx.machine as unknown as { kernel: KernelView }).kernel;

const isTable = (s: string): s is Table6Name => s === 'raw' || s === 'mangle' || s === 'nat' || s === 'filter';
const padR = (s: string, w: number) => (s.length >= w ? s : s + ' '.repeat(w - s.length));
const padL = (s: string, w: number) => (s.length >= w ? s : ' '.repeat(w - s.length) + s);

const NO_CHAIN = `${PROG}: No chain/target/match by that name.\n`;
const BAD_RULE = `${PROG}: Bad rule (does a matching rule exist in that chain?).\n`;

/** `-L`'s source/destination field. */
function addrField(a: Rule6['src'], numeric: boolean): string {
  const inv = a?.inv ? '!' : ' ';
  if (!a || a.len === 0) return `${inv}${padR(numeric ? '::/0' : 'anywhere', 19)} `;
  return `${inv}${padR(a.len === 128 ? a.addr : `${a.addr}/${a.len}`, 19)} `;
}

/** What each match adds at the end of an `-L` line. */
function matchList(m: Rule6['matches'][number]): string {
  const o = m.opts;
  const get = (k: string) => {
    const i = o.indexOf(k);
    return i < 0 ? undefined : { v: o[i + 1], inv: o[i - 1] === '!' };
  };
  switch (m.name) {
    case 'addrtype': {
      let s = 'ADDRTYPE match';
      const src = get('--src-type');
      const dst = get('--dst-type');
      if (src) s += ` src-type ${src.inv ? '!' : ''}${src.v}`;
      if (dst) s += ` dst-type ${dst.inv ? '!' : ''}${dst.v}`;
      return s + ' ';
    }
    case 'tcp':
    case 'udp': {
      let s = m.name;
      const sp = get('--sport');
      const dp = get('--dport');
      if (sp) s += ` spt:${sp.inv ? '!' : ''}${sp.v}`;
      if (dp) s += ` dpt:${dp.inv ? '!' : ''}${dp.v}`;
      return s + ' ';
    }
    case 'conntrack': {
      const st = get('--ctstate');
      return st ? `ctstate ${st.inv ? '! ' : ''}${st.v} ` : '';
    }
    default:
      return '';
  }
}

function listChain(t: Table6, c: Chain6, f: { numeric: boolean; verbose: boolean; lines: boolean }): string {
  let out = c.builtin ? `Chain ${c.name} (policy ${c.policy}${f.verbose ? ' 0 packets, 0 bytes' : ''})\n` : `Chain ${c.name} (${references6(t, c.name)} references)\n`;
  out += `${f.lines ? 'num  ' : ''}${f.verbose ? ' pkts bytes ' : ''}target     prot opt${f.verbose ? ' in     out    ' : ''} ${padR('source', 19)}  ${padR('destination', 19)} \n`;
  c.rules.forEach((r, i) => {
    let s = f.lines ? `${padR(String(i + 1), 4)} ` : '';
    if (f.verbose) s += `${padL(String(r.counters.pkts), 5)} ${padL(String(r.counters.bytes), 5)} `;
    s += `${padR(r.target?.name ?? '', 9)} `;
    const p = r.proto?.num ?? 0;
    s += (r.proto?.inv ? '!' : ' ') + padR(f.numeric ? String(p) : PROTO_NAMES[p] ?? String(p), 5) + '-- ';
    if (f.verbose) {
      const any = f.numeric ? '*' : 'any';
      const ifc = (x: Rule6['inIf']) => (x ? `${x.inv ? '!' : ''}${x.name}` : any);
      s += ` ${padR(ifc(r.inIf), 6)} ${padR(ifc(r.outIf), 6)} `;
    }
    // print_ipv6_addresses leaves one more space after the destination than the IPv4 listing.
    s += addrField(r.src, f.numeric) + addrField(r.dst, f.numeric) + ' ';
    for (const m of r.matches) s += matchList(m);
    out += s + '\n';
  });
  return out;
}

const sameRule = (a: Rule6, b: Rule6) => ruleSpec6(a) === ruleSpec6(b);

function* run(ctx: ProcContext): Generator<never, number, void> {
  const args = ctx.argv.slice(1).filter((a) => a !== '--wait' && a !== '-w');
  let table: string = 'filter';
  let cmd: string | undefined;
  let chain: string | undefined;
  let extra: string | undefined;
  let num: number | undefined;
  const f = { numeric: false, verbose: false, lines: false };
  const rest: string[] = [];
  const CMDS: Record<string, string> = {
    '-A': 'A', '--append': 'A', '-I': 'I', '--insert': 'I', '-D': 'D', '--delete': 'D', '-C': 'C', '--check': 'C',
    '-N': 'N', '--new-chain': 'N', '-X': 'X', '--delete-chain': 'X', '-F': 'F', '--flush': 'F', '-P': 'P', '--policy': 'P',
    '-S': 'S', '--list-rules': 'S', '-L': 'L', '--list': 'L', '-Z': 'Z', '--zero': 'Z',
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-V' || a === '--version') {
      ctx.out(`${PROG} ${VERSION}\n`);
      return 0;
    }
    if (a === '-t' || a === '--table') table = args[++i] ?? '';
    else if (CMDS[a]) {
      if (cmd) {
        ctx.err(`${PROG} ${VERSION}: Can't use -${CMDS[a]} with -${cmd}\n\nTry \`${PROG} -h' or '${PROG} --help' for more information.\n`);
        return 2;
      }
      cmd = CMDS[a];
      const optional = cmd === 'L' || cmd === 'S' || cmd === 'F' || cmd === 'X' || cmd === 'Z';
      if (args[i + 1] !== undefined && (!optional || !args[i + 1].startsWith('-'))) chain = args[++i];
      if (cmd === 'P' && args[i + 1] !== undefined) extra = args[++i];
      if ((cmd === 'I' || cmd === 'D' || cmd === 'L' || cmd === 'S') && /^\d+$/.test(args[i + 1] ?? '')) num = Number(args[++i]);
    } else if (a === '-n' || a === '--numeric') f.numeric = true;
    else if (a === '-v' || a === '--verbose') f.verbose = true;
    else if (a === '--line-numbers') f.lines = true;
    else if (/^-[nv]+$/.test(a)) {
      if (a.includes('n')) f.numeric = true;
      if (a.includes('v')) f.verbose = true;
    } else rest.push(a);
  }
  if (!cmd) {
    ctx.err(`${PROG} ${VERSION}: no command specified\nTry \`${PROG} -h' or '${PROG} --help' for more information.\n`);
    return 2;
  }
  if (!isTable(table)) {
    ctx.err(`${PROG} ${VERSION}: table '${table}' does not exist\nPerhaps ${PROG} or your kernel needs to be upgraded.\n`);
    return 3;
  }
  const ns = kernelOf(ctx).netns(ctx.netnsId)!;
  const all = tables6(ns);
  const existing = all.get(table);
  const view = existing ?? newTable6(table);
  const use = (): Table6 => {
    if (!all.has(table as Table6Name)) all.set(table as Table6Name, view);
    return view;
  };

  if (cmd === 'L' || cmd === 'S' || cmd === 'Z') {
    const list = chain !== undefined ? [view.chains.get(chain)] : chains6(view);
    if (list.some((c) => !c)) {
      ctx.err(`${PROG} ${VERSION}: chain \`${chain}' in table \`${table}' is incompatible, use 'nft' tool.\n`);
      return 1;
    }
    if (cmd === 'Z') return 0;
    if (cmd === 'L') ctx.out(list.map((c) => listChain(view, c!, f)).join('\n'));
    else {
      const cs = list as Chain6[];
      const lines: string[] = [];
      for (const c of cs) lines.push(c.builtin ? `-P ${c.name} ${c.policy}` : `-N ${c.name}`);
      for (const c of cs) for (const r of c.rules) lines.push(`-A ${c.name}${ruleSpec6(r)}`);
      const out = num !== undefined && cs.length === 1 ? (cs[0].rules[num - 1] ? [`-A ${cs[0].name}${ruleSpec6(cs[0].rules[num - 1])}`] : []) : chain === undefined ? [...lines.filter((l) => l.startsWith('-P')), ...lines.filter((l) => l.startsWith('-N')), ...lines.filter((l) => l.startsWith('-A'))] : lines;
      ctx.out(out.length ? out.join('\n') + '\n' : '');
    }
    return 0;
  }

  const parsed = parseRule6(rest);
  if (!parsed.ok) {
    ctx.err(`${PROG} ${VERSION}: ${parsed.message}\n${parsed.usage ? `Try \`${PROG} -h' or '${PROG} --help' for more information.\n` : ''}`);
    return parsed.exit;
  }
  const rule = parsed.rule;
  const c = chain !== undefined ? view.chains.get(chain) : undefined;
  const missing = () => (ctx.err(NO_CHAIN), 1);
  // A jump to a chain that does not exist is refused like a missing chain.
  const badTarget = rule.target && !view.chains.has(rule.target.name) && !/^(ACCEPT|DROP|RETURN|REJECT|LOG|MASQUERADE|DNAT|SNAT|REDIRECT|MARK|CONNMARK|TCPMSS|NOTRACK|CT)$/.test(rule.target.name);
  switch (cmd) {
    case 'A':
    case 'I': {
      if (!c || badTarget) return missing();
      use();
      if (cmd === 'A') c.rules.push(rule);
      else {
        const at = (num ?? 1) - 1;
        if (at > c.rules.length) {
          ctx.err(`${PROG}: Index of insertion too big.\n`);
          return 1;
        }
        c.rules.splice(at, 0, rule);
      }
      return 0;
    }
    case 'C':
    case 'D': {
      if (!c) return missing();
      if (cmd === 'D' && num !== undefined) {
        if (num < 1 || num > c.rules.length) {
          ctx.err(`${PROG}: Index of deletion too big.\n`);
          return 1;
        }
        c.rules.splice(num - 1, 1);
        return 0;
      }
      const i = c.rules.findIndex((r) => sameRule(r, rule));
      if (i < 0) {
        ctx.err(BAD_RULE);
        return 1;
      }
      if (cmd === 'D') c.rules.splice(i, 1);
      return 0;
    }
    case 'N':
      if (chain === undefined || chain.startsWith('-')) return missing();
      if (view.chains.has(chain) || BUILTIN6[table].includes(chain)) {
        ctx.err(`${PROG}: Chain already exists.\n`);
        return 1;
      }
      use().chains.set(chain, { name: chain, builtin: false, rules: [] });
      return 0;
    case 'P':
      if (!c || !c.builtin) return missing();
      if (extra !== 'ACCEPT' && extra !== 'DROP') {
        ctx.err(`${PROG}: Bad policy name. Run \`dmesg' for more information.\n`);
        return 1;
      }
      use();
      c.policy = extra;
      return 0;
    case 'F':
      if (chain !== undefined && !c) return missing();
      for (const x of c ? [c] : view.chains.values()) x.rules = [];
      return 0;
    case 'X': {
      if (chain !== undefined) {
        if (!c) return missing();
        if (c.builtin || references6(view, c.name) > 0 || c.rules.length) {
          ctx.err(`${PROG} ${VERSION}:  CHAIN_DEL failed (Device or resource busy): chain ${c.name}\n`);
          return 4;
        }
        view.chains.delete(c.name);
        return 0;
      }
      // Every empty, unreferenced user chain goes.
      for (const x of [...view.chains.values()]) if (!x.builtin && !x.rules.length && references6(view, x.name) === 0) view.chains.delete(x.name);
      return 0;
    }
  }
  return 0;
}

/** One table as ip6tables-save prints it. */
function saveTable6(t: Table6, date: string): string {
  const lines = [`# Generated by ip6tables-save ${VERSION} on ${date}`, `*${t.name}`];
  const cs = chains6(t);
  for (const c of cs) lines.push(c.builtin ? `:${c.name} ${c.policy} [0:0]` : `:${c.name} - [0:0]`);
  for (const c of cs) for (const r of c.rules) lines.push(`-A ${c.name}${ruleSpec6(r)}`);
  lines.push('COMMIT', `# Completed on ${date}`);
  return lines.join('\n') + '\n';
}

function* save(ctx: ProcContext): Generator<never, number, void> {
  const args = ctx.argv.slice(1);
  let only: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-V' || a === '--version') {
      ctx.out(`ip6tables-save ${VERSION}\n`);
      return 0;
    }
    if (a === '-t' || a === '--table') only = args[++i];
    else if (a.startsWith('-t') && a.length > 2) only = a.slice(2);
    else if (a !== '-c' && a !== '--counters') {
      ctx.err(`ip6tables-save: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'\nLook at manual page \`ip6tables-save.8' for more information.\n`);
      return 1;
    }
  }
  const k = kernelOf(ctx);
  const ns = k.netns(ctx.netnsId)!;
  const date = ctime(k.state.clock.epochMs + k.state.clock.now());
  const all = tables6(ns);
  if (only !== undefined) {
    if (!isTable(only)) {
      ctx.err(`Table \`${only}' does not exist\n`);
      return 1;
    }
    ctx.out(saveTable6(all.get(only) ?? newTable6(only), date));
    return 0;
  }
  ctx.out(SAVE_ORDER6.filter((n) => all.has(n)).map((n) => saveTable6(all.get(n)!, date)).join(''));
  return 0;
}

export const ip6tablesCommand: CommandModule = { name: 'ip6tables', aliases: ['ip6tables-nft'], run };
export const ip6tablesSaveCommand: CommandModule = { name: 'ip6tables-save', aliases: ['ip6tables-nft-save'], run: save };
