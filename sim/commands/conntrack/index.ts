/**
 * `conntrack` (conntrack-tools 1.4.7): -L/--dump (with -p, -s, -d, -n/-g for NATed entries,
 * -o extended), -F/--flush, -C/--count. The summary goes to standard error; the real tool
 * buffers its listing on standard output, so in a merged transcript the summary comes first.
 */
import type { CommandModule, ProcContext } from '../../shell/process.ts';
import { connections, flush } from '../../kernel/netfilter/conntrack.ts';
import { kernelOf, netnsOf } from '../iptables/env.ts';
import { CONNTRACK_HELP } from './help.ts';
import { formatConn } from './format.ts';

const PREFIX = 'conntrack v1.4.7 (conntrack-tools): ';
const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.\n";

const COMMANDS: Record<string, string> = {
  '-L': 'L', '--dump': 'L', '-F': 'F', '--flush': 'F', '-C': 'C', '--count': 'C', '-D': 'D', '--delete': 'D',
};
const WITH_ARG = new Set(['-p', '--protonum', '-s', '--src', '--orig-src', '-d', '--dst', '--orig-dst', '-o', '--output', '-f', '--family']);
const LONG_OF: Record<string, string> = { '-p': '--protonum', '-s': '--orig-src', '-d': '--orig-dst', '-n': '--src-nat', '-g': '--dst-nat' };

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
  if (cmd === 'F') {
    const bad = Object.keys(filt)[0] ?? [...flags][0];
    if (bad) {
      ctx.err(`${PREFIX}Illegal option \`${bad}' with this command\n${TRY}`);
      return 2;
    }
    flush(ns);
    ctx.err(`${PREFIX}connection tracking table has been emptied.\n`);
    return 0;
  }
  const pname = proto === '6' ? 'tcp' : proto === '17' ? 'udp' : proto === '1' ? 'icmp' : proto;
  const list = connections(ns, now).filter((c) =>
    (!pname || c.orig.proto === pname) &&
    (!filt['--orig-src'] || c.orig.src === filt['--orig-src']) &&
    (!filt['--orig-dst'] || c.orig.dst === filt['--orig-dst']) &&
    (!flags.has('--src-nat') || c.srcNat) &&
    (!flags.has('--dst-nat') || c.dstNat));
  if (cmd === 'C') {
    ctx.out(`${list.length}\n`);
    return 0;
  }
  if (cmd === 'D') {
    ctx.err(`${PREFIX}0 flow entries have been deleted.\n`);
    return 1;
  }
  const extended = filt['--output'] === 'extended';
  ctx.err(`${PREFIX}${list.length} flow entries have been shown.\n`);
  ctx.out(list.map((c) => formatConn(c, now, extended) + '\n').join(''));
  return 0;
}

export const conntrackCommand: CommandModule = { name: 'conntrack', run };
