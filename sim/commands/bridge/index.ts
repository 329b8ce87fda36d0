/**
 * `bridge` (iproute2 6.1.0): `link [show] [dev X]`, `link set dev X cost|priority N`,
 * `fdb [show] [br B] [dev X]`, `fdb add|del MAC dev X master`. Prints from kernel state.
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import type { Link } from '../../kernel/types.ts';
import { kernelOf, matches } from '../ip/common.ts';
import { flagsOf } from '../ip/print-link.ts';
import { fdbAddStatic, fdbEntries, fdbLookup, fdbRemove } from '../../kernel/fdb.ts';
import { parseMac } from '../../kernel/addr-util.ts';
import { USAGE_BRIDGE_FDB, USAGE_BRIDGE_LINK } from './usage.ts';

const USAGE =
  'Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n' +
  '       bridge [ -force ] -batch filename\n' +
  'where  OBJECT := { link | fdb | mdb | vlan | monitor }\n' +
  '       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n' +
  '                    -o[neline] | -t[imestamp] | -n[etns] name |\n' +
  '                    -c[ompressvlans] -color -p[retty] -j[son] }\n';

interface Env {
  k: Kernel;
  ns: number;
  details: boolean;
  out(s: string): void;
  err(s: string): void;
}

function* bridgeProgram(ctx: ProcContext): Generator<Wait, number, void> {
  const k = kernelOf(ctx);
  const env: Env = { k, ns: ctx.netnsId, details: false, out: (s) => ctx.out(s), err: (s) => ctx.err(s) };
  const argv = ctx.argv.slice(1);
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    const w = argv[i];
    if (matches(w, '-netns') && w.length > 1) {
      const name = argv[++i];
      const ns = name !== undefined ? k.netnsByName(name) : undefined;
      if (!ns) {
        ctx.err(`Cannot open network namespace "${name}": No such file or directory\n`);
        return 255;
      }
      env.ns = ns.id;
    } else if (matches(w, '-details') && w.length > 1) env.details = true;
    else if (['-statistics', '-oneline', '-json', '-pretty', '-color', '-compressvlans', '-timestamp'].some((o) => matches(w, o) && w.length > 1)) continue;
    else {
      ctx.err(`Option "${w}" is unknown, try "bridge help".\n`);
      return 255;
    }
  }
  const [obj, ...rest] = argv.slice(i);
  if (obj === undefined) {
    ctx.err(USAGE);
    return 255;
  }
  if (matches(obj, 'link')) return link(env, rest);
  if (matches(obj, 'fdb')) return fdb(env, rest);
  if (matches(obj, 'help')) {
    ctx.err(USAGE);
    return 255;
  }
  ctx.err(`Object "${obj}" is unknown, try "bridge help".\n`);
  return 255;
}

function link(env: Env, a: string[]): number {
  const [cmd, ...r] = a;
  const { k } = env;
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) {
    let dev: Link | undefined;
    for (let i = 0; i < r.length; i++) {
      if (r[i] === 'dev') {
        dev = k.linkByName(env.ns, r[++i] ?? '');
        if (!dev) {
          env.err(`Cannot find device "${r[i]}"\n`);
          return 255;
        }
      }
    }
    for (const l of k.links(env.ns)) {
      if (!l.port || (dev && dev !== l)) continue;
      const br = k.linkByIndex(env.ns, l.master!)!;
      env.out(
        `${l.index}: ${bridgeName(k, l)}: <${flagsOf(k, l)}> mtu ${l.mtu} master ${br.name} state ${l.port.state} priority ${l.port.priority} cost ${l.port.cost} \n`,
      );
      if (env.details) {
        env.out(`    hairpin ${onOff(l.port.hairpin)} guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off \n`);
      }
    }
    return 0;
  }
  if (matches(cmd, 'set')) {
    let devName: string | undefined;
    const set: { cost?: number; priority?: number; hairpin?: boolean } = {};
    // brlink_modify parses every argument before it looks the device up.
    for (let i = 0; i < r.length; i++) {
      if (['dev', 'cost', 'priority', 'hairpin'].includes(r[i]) && i + 1 >= r.length) {
        env.err('Command line is not complete. Try option "help"\n');
        return 255;
      }
      if (r[i] === 'dev') devName = r[++i];
      else if (r[i] === 'cost') set.cost = Number(r[++i]);
      else if (r[i] === 'priority') set.priority = Number(r[++i]);
      else if (r[i] === 'hairpin') {
        const v = r[++i];
        if (v !== 'on' && v !== 'off') {
          // iproute2's parse_on_off returns -EINVAL, which becomes the exit status (234).
          env.err(`Error: argument of "hairpin" must be one of "off", "on", not "${v}"\n`);
          return 234;
        }
        set.hairpin = v === 'on';
      }
    }
    const dev = devName !== undefined ? k.linkByName(env.ns, devName) : undefined;
    if (devName !== undefined && !dev) {
      env.err(`Cannot find bridge device "${devName}"\n`);
      return 255;
    }
    if (!dev) {
      env.err('Device is a required argument\n');
      return 255;
    }
    if (!dev.port) {
      env.err('RTNETLINK answers: Operation not supported\n');
      return 255;
    }
    if (set.cost !== undefined) dev.port.cost = set.cost;
    if (set.priority !== undefined) dev.port.priority = set.priority;
    if (set.hairpin !== undefined) dev.port.hairpin = set.hairpin;
    return 0;
  }
  if (matches(cmd, 'help')) {
    env.err(USAGE_BRIDGE_LINK);
    return 255;
  }
  env.err(`Command "${cmd}" is unknown, try "bridge link help".\n`);
  return 255;
}

function fdb(env: Env, a: string[]): number {
  const [cmd, ...r] = a;
  const { k } = env;
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) {
    let dev: Link | undefined;
    let br: Link | undefined;
    for (let i = 0; i < r.length; i++) {
      if (r[i] === 'dev') {
        dev = k.linkByName(env.ns, r[++i] ?? '');
        if (!dev) {
          env.err(`Cannot find device "${r[i]}"\n`);
          return 255;
        }
      } else if (r[i] === 'br') {
        br = k.linkByName(env.ns, r[++i] ?? '');
        if (!br) {
          env.err(`Cannot find bridge device "${r[i]}"\n`);
          return 255;
        }
      }
    }
    for (const l of k.links(env.ns)) {
      if (l.kind === 'loopback') continue;
      if (dev && l !== dev) continue;
      if (br && l !== br && l.master !== br.index) continue;
      const devPart = dev ? '' : ` dev ${l.name}`;
      const master = l.master !== undefined ? k.linkByIndex(env.ns, l.master) : undefined;
      const self = () => {
        for (const m of l.mcList ?? []) env.out(`${m}${devPart} self permanent\n`);
      };
      if (l.kind === 'bridge') {
        self();
        for (const e of fdbEntries(l)) if (e.port === l.index) env.out(`${e.mac}${devPart} master ${l.name} permanent\n`);
        continue;
      }
      if (master) {
        for (const e of fdbEntries(master)) {
          if (e.port !== l.index) continue;
          env.out(`${e.mac}${devPart} master ${master.name} ${e.permanent ? 'permanent' : ''}\n`);
        }
      }
      self();
    }
    return 0;
  }
  if (matches(cmd, 'add') || matches(cmd, 'append') || matches(cmd, 'replace') || matches(cmd, 'delete')) {
    const del = matches(cmd, 'delete');
    let mac: string | undefined;
    let dev: Link | undefined;
    for (let i = 0; i < r.length; i++) {
      if (r[i] === 'dev') {
        dev = k.linkByName(env.ns, r[++i] ?? '');
        if (!dev) {
          env.err(`Cannot find device "${r[i]}"\n`);
          return 255;
        }
      } else if (['master', 'self', 'permanent', 'static', 'dynamic', 'local'].includes(r[i])) continue;
      else mac = parseMac(r[i]);
    }
    if (!dev || !mac) {
      env.err('Device and address are required arguments.\n');
      return 255;
    }
    const br = dev.master !== undefined ? k.linkByIndex(env.ns, dev.master) : undefined;
    if (!br) {
      env.err('RTNETLINK answers: Operation not supported\n');
      return 255;
    }
    const have = fdbLookup(br, mac);
    if (del) {
      if (!have || have.port !== dev.index) {
        env.err('RTNETLINK answers: No such file or directory\n');
        return 255;
      }
      fdbRemove(br, have);
      return 0;
    }
    if (have && matches(cmd, 'add')) {
      env.err('RTNETLINK answers: File exists\n');
      return 255;
    }
    fdbAddStatic(br, dev.index, mac, k.state.clock.now());
    return 0;
  }
  if (matches(cmd, 'help')) {
    env.err(USAGE_BRIDGE_FDB);
    return 255;
  }
  env.err(`Command "${cmd}" is unknown, try "bridge fdb help".\n`);
  return 255;
}

/**
 * `bridge link` resolves a veth's IFLA_LINK index in its own namespace even when the peer lives
 * elsewhere, so it may name an unrelated device there (`veth1@br0`); `ifN` when none has it.
 */
function bridgeName(k: Kernel, l: Link): string {
  if (l.kind !== 'veth' || !l.peer) return l.name;
  const there = k.linkByIndex(l.netnsId, l.peer.index);
  return `${l.name}@${there ? there.name : `if${l.peer.index}`}`;
}

const onOff = (b: boolean | undefined) => (b ? 'on' : 'off');

/** The `bridge` command module. */
export const bridgeCommand: CommandModule = { name: 'bridge', run: bridgeProgram };
