/**
 * `brctl` (bridge-utils): show, addbr, delbr, addif, delif, showmacs, stp, setageing.
 * Messages and exit codes as bridge-utils prints them (recorded on the reference machine).
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { kernelOf } from '../ip/common.ts';
import { bridgeIdMac, bridgePorts } from '../../kernel/bridge.ts';
import { fdbEntries } from '../../kernel/fdb.ts';

/** [name, args (with alignment tabs), help], as bridge-utils' command table. */
const COMMANDS: [string, string, string, number][] = [
  ['addbr', '<bridge>\t', 'add bridge', 1],
  ['delbr', '<bridge>\t', 'delete bridge', 1],
  ['addif', '<bridge> <device>', 'add interface to bridge', 2],
  ['delif', '<bridge> <device>', 'delete interface from bridge', 2],
  ['hairpin', '<bridge> <port> {on|off}', 'turn hairpin on/off', 3],
  ['setageing', '<bridge> <time>\t', 'set ageing time', 2],
  ['setbridgeprio', '<bridge> <prio>\t', 'set bridge priority', 2],
  ['setfd', '<bridge> <time>\t', 'set bridge forward delay', 2],
  ['sethello', '<bridge> <time>\t', 'set hello time', 2],
  ['setmaxage', '<bridge> <time>\t', 'set max message age', 2],
  ['setpathcost', '<bridge> <port> <cost>', 'set path cost', 3],
  ['setportprio', '<bridge> <port> <prio>', 'set port priority', 3],
  ['show', '[ <bridge> ]\t', 'show a list of bridges', 0],
  ['showmacs', '<bridge>\t', 'show a list of mac addrs', 1],
  ['showstp', '<bridge>\t', 'show bridge stp info', 1],
  ['stp', '<bridge> {on|off}', 'turn stp on/off', 2],
];

const USAGE = 'Usage: brctl [commands]\ncommands:\n' + COMMANDS.map(([n, a, h]) => `\t${n.padEnd(10)}\t${a}\t${h}\n`).join('');

function* brctlProgram(ctx: ProcContext): Generator<Wait, number, void> {
  const k = kernelOf(ctx);
  const ns = ctx.netnsId;
  const [cmd, ...a] = ctx.argv.slice(1);
  if (cmd === undefined) {
    ctx.out(USAGE);
    return 1;
  }
  const spec = COMMANDS.find((c) => c[0] === cmd);
  if (!spec) {
    ctx.out(`never heard of command [${cmd}]\n${USAGE}`);
    return 1;
  }
  if (a.length < spec[3]) {
    ctx.err(`Incorrect number of arguments for command\nUsage: brctl ${spec[0]} ${spec[1]}\t${spec[2]}\n`);
    return 1;
  }
  const name = (s: string) => s.slice(0, 15);
  switch (cmd) {
    case 'show':
      return show(ctx, k, ns, a);
    case 'addbr': {
      const r = k.bridgeAdd(ns, name(a[0]));
      if (!r.ok) {
        ctx.err(`device ${a[0]} already exists; can't create bridge with the same name\n`);
        return 1;
      }
      return 0;
    }
    case 'delbr': {
      const br = k.linkByName(ns, a[0]);
      if (!br) {
        ctx.err(`bridge ${a[0]} doesn't exist; can't delete it\n`);
        return 1;
      }
      if (br.kind !== 'bridge') {
        ctx.err(`can't delete bridge ${a[0]}: Operation not permitted\n`);
        return 1;
      }
      if (br.flags.up) {
        ctx.err(`bridge ${a[0]} is still up; can't delete it\n`);
        return 1;
      }
      k.linkDelete(br);
      return 0;
    }
    case 'addif':
    case 'delif': {
      const br = k.linkByName(ns, a[0]);
      if (!br || br.kind !== 'bridge') {
        ctx.err(`bridge ${a[0]} does not exist!\n`);
        return 1;
      }
      const dev = k.linkByName(ns, a[1]);
      if (!dev) {
        ctx.err(`interface ${a[1]} does not exist!\n`);
        return 1;
      }
      if (cmd === 'delif') {
        if (dev.master !== br.index) {
          ctx.err(`device ${a[1]} is not a port of ${a[0]}\n`);
          return 1;
        }
        k.linkSetMaster(dev, undefined);
        return 0;
      }
      if (dev.kind === 'bridge') {
        ctx.err(`device ${a[1]} is a bridge device itself; can't add a bridge device to a bridge device.\n`);
        return 1;
      }
      if (dev.master !== undefined) {
        ctx.err(`device ${a[1]} is already a member of a bridge; can't add it to bridge ${a[0]}.\n`);
        return 1;
      }
      const r = k.linkSetMaster(dev, br);
      if (!r.ok) {
        ctx.err(`can't add ${a[1]} to bridge ${a[0]}: Invalid argument\n`);
        return 1;
      }
      return 0;
    }
    case 'showmacs': {
      const br = k.linkByName(ns, a[0]);
      if (!br || br.kind !== 'bridge') {
        ctx.err(`read of forward table failed: ${br ? 'Operation not supported' : 'No such device'}\n`);
        return 1;
      }
      const now = k.state.clock.now();
      const rows = fdbEntries(br)
        .filter((e) => e.port !== br.index)
        .sort((x, y) => (x.mac < y.mac ? -1 : x.mac > y.mac ? 1 : 0));
      ctx.out('port no\tmac addr\t\tis local?\tageing timer\n');
      for (const e of rows) {
        const port = k.linkByIndex(ns, e.port);
        const age = e.local ? 0 : Math.max(0, now - e.updatedAt);
        const t = `${Math.floor(age / 1000)}.${String(Math.floor((age % 1000) / 10)).padStart(2, '0')}`.padStart(7);
        ctx.out(`${String(port?.port?.portNo ?? 0).padStart(3)}\t${e.mac}\t${e.local ? 'yes' : 'no'}\t\t${t}\n`);
      }
      return 0;
    }
    case 'stp': {
      const br = k.linkByName(ns, a[0]);
      const v = a[1];
      const on = ['on', 'yes', '1'].includes(v);
      if (!on && !['off', 'no', '0'].includes(v)) {
        ctx.err('expect on/off for argument\n');
        return 1;
      }
      if (!br || br.kind !== 'bridge') {
        ctx.err(`set stp status failed: No such device\n`);
        return 1;
      }
      k.bridgeSetStp(br, on);
      return 0;
    }
    case 'setageing': {
      const br = k.linkByName(ns, a[0]);
      if (!br?.bridge) {
        ctx.err(`set ageing time failed: No such device\n`);
        return 1;
      }
      br.bridge.ageingTime = Math.round(Number(a[1]) * 1000);
      return 0;
    }
    case 'hairpin':
      return hairpin(ctx, k, ns, a);
    default:
      ctx.err(`${cmd}: not supported by this simulator\n`);
      return 1;
  }
}

/**
 * brctl sets hairpin mode only through sysfs (brif/PORT/hairpin_mode; there is no ioctl for
 * it). Inside a network namespace whose /sys still shows the initial namespace, as on the
 * reference machine, the file is missing and the ioctl fallback fails: EOPNOTSUPP for a port,
 * ENOENT otherwise. `bridge link set dev PORT hairpin on` is the way that works.
 */
function hairpin(ctx: ProcContext, k: Kernel, ns: number, a: string[]): number {
  const v = a[2];
  if (![...ON, ...OFF].includes(v)) {
    ctx.err('expect on/off for argument\n');
    return 1;
  }
  if (!k.linkByName(ns, a[0])) {
    ctx.err(`bridge ${a[0]} does not exist!\n`);
    return 1;
  }
  const dev = k.linkByName(ns, a[1]);
  if (!dev) {
    ctx.err(`interface ${a[1]} does not exist!\n`);
    return 1;
  }
  const why = dev.master !== undefined ? 'Operation not supported' : 'No such file or directory';
  ctx.err(`can't set ${a[1]} to hairpin on bridge ${a[0]}: ${why}\n`);
  return 1;
}

const ON = ['on', 'yes', '1'];
const OFF = ['off', 'no', '0'];

function show(ctx: ProcContext, k: Kernel, ns: number, names: string[]): number {
  let bridges = k.links(ns).filter((l) => l.kind === 'bridge');
  if (names.length) {
    const picked = [];
    for (const n of names) {
      const b = bridges.find((x) => x.name === n);
      if (!b) {
        ctx.err(`bridge ${n} does not exist!\n`);
        return 1;
      }
      picked.push(b);
    }
    bridges = picked;
  }
  if (!bridges.length) return 0;
  ctx.out('bridge name\tbridge id\t\tSTP enabled\tinterfaces\n');
  for (const b of bridges) {
    const id = `${b.bridge!.priority.toString(16).padStart(4, '0')}.${bridgeIdMac(b).replace(/:/g, '')}`;
    const ports = bridgePorts(k, b).map((p) => p.name);
    ctx.out(`${b.name}\t\t${id}\t${b.bridge!.stp ? 'yes' : 'no'}\t\t${ports[0] ?? ''}\n`);
    for (const p of ports.slice(1)) ctx.out(`\t\t\t\t\t\t\t${p}\n`);
  }
  return 0;
}

/** The `brctl` command module. */
export const brctlCommand: CommandModule = { name: 'brctl', run: brctlProgram };
