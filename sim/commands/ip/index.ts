/**
 * The `ip` command (iproute2 6.1.0): global options, object dispatch with iproute2's
 * abbreviation rules (first object in its table that the word is a prefix of), and
 * `ip netns exec`, which runs any command in a namespace through ctx.spawn.
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { kernelOf, matches, type IpEnv, type IpOptions } from './common.ts';
import { ipLink } from './link.ts';
import { ipAddr } from './addr.ts';
import { ipRoute } from './route.ts';
import { ipNeigh } from './neigh.ts';
import { ipNetns } from './netns.ts';
import { USAGE_IP } from './usage.ts';
import { completeIp } from '../complete-words.ts';

type Handler = (env: IpEnv, argv: string[]) => number;

/** iproute2's object table, in its order (abbreviations resolve to the first match). */
const OBJECTS: [string, Handler | null][] = [
  ['address', ipAddr],
  ['addrlabel', null],
  ['maddress', null],
  ['route', ipRoute],
  ['rule', null],
  ['neighbor', ipNeigh],
  ['neighbour', ipNeigh],
  ['ntable', null],
  ['ntbl', null],
  ['link', ipLink],
  ['l2tp', null],
  ['fou', null],
  ['ila', null],
  ['macsec', null],
  ['tunnel', null],
  ['tunl', null],
  ['tuntap', null],
  ['tap', null],
  ['token', null],
  ['tcpmetrics', null],
  ['tcp_metrics', null],
  ['monitor', null],
  ['xfrm', null],
  ['mroute', null],
  ['mrule', null],
  ['netns', ipNetns],
  ['netconf', null],
  ['vrf', null],
  ['sr', null],
  ['nexthop', null],
  ['mptcp', null],
  ['ioam', null],
  ['help', null],
  ['stats', null],
];

/** Global options in ip.c's order, for abbreviation matching. */
const OPTIONS = ['-loops', '-family', '-4', '-6', '-0', '-M', '-B', '-human', '-iec', '-stats', '-statistics', '-details', '-resolve', '-oneline', '-timestamp', '-tshort', '-Version', '-force', '-batch', '-rcvbuf', '-color', '-help', '-netns', '-Numeric', '-all', '-brief', '-json', '-pretty'];

type Parsed =
  | { ok: true; opts: IpOptions; rest: string[] }
  | { ok: false; msg: string; code: number };

/** Parses the global options; stops at the object word. */
export function parseGlobal(ctx: ProcContext, argv: string[]): Parsed & { netnsName?: string } {
  const opts: IpOptions = { stats: 0, details: false, brief: false, oneline: false, json: false, pretty: false, netnsId: ctx.netnsId };
  let i = 0;
  let netnsName: string | undefined;
  for (; i < argv.length; i++) {
    let w = argv[i];
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    if (w.startsWith('--')) w = w.slice(1);
    const opt = OPTIONS.find((o) => o.startsWith(w) && w.length > 1);
    // "-s" is -stats, "-d" -details, "-b" -batch, "-br" -brief, "-n" -netns, "-o" -oneline.
    switch (opt) {
      case '-4':
        opts.family = 4;
        break;
      case '-6':
        opts.family = 6;
        break;
      case '-stats':
      case '-statistics':
        opts.stats++;
        break;
      case '-details':
        opts.details = true;
        break;
      case '-oneline':
        opts.oneline = true;
        break;
      case '-brief':
        opts.brief = true;
        break;
      case '-netns':
        netnsName = argv[++i] ?? '(null)';
        break;
      case '-family': {
        const f = argv[++i];
        if (f === 'inet') opts.family = 4;
        else if (f === 'inet6') opts.family = 6;
        break;
      }
      case '-json':
        opts.json = true;
        break;
      case '-pretty':
        opts.pretty = true;
        break;
      case '-color':
      case '-resolve':
      case '-Numeric':
      case '-human':
      case '-iec':
      case '-all':
      case '-force':
      case '-timestamp':
      case '-tshort':
      case '-0':
        break;
      case '-Version':
        return { ok: false, msg: 'ip utility, iproute2-6.1.0, libbpf 1.1.2\n', code: 0 };
      case '-help':
        return { ok: false, msg: USAGE_IP, code: 255 };
      default:
        return { ok: false, msg: `Option "${argv[i]}" is unknown, try "ip -help".\n`, code: 255 };
    }
  }
  return { ok: true, opts, rest: argv.slice(i), netnsName };
}

function* ipProgram(ctx: ProcContext): Generator<Wait, number, void> {
  const k = kernelOf(ctx);
  const g = parseGlobal(ctx, ctx.argv.slice(1));
  if (!g.ok) {
    if (g.code === 0) ctx.out(g.msg);
    else ctx.err(g.msg);
    return g.code;
  }
  const opts = g.opts;
  if (g.netnsName !== undefined) {
    const ns = k.netnsByName(g.netnsName);
    if (!ns) {
      ctx.err(`Cannot open network namespace "${g.netnsName}": No such file or directory\n`);
      return 255;
    }
    opts.netnsId = ns.id;
  }
  const env: IpEnv = { k, ctx, opts, out: (s) => ctx.out(s), err: (s) => ctx.err(s) };
  const [obj, ...rest] = g.rest;
  if (obj === undefined) {
    ctx.err(USAGE_IP);
    return 255;
  }
  const hit = OBJECTS.find(([name]) => matches(obj, name));
  if (!hit) {
    ctx.err(`Object "${obj}" is unknown, try "ip help".\n`);
    return 1;
  }
  if (hit[0] === 'help') {
    ctx.err(USAGE_IP);
    return 255;
  }
  if (hit[0] === 'netns' && rest[0] !== undefined && matches(rest[0], 'exec')) {
    return yield* netnsExec(env, rest.slice(1));
  }
  if (!hit[1]) {
    ctx.err(`Object "${obj}" is unknown, try "ip help".\n`);
    return 1;
  }
  return hit[1](env, rest);
}

function* netnsExec(env: IpEnv, argv: string[]): Generator<Wait, number, void> {
  const [name, ...cmd] = argv;
  if (name === undefined) {
    env.err('No netns name specified\n');
    return 1;
  }
  const ns = env.k.netnsByName(name);
  if (!ns) {
    env.err(`Cannot open network namespace "${name}": No such file or directory\n`);
    return 255;
  }
  if (!cmd.length) {
    env.err('No command specified\n');
    return 1;
  }
  // ip execvp()s the command: a name the machine does not know fails like a missing binary.
  const registry = (env.ctx.machine as unknown as { commands?: { get(n: string): unknown } }).commands;
  if (registry && !cmd[0].includes('/') && !registry.get(cmd[0])) {
    env.err(`exec of "${cmd[0]}" failed: No such file or directory\n`);
    return 1;
  }
  return yield* env.ctx.spawn(cmd, { netnsId: ns.id });
}

/** The `ip` command module. */
export const ipCommand: CommandModule = { name: 'ip', run: ipProgram, complete: completeIp };
