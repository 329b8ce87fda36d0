/**
 * `ip netns`: list, add, del, set, identify, pids (exec is run by the ip program itself,
 * because it spawns a child). Names live under /run/netns; the host namespace has none.
 */
import { matches, type IpEnv } from './common.ts';
import { writeJson, type JsonObject } from './json-writer.ts';
import { USAGE_IP_NETNS } from './usage.ts';

/** What `ip netns pids` reads: the machine's process table. */
interface ProcTable {
  list(): { pid: number; argv: string[]; netnsId: number }[];
}

function procs(env: IpEnv): { pid: number; netnsId: number }[] {
  const p = (env.ctx.machine as unknown as { procs?: ProcTable }).procs;
  return p ? p.list() : [];
}

/**
 * A namespace argument as `ip link set X netns Y` takes it: a name under /run/netns or, when
 * `pidOk`, a process id whose namespace is meant. Prints nothing; undefined when not found.
 */
export function resolveNetns(env: IpEnv, name: string, pidOk = false): number | undefined {
  const ns = env.k.netnsByName(name);
  if (ns) return ns.id;
  if (pidOk && /^\d+$/.test(name)) {
    const pid = Number(name);
    if (pid === 1) return 0;
    const p = procs(env).find((x) => x.pid === pid);
    return p?.netnsId;
  }
  return undefined;
}

/** Runs `ip netns SUBCOMMAND` except exec. */
export function ipNetns(env: IpEnv, argv: string[]): number {
  const { k } = env;
  const [cmd, ...a] = argv;
  if (cmd === undefined || matches(cmd, 'list') || cmd === 'show') {
    const me = k.netns(env.opts.netnsId)!;
    if (env.opts.json) {
      const list = k.netnsList().map((ns): JsonObject => {
        const id = me.nsids.get(ns.id);
        return id !== undefined ? { name: ns.name ?? '', id } : { name: ns.name ?? '' };
      });
      env.out(writeJson(list, env.opts.pretty));
      return 0;
    }
    for (const ns of k.netnsList()) {
      const id = me.nsids.get(ns.id);
      env.out(id !== undefined ? `${ns.name} (id: ${id})\n` : `${ns.name}\n`);
    }
    return 0;
  }
  if (matches(cmd, 'add')) {
    if (!a[0]) {
      env.err('No netns name specified\n');
      return 1;
    }
    const r = k.netnsAdd(a[0]);
    if (!r.ok) {
      env.err(`Cannot create namespace file "/run/netns/${a[0]}": File exists\n`);
      return 1;
    }
    return 0;
  }
  if (matches(cmd, 'delete')) {
    if (!a[0]) {
      env.err('No netns name specified\n');
      return 1;
    }
    const r = k.netnsDel(a[0]);
    if (!r.ok) {
      env.err(`Cannot remove namespace file "/run/netns/${a[0]}": No such file or directory\n`);
      return 1;
    }
    return 0;
  }
  if (matches(cmd, 'set')) {
    if (a.length < 1) {
      env.err('No netns name specified\n');
      return 1;
    }
    if (a.length < 2) {
      env.err('No nsid specified\n');
      return 1;
    }
    const ns = k.netnsByName(a[0]);
    if (!ns) {
      env.err(`Cannot open network namespace "${a[0]}": No such file or directory\n`);
      return 1;
    }
    const me = k.netns(env.opts.netnsId)!;
    if (a[1] === 'auto') {
      k.nsidFor(me, ns);
      return 0;
    }
    if (!/^\d+$/.test(a[1])) {
      env.err(`Invalid "netnsid" value\n`);
      return 255;
    }
    const r = k.netnsSetId(me, ns, Number(a[1]));
    if (!r.ok) {
      env.err(`Error: ${r.error.extack}.\n`);
      return 2;
    }
    return 0;
  }
  if (matches(cmd, 'identify')) {
    let nsId = env.ctx.netnsId;
    if (a[0] !== undefined) {
      const pid = Number(a[0]);
      const p = pid === 1 ? { netnsId: 0 } : procs(env).find((x) => x.pid === pid);
      if (!p) {
        env.err(`Cannot open network namespace: No such file or directory\n`);
        return 1;
      }
      nsId = p.netnsId;
    }
    const ns = k.netns(nsId);
    env.out(ns && ns.name !== undefined && !ns.hidden ? `${ns.name}\n` : '\n');
    return 0;
  }
  if (matches(cmd, 'pids')) {
    if (!a[0]) {
      env.err('No netns name specified\n');
      return 1;
    }
    const ns = k.netnsByName(a[0]);
    if (!ns) {
      env.err(`Cannot open network namespace "${a[0]}": No such file or directory\n`);
      return 1;
    }
    for (const p of procs(env)) if (p.netnsId === ns.id) env.out(`${p.pid}\n`);
    return 0;
  }
  if (matches(cmd, 'help')) {
    env.err(USAGE_IP_NETNS);
    return 255;
  }
  env.err(`Command "${cmd}" is unknown, try "ip netns help".\n`);
  return 255;
}
