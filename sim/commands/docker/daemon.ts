/**
 * Starting and stopping the Engine: `dockerd [OPTIONS]` (runs in the foreground until
 * interrupted, like the real daemon) and `systemctl start|stop|restart|status|is-active docker`.
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { until } from '../../shell/process.ts';
import type { DaemonOptions, DockerEngine } from '../../docker/engine.ts';
import { stopContainer } from '../../docker/containers.ts';
import { parseFlags, str } from './flags.ts';
import { engineOf } from './common.ts';

const BOOLS = ['icc', 'ip-masq', 'userland-proxy', 'iptables', 'ip6tables', 'ip-forward'] as const;

/** Parses dockerd's network options; `--sim-engine 27|29` picks the simulated Engine line. */
export function parseDaemonArgs(argv: string[]): { ok: true; value: Partial<DaemonOptions> } | { ok: false; error: string } {
  const p = parseFlags(argv, [
    { long: 'bip', kind: 'string' }, ...BOOLS.map((b) => ({ long: b, kind: 'bool' as const })),
    { long: 'sim-engine', kind: 'string' }, { long: 'debug', short: 'D', kind: 'bool' },
  ], false);
  if (!p.ok) return p;
  const f = p.value.flags;
  const o: Partial<DaemonOptions> = {};
  if (f.has('bip')) o.bip = str(p.value, 'bip');
  if (f.has('icc')) o.icc = f.get('icc') === true;
  if (f.has('ip-masq')) o.ipMasq = f.get('ip-masq') === true;
  if (f.has('userland-proxy')) o.userlandProxy = f.get('userland-proxy') === true;
  if (f.has('iptables')) o.iptables = f.get('iptables') === true;
  if (f.has('ip6tables')) o.ip6tables = f.get('ip6tables') === true;
  if (f.has('ip-forward')) o.ipForward = f.get('ip-forward') === true;
  if (f.has('sim-engine')) o.version = str(p.value, 'sim-engine');
  return { ok: true, value: o };
}

/** Stops the daemon: its containers stop (the rules it made stay, as on a real host). */
export function stopDaemon(e: DockerEngine): void {
  for (const c of [...e.containers]) stopContainer(e, c);
  e.running = false;
}

const dockerd: CommandModule = {
  name: 'dockerd',
  *run(ctx: ProcContext): Generator<Wait, number, void> {
    if (ctx.argv[1] === '--version' || ctx.argv[1] === '-v') {
      const p = engineOf(ctx).profile;
      ctx.out(`Docker version ${p.version}, build ${p.gitCommitEngine}\n`);
      return 0;
    }
    const o = parseDaemonArgs(ctx.argv.slice(1));
    if (!o.ok) {
      ctx.err(`${o.error}\n`);
      return 125;
    }
    const e = engineOf(ctx);
    if (e.running) {
      ctx.err('failed to start daemon: pid file found, ensure docker is not running or delete /var/run/docker.pid\n');
      return 1;
    }
    const err = e.start(o.value);
    if (err) {
      ctx.err(`failed to start daemon: ${err}\n`);
      return 1;
    }
    yield until(() => ctx.signal.interrupted || !e.running);
    if (e.running) stopDaemon(e);
    return 0;
  },
};

const systemctl: CommandModule = {
  name: 'systemctl',
  *run(ctx: ProcContext): Generator<Wait, number, void> {
    const [verb, unitRaw] = ctx.argv.slice(1);
    const unit = (unitRaw ?? '').replace(/\.service$/, '');
    if (!verb || !unitRaw) {
      ctx.err('Too few arguments.\n');
      return 1;
    }
    if (unit !== 'docker') {
      if (verb === 'is-active') {
        ctx.out('inactive\n');
        return 3;
      }
      ctx.err(`Failed to ${verb} ${unit}.service: Unit ${unit}.service not found.\n`);
      return 5;
    }
    const e = engineOf(ctx);
    switch (verb) {
      case 'start':
        return e.start() ? 1 : 0;
      case 'stop':
        stopDaemon(e);
        return 0;
      case 'restart':
        stopDaemon(e);
        return e.start(e.opts) ? 1 : 0;
      case 'is-active':
        ctx.out(e.running ? 'active\n' : 'inactive\n');
        return e.running ? 0 : 3;
      case 'status':
        ctx.out(`● docker.service - Docker Application Container Engine\n     Loaded: loaded (/lib/systemd/system/docker.service; enabled; preset: enabled)\n     Active: ${e.running ? 'active (running)' : 'inactive (dead)'}\n`);
        return e.running ? 0 : 3;
      default:
        ctx.err(`Unknown command verb ${verb}.\n`);
        return 1;
    }
  },
};

/** The daemon-side commands of the docker group. */
export const daemonCommands: CommandModule[] = [dockerd, systemctl];
