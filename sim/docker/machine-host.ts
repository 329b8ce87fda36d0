/**
 * HostOps on the simulated machine: kernel changes through the Kernel's netlink-like
 * operations, iptables by running the machine's own `iptables` command (so the ruleset is
 * whatever the simulated netfilter makes of the daemon's command lines), processes in the
 * machine's process table. One DockerEngine per machine, kept beside it (dockerOf).
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { CommandModule, ProcContext, Program, Wait } from '../shell/process.ts';
import type { FileSystem } from '../fs/index.ts';
import { behaviourProgram } from '../programs/index.ts';
import { containerFs } from './rootfs.ts';
import type { HostOps, OpError, ProcessSpec } from './hostops.ts';
import { STRERROR, type KResult } from '../kernel/errno.ts';
import { DockerEngine } from './engine.ts';

/** The parts of the Machine the Engine uses (structural, so this file does not import machine.ts). */
export interface MachineLike {
  kernel: Kernel;
  procs: { add(e: { argv: string[]; netnsId: number; ppid: number; taskId: number }): { pid: number }; remove(pid: number): void };
  commands: { get(name: string): CommandModule | undefined };
  fs?: { readFile(segs: string[], caller: { netnsId: number }): { ok: boolean; value?: string } | unknown };
  /** Machine.spawnDaemon / killPid: long-running programs as scheduler tasks (absent in bare harnesses). */
  spawnDaemon?(argv: string[], program: Program, o: { netnsId: number; fs?: FileSystem; onOutput?: (text: string) => void }): number;
  killPid?(pid: number, code?: number): boolean;
}

/**
 * Engines by kernel: a world builder (which only sees the Kernel) may start the daemon before
 * the Machine exists; the Machine then adopts that engine, rebound to its own process table.
 */
const engines = new WeakMap<Kernel, { e: DockerEngine; m: MachineLike }>();

/** The machine's Docker Engine (created on first use, not started). */
export function dockerOf(m: MachineLike): DockerEngine {
  const have = engines.get(m.kernel);
  if (have) {
    if (have.m !== m) {
      have.e.host = machineHostOps(m);
      have.m = m;
    }
    return have.e;
  }
  const e = new DockerEngine(machineHostOps(m));
  engines.set(m.kernel, { e, m });
  return e;
}

/** The engine a kernel's machine runs, if the daemon was ever used there (for checks, which only see the kernel). */
export function engineOfKernel(k: Kernel): DockerEngine | undefined {
  return engines.get(k)?.e;
}


const errText = (r: KResult<unknown>): OpError => (r.ok ? undefined : r.error.extack ?? STRERROR[r.error.errno]);

/**
 * Runs a registered program to completion with output captured, outside any shell (the
 * daemon's exec of iptables). Programs that would wait are stepped until they finish.
 */
export function execCaptured(m: MachineLike, argv: string[], netnsId: number): { code: number; out: string } {
  const mod = m.commands.get(argv[0]);
  if (!mod) return { code: 127, out: '' };
  let out = '';
  const entry = m.procs.add({ argv, netnsId, ppid: 1, taskId: 0 });
  const ctx = {
    argv, env: new Map<string, string>(), stdin: '', machine: m, netnsId, pid: entry.pid,
    signal: { interrupted: false }, isTTY: false,
    out: (t: string) => void (out += t),
    err: (t: string) => void (out += t),
    *spawn(): Generator<Wait, number, void> { return 127; },
    *sh(): Generator<Wait, number, void> { return 127; },
  } as unknown as ProcContext;
  try {
    const gen = mod.run(ctx);
    for (let i = 0; i < 10000; i++) {
      const r = gen.next();
      if (r.done) return { code: r.value, out };
    }
    return { code: 1, out };
  } finally {
    m.procs.remove(entry.pid);
  }
}

function machineHostOps(m: MachineLike): HostOps {
  const k = m.kernel;
  const link = (ns: number, name: string) => k.linkByName(ns, name);
  const nodev = 'Cannot find device';
  const epoch = k.state.clock.epochMs;
  return {
    rng: k.state.rng,
    // RFC 3339 with nanoseconds, trailing zeros trimmed (Go's time.RFC3339Nano).
    nowIso: () => new Date(epoch + k.state.clock.now()).toISOString().replace(/\.?0+Z$/, 'Z'),
    iptables: (argv, ns = 0) => execCaptured(m, [argv[0] === 'ip6tables' ? 'ip6tables' : 'iptables', ...argv.slice(1)], ns).code,
    sysctlGet: (ns, key) => k.sysctlGet(ns, key),
    sysctlSet: (ns, key, v) => errText(k.sysctlSet(ns, key, v)),
    newNetns: () => k.createNetns({}).id,
    delNetns: (id) => k.destroyNetns(id),
    linkExists: (ns, name) => !!link(ns, name),
    addBridge(name, mac, mtu) {
      const r = k.bridgeAdd(0, name);
      if (!r.ok) return errText(r);
      if (mac) k.linkSetMac(r.value, mac);
      k.linkSetMtu(r.value, mtu);
      return undefined;
    },
    setMtu(ns, name, mtu) {
      const l = link(ns, name);
      return l ? errText(k.linkSetMtu(l, mtu)) : nodev;
    },
    addVeth(name, peer, peerMac) {
      return errText(k.vethAdd({ name, ns: k.host, peerName: peer, peerMac }));
    },
    setMaster(name, bridge) {
      const l = link(0, name);
      const b = link(0, bridge);
      return l && b ? errText(k.linkSetMaster(l, b)) : nodev;
    },
    setUp(ns, name) {
      const l = link(ns, name);
      return l ? errText(k.linkSetUp(l, true)) : nodev;
    },
    moveLink(name, to, newName) {
      const l = link(0, name);
      const dst = k.netns(to);
      if (!l || !dst) return nodev;
      return errText(k.linkMove(l, dst)) ?? errText(k.linkRename(l, newName));
    },
    delLink(ns, name) {
      const l = link(ns, name);
      return l ? errText(k.linkDelete(l)) : nodev;
    },
    addAddr(ns, dev, ip, prefixLen) {
      const l = link(ns, dev);
      if (!l) return nodev;
      const host = (2 ** (32 - prefixLen) - 1) >>> 0;
      const n = ip.split('.').reduce((a, o) => ((a << 8) | Number(o)) >>> 0, 0);
      const bc = prefixLen < 31 ? [24, 16, 8, 0].map((s) => ((n | host) >>> s) & 255).join('.') : undefined;
      return errText(k.addrAdd(l, { address: ip, prefixLen, broadcast: bc, scope: 'global' }));
    },
    addDefaultRoute(ns, gateway, dev) {
      const l = link(ns, dev);
      if (!l) return nodev;
      return errText(k.routeModify(ns, 'add', { table: 254, type: 'unicast', dst: '0.0.0.0', dstLen: 0, gateway, dev: l.index, protocol: 'boot', scope: 'global' }));
    },
    delDefaultRoute(ns) {
      return errText(k.routeDelete(ns, { table: 254, dst: '0.0.0.0', dstLen: 0 }));
    },
    hostPrefixes: () => (k.host.routes ?? []).filter((r) => r.table === 254 && !r.dst.includes(':')).map((r) => `${r.dst}/${r.dstLen}`),
    hostResolvConf() {
      const r = m.fs?.readFile(['etc', 'resolv.conf'], { netnsId: 0 }) as { ok: boolean; value?: string } | undefined;
      return r?.ok ? r.value ?? '' : '';
    },
    startProcess(p: ProcessSpec) {
      if (!m.spawnDaemon) return m.procs.add({ argv: p.argv, netnsId: p.netnsId, ppid: 1, taskId: 0 }).pid;
      // Idle processes (a shell with nothing to read) just wait to be stopped.
      const mod = p.runCommand ? m.commands.get(p.argv[0]) : undefined;
      const program: Program = mod
        ? function* (ctx) {
            const code = yield* mod.run(ctx);
            p.onExit?.(code);
            return code;
          }
        : behaviourProgram(p.behaviour) ?? function* (ctx) {
        yield { kind: 'until', ready: () => ctx.signal.interrupted || !!ctx.signal.killed };
        return 0;
      };
      const fs = p.etc ? containerFs(k, { etc: p.etc, netnsId: p.netnsId, image: { rootFiles: p.rootFiles } }) : undefined;
      return m.spawnDaemon(p.argv, program, { netnsId: p.netnsId, fs, onOutput: p.onOutput });
    },
    stopProcess(pid) {
      if (!m.killPid || !m.killPid(pid)) m.procs.remove(pid);
    },
  };
}
