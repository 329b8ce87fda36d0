/**
 * `conntrack` (conntrack-tools 1.4.7): -L/--dump (with -p, -s, -d, -n/-g for NATed entries,
 * -o extended), -F/--flush, -C/--count. The summary goes to standard error; the real tool
 * buffers its listing on standard output, so in a merged transcript the summary comes first.
 */
import type { CommandModule, ProcContext } from '../../shell/process.ts';
import { connections, flush, remove } from '../../kernel/netfilter/conntrack.ts';
import { kernelOf, netnsOf } from '../iptables/env.ts';
import { CONNTRACK_HELP } from './help.ts';
import { formatConn } from './format.ts';

const PREFIX = 'conntrack v1.4.7 (conntrack-tools): ';
const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.\n";

const COMMANDS: Record<string, string> = {
  '-L': 'L', '--dump': 'L', '-F': 'F', '--flush': 'F', '-C': 'C', '--count': 'C', '-D': 'D', '--delete': 'D',
};
const WITH_ARG = new Set(['-p', '--protonum', '-s', '--src', '--orig-src', '-d', '--dst', '--orig-dst', '-o', '--output', '-f', '--family']);
const LONG_OF: Record<string, string> = {
  '-p': '--protonum', '-s': '--orig-src', '--src': '--orig-src', '-d': '--orig-dst', '--dst': '--orig-dst', '-n': '--src-nat', '-g': '--dst-nat',
  '-o': '--output', '-f': '--family',
};
/** Port options: only known once `-p tcp|udp` has loaded the protocol's extension (earlier on the line). */
const PORT_OPTS: Record<string, string> = {
  '--sport': '--orig-port-src', '--orig-port-src': '--orig-port-src', '--dport': '--orig-port-dst', '--orig-port-dst': '--orig-port-dst',
  '--reply-port-src': '--reply-port-src', '--reply-port-dst': '--reply-port-dst',
};
const PORT_PROTOS = new Set(['tcp', 'udp', '6', '17']);
/** Filter options in conntrack's option-table order, with the name its messages use. */
const ILLEGAL_ORDER: [string, string][] = [
  ['--orig-src', '--src'], ['--orig-dst', '--dst'], ['--protonum', '--protonum'], ['--output', '--output'], ['--family', '--family'],
  ['--src-nat', '--src-nat'], ['--dst-nat', '--dst-nat'],
];

function* run(ctx: ProcContext): Generator<never, number, void> {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.out(CONNTRACK_HELP);
    return 0;
  }
  let cmd: string | undefined;
  const filt: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (COMMANDS[a]) {
      cmd = COMMANDS[a];
      if (args[i + 1] === 'conntrack') i++;
    } else if (PORT_OPTS[a] && PORT_PROTOS.has(filt['--protonum'] ?? '')) {
      const v = args[++i];
      if (v === undefined) {
        ctx.err(`${PREFIX}option \`${a}' requires an argument\n${TRY}`);
        return 2;
      }
      // strtoul-like: a non-number reads as port 0 (recorded: `--dport abc` matches nothing).
      filt[PORT_OPTS[a]] = String(Number.parseInt(v, 10) || 0);
    } else if (WITH_ARG.has(a)) {
      const v = args[++i];
      if (v === undefined) {
        ctx.err(`${PREFIX}option \`${a}' requires an argument\n${TRY}`);
        return 2;
      }
      filt[LONG_OF[a] ?? a] = v;
    } else if (a === '-n' || a === '--src-nat' || a === '-g' || a === '--dst-nat') flags.add(LONG_OF[a] ?? a);
    else {
      ctx.err(`${PREFIX}unknown option \`${a}'\n${TRY}`);
      return 2;
    }
  }
  const proto = filt['--protonum'];
  if (proto !== undefined && !['tcp', 'udp', 'icmp', '6', '17', '1'].includes(proto)) {
    ctx.err(`${PREFIX}\`${proto}' unsupported protocol\n${TRY}`);
    return 2;
  }
  const ns = netnsOf(ctx);
  const now = kernelOf(ctx).state.clock.now();
  if (cmd === 'F' || cmd === 'C') {
    // Flush and count take no filter; conntrack names the first offender in its option table's
    // order, by the option's canonical name (recorded: -C -s X says `--src').
    const given = new Set([...Object.keys(filt), ...flags]);
    // (recorded: `-F -f ipv4` flushes, `-C -f ipv4` is refused)
    const bad = ILLEGAL_ORDER.find(([k]) => given.has(k) && !(cmd === 'F' && k === '--family'));
    if (bad) {
      ctx.err(`${PREFIX}Illegal option \`${bad[1]}' with this command\n${TRY}`);
      return 2;
    }
  }
  if (cmd === 'F') {
    flush(ns);
    ctx.err(`${PREFIX}connection tracking table has been emptied.\n`);
    return 0;
  }
  const pname = proto === '6' ? 'tcp' : proto === '17' ? 'udp' : proto === '1' ? 'icmp' : proto;
  const list = connections(ns, now).filter((c) =>
    (!pname || c.orig.proto === pname) &&
    (!filt['--orig-src'] || c.orig.src === filt['--orig-src']) &&
    (!filt['--orig-dst'] || c.orig.dst === filt['--orig-dst']) &&
    (!filt['--orig-port-src'] || String(c.orig.sport) === filt['--orig-port-src']) &&
    (!filt['--orig-port-dst'] || String(c.orig.dport) === filt['--orig-port-dst']) &&
    (!filt['--reply-port-src'] || String(c.reply.sport) === filt['--reply-port-src']) &&
    (!filt['--reply-port-dst'] || String(c.reply.dport) === filt['--reply-port-dst']) &&
    (!flags.has('--src-nat') || c.srcNat) &&
    (!flags.has('--dst-nat') || c.dstNat));
  if (cmd === 'C') {
    ctx.out(`${list.length}\n`);
    return 0;
  }
  if (cmd === 'D') {
    // Deletes what the filters select (everything without one), echoing each deleted entry
    // as -L would print it; nothing deleted is exit status 1 (recorded).
    const gone = list.filter((c) => remove(ns, c));
    ctx.err(`${PREFIX}${gone.length} flow entries have been deleted.\n`);
    ctx.out(gone.map((c) => formatConn(c, now, filt['--output'] === 'extended') + '\n').join(''));
    return gone.length === 0 ? 1 : 0;
  }
  const extended = filt['--output'] === 'extended';
  ctx.err(`${PREFIX}${list.length} flow entries have been shown.\n`);
  ctx.out(list.map((c) => formatConn(c, now, extended) + '\n').join(''));
  return 0;
}

export const conntrackCommand: CommandModule = { name: 'conntrack', run };
