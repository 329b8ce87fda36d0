/**
 * `docker network ls|create|inspect|rm|connect|disconnect|prune`.
 */
import type { ProcContext, Wait } from '../../shell/process.ts';
import type { DockerEngine } from '../../docker/engine.ts';
import { parseLink } from '../../docker/links.ts';
import { connectNetwork, disconnectNetwork } from '../../docker/containers.ts';
import { networkJson } from '../../docker/inspect.ts';
import { parseFlags, bool, list, str } from './flags.ts';
import { daemonError, flagError, requireDaemon } from './common.ts';
import { printInspect, renderFormat } from './lifecycle.ts';

const USAGE: Record<string, string> = {
  ls: 'docker network ls [OPTIONS]',
  create: 'docker network create [OPTIONS] NETWORK',
  inspect: 'docker network inspect [OPTIONS] NETWORK [NETWORK...]',
  rm: 'docker network rm NETWORK [NETWORK...]',
  connect: 'docker network connect [OPTIONS] NETWORK CONTAINER',
  disconnect: 'docker network disconnect [OPTIONS] NETWORK CONTAINER',
  prune: 'docker network prune [OPTIONS]',
};

function argsError(ctx: ProcContext, sub: string, want: string): number {
  ctx.err(`docker: 'docker network ${sub}' requires ${want}\n\nUsage:  ${USAGE[sub]}\n\nSee 'docker network ${sub} --help' for more information\n`);
  return 1;
}

/** Natural ordering of names (sortorder.NaturalLess): digit runs compare as numbers. */
function naturalLess(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'variant' });
}

function ls(ctx: ProcContext, e: DockerEngine, argv: string[]): number {
  const p = parseFlags(argv, [{ long: 'quiet', short: 'q', kind: 'bool' }, { long: 'no-trunc', kind: 'bool' }, { long: 'format', kind: 'string' }, { long: 'filter', short: 'f', kind: 'list' }], false);
  if (!p.ok) return flagError(ctx, p.error, USAGE.ls, 'docker network ls');
  const trunc = !bool(p.value, 'no-trunc');
  const rows = [...e.networks]
    .sort((a, b) => (a.name === b.name ? 0 : naturalLess(a.name, b.name) < 0 ? -1 : 1))
    .map((n) => ({ ID: trunc ? n.id.slice(0, 12) : n.id, Name: n.name, Driver: n.driver, Scope: 'local', IPv6: 'false', Internal: String(n.internal), CreatedAt: n.created }));
  if (bool(p.value, 'quiet')) {
    ctx.out(rows.map((r) => r.ID + '\n').join(''));
    return 0;
  }
  const headers = { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv6: 'IPV6', Internal: 'INTERNAL', CreatedAt: 'CREATED AT' };
  const r = renderFormat(str(p.value, 'format') ?? 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}', rows, headers, '*formatter.networkContext');
  if (!r.ok) {
    ctx.err(`template parsing error: ${r.error}\n`);
    return 1;
  }
  ctx.out(r.text);
  return 0;
}

function create(ctx: ProcContext, e: DockerEngine, argv: string[]): number {
  const p = parseFlags(argv, [
    { long: 'driver', short: 'd', kind: 'string' }, { long: 'subnet', kind: 'list' }, { long: 'gateway', kind: 'list' },
    { long: 'ip-range', kind: 'list' }, { long: 'internal', kind: 'bool' }, { long: 'opt', short: 'o', kind: 'list' },
    { long: 'label', kind: 'list' }, { long: 'attachable', kind: 'bool' }, { long: 'ipv6', kind: 'bool' },
  ], false);
  if (!p.ok) return flagError(ctx, p.error, USAGE.create, 'docker network create');
  if (p.value.args.length !== 1) return argsError(ctx, 'create', 'exactly 1 argument');
  const subnets = list(p.value, 'subnet');
  const gateways = list(p.value, 'gateway');
  if (gateways.length > subnets.length) {
    ctx.err('Error response from daemon: every ip-range or gateway must have a corresponding subnet\n');
    return 1;
  }
  const options: Record<string, string> = {};
  for (const o of list(p.value, 'opt')) {
    const i = o.indexOf('=');
    options[i < 0 ? o : o.slice(0, i)] = i < 0 ? '' : o.slice(i + 1);
  }
  const labels: Record<string, string> = {};
  for (const l of list(p.value, 'label')) {
    const i = l.indexOf('=');
    labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1);
  }
  const r = e.createNetwork({
    name: p.value.args[0], driver: str(p.value, 'driver') ?? 'bridge', subnet: subnets[0], gateway: gateways[0],
    internal: bool(p.value, 'internal'), options, labels,
  });
  if (!r.ok) return daemonError(ctx, r.error);
  ctx.out(r.value.id + '\n');
  return 0;
}

function rm(ctx: ProcContext, e: DockerEngine, argv: string[]): number {
  const p = parseFlags(argv, [{ long: 'force', short: 'f', kind: 'bool' }], false);
  if (!p.ok) return flagError(ctx, p.error, USAGE.rm, 'docker network rm');
  if (p.value.args.length === 0) return argsError(ctx, 'rm', 'at least 1 argument');
  let code = 0;
  for (const ref of p.value.args) {
    const n = e.findNetwork(ref);
    const err = n ? e.removeNetwork(n) : bool(p.value, 'force') ? undefined : `network ${ref} not found`;
    if (err) {
      ctx.err(`Error response from daemon: ${err}\n`);
      code = 1;
    } else if (n) ctx.out(ref + '\n');
  }
  return code;
}

function inspect(ctx: ProcContext, e: DockerEngine, argv: string[]): number {
  const p = parseFlags(argv, [{ long: 'format', short: 'f', kind: 'string' }, { long: 'verbose', short: 'v', kind: 'bool' }], false);
  if (!p.ok) return flagError(ctx, p.error, USAGE.inspect, 'docker network inspect');
  if (p.value.args.length === 0) return argsError(ctx, 'inspect', 'at least 1 argument');
  const objs: unknown[] = [];
  const errs: string[] = [];
  for (const ref of p.value.args) {
    const n = e.findNetwork(ref);
    if (n) objs.push(networkJson(e, n));
    else errs.push(`Error response from daemon: network ${ref} not found`);
  }
  return printInspect(ctx, objs, errs, str(p.value, 'format'));
}

function connect(ctx: ProcContext, e: DockerEngine, argv: string[], on: boolean): number {
  const sub = on ? 'connect' : 'disconnect';
  const specs = on
    ? [{ long: 'ip', kind: 'string' as const }, { long: 'alias', kind: 'list' as const }, { long: 'link', kind: 'list' as const }, { long: 'ip6', kind: 'string' as const }]
    : [{ long: 'force', short: 'f', kind: 'bool' as const }];
  const p = parseFlags(argv, specs, false);
  if (!p.ok) return flagError(ctx, p.error, USAGE[sub], `docker network ${sub}`);
  for (const raw of on ? list(p.value, 'link') : []) {
    const l = parseLink(raw);
    if (!l.ok) return flagError(ctx, `invalid argument "${raw}" for "--link" flag: ${l.error}`, USAGE[sub], `docker network ${sub}`);
  }
  if (p.value.args.length !== 2) return argsError(ctx, sub, 'exactly 2 arguments');
  const [nref, cref] = p.value.args;
  const n = e.findNetwork(nref);
  if (!n) return daemonError(ctx, `network ${nref} not found`);
  const c = e.findContainer(cref);
  if (!c) return daemonError(ctx, `No such container: ${cref}`);
  const links = on ? list(p.value, 'link') : [];
  const err = on ? connectNetwork(e, n, c, { ip: str(p.value, 'ip'), aliases: list(p.value, 'alias'), links }) : disconnectNetwork(e, n, c);
  return err ? daemonError(ctx, err) : 0;
}

function prune(ctx: ProcContext, e: DockerEngine, argv: string[]): number {
  const p = parseFlags(argv, [{ long: 'force', short: 'f', kind: 'bool' }, { long: 'filter', kind: 'list' }], false);
  if (!p.ok) return flagError(ctx, p.error, USAGE.prune, 'docker network prune');
  if (!bool(p.value, 'force')) {
    ctx.out('WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ');
    if (!/^y(es)?$/i.test(ctx.stdin.split('\n')[0]?.trim() ?? '')) return 0;
  }
  const gone: string[] = [];
  for (const n of [...e.networks]) {
    if (n.driver !== 'bridge' || n.isDefault) continue;
    if (e.containers.some((c) => c.wanted.some((w) => e.findNetwork(w.networkId) === n))) continue;
    if (!e.removeNetwork(n)) gone.push(n.name);
  }
  if (gone.length) ctx.out('Deleted Networks:\n' + gone.map((g) => g + '\n').join('') + '\n');
  return 0;
}

/** Dispatches `docker network SUB ...`. */
export function* dockerNetwork(ctx: ProcContext): Generator<Wait, number, void> {
  const sub = ctx.argv[2];
  const rest = ctx.argv.slice(3);
  if (sub === undefined || sub === '--help') {
    ctx.out(`Usage:  docker network COMMAND\n\nManage networks\n\nCommands:\n  connect     Connect a container to a network\n  create      Create a network\n  disconnect  Disconnect a container from a network\n  inspect     Display detailed information on one or more networks\n  ls          List networks\n  prune       Remove all unused networks\n  rm          Remove one or more networks\n\nRun 'docker network COMMAND --help' for more information on a command.\n`);
    return 0;
  }
  const known = ['ls', 'list', 'create', 'inspect', 'rm', 'remove', 'connect', 'disconnect', 'prune'];
  if (!known.includes(sub)) {
    ctx.err(`docker: unknown command: docker network ${sub}\n\nRun 'docker network --help' for more information\n`);
    return 1;
  }
  const e = requireDaemon(ctx);
  if (!e) return 1;
  switch (sub) {
    case 'ls': case 'list': return ls(ctx, e, rest);
    case 'create': return create(ctx, e, rest);
    case 'rm': case 'remove': return rm(ctx, e, rest);
    case 'inspect': return inspect(ctx, e, rest);
    case 'connect': return connect(ctx, e, rest, true);
    case 'disconnect': return connect(ctx, e, rest, false);
    default: return prune(ctx, e, rest);
  }
}
