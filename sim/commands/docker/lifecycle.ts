/**
 * Container verbs: start, stop, restart, rm, ps, logs, port, top, inspect.
 */
import type { ProcContext, Wait } from '../../shell/process.ts';
import { sleep } from '../../shell/process.ts';
import type { DockerEngine } from '../../docker/engine.ts';
import type { Container } from '../../docker/state.ts';
import { removeContainer, startContainer, stopContainer } from '../../docker/containers.ts';
import { displayablePorts, joinHostPort, type PortSummary } from '../../docker/ports.ts';
import { tabwrite } from '../../docker/tabwriter.ts';
import { humanDuration } from '../../docker/humanize.ts';
import { execTemplate, TemplateError } from '../../docker/template.ts';
import { containerJson, networkJson } from '../../docker/inspect.ts';
import { goIndent } from '../../docker/gojson.ts';
import { parseFlags, bool, str, type FlagSpec } from './flags.ts';
import { flagError, requireDaemon } from './common.ts';

/** Resolves each ref; prints "Error response from daemon: No such container: X" for misses. */
function eachContainer(ctx: ProcContext, e: DockerEngine, refs: string[], fn: (c: Container, ref: string) => string | undefined): number {
  let code = 0;
  for (const ref of refs) {
    const c = e.findContainer(ref);
    const err = c ? fn(c, ref) : `No such container: ${ref}`;
    if (err) {
      ctx.err(`Error response from daemon: ${err}\n`);
      code = 1;
    }
  }
  return code;
}

function needArgs(ctx: ProcContext, verb: string, usage: string, args: string[]): boolean {
  if (args.length > 0) return true;
  ctx.err(`docker: 'docker ${verb}' requires at least 1 argument\n\nUsage:  ${usage}\n\nSee 'docker ${verb} --help' for more information\n`);
  return false;
}

export function* dockerStart(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const p = parseFlags(ctx.argv.slice(2), [{ long: 'attach', short: 'a', kind: 'bool' }, { long: 'interactive', short: 'i', kind: 'bool' }], false);
  if (!p.ok) return flagError(ctx, p.error, 'docker start [OPTIONS] CONTAINER [CONTAINER...]', 'docker start');
  if (!needArgs(ctx, 'start', 'docker start [OPTIONS] CONTAINER [CONTAINER...]', p.value.args)) return 1;
  let code = 0;
  for (const ref of p.value.args) {
    const c = e.findContainer(ref);
    const err = c ? startContainer(e, c) : `No such container: ${ref}`;
    if (err) {
      ctx.err(`Error response from daemon: ${err}\n`);
      code = 1;
    } else ctx.out(ref + '\n');
  }
  if (code) ctx.err('Error: failed to start containers: ' + p.value.args.join(', ') + '\n');
  return code;
}

const STOP_FLAGS: FlagSpec[] = [{ long: 'time', short: 't', kind: 'string' }, { long: 'timeout', kind: 'string' }, { long: 'signal', short: 's', kind: 'string' }];

/** Stop grace: a shell as PID 1 ignores SIGTERM and is killed after the timeout. */
function* stopWithGrace(e: DockerEngine, c: Container, secs: number): Generator<Wait, void, void> {
  if (c.state === 'running' && c.image.behaviour.kind === 'shell') yield sleep(secs * 1000);
  stopContainer(e, c);
}

export function* dockerStop(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const p = parseFlags(ctx.argv.slice(2), STOP_FLAGS, false);
  if (!p.ok) return flagError(ctx, p.error, 'docker stop [OPTIONS] CONTAINER [CONTAINER...]', 'docker stop');
  if (!needArgs(ctx, 'stop', 'docker stop [OPTIONS] CONTAINER [CONTAINER...]', p.value.args)) return 1;
  const secs = Number(str(p.value, 'time') ?? str(p.value, 'timeout') ?? 10);
  let code = 0;
  for (const ref of p.value.args) {
    const c = e.findContainer(ref);
    if (!c) {
      ctx.err(`Error response from daemon: No such container: ${ref}\n`);
      code = 1;
      continue;
    }
    yield* stopWithGrace(e, c, secs);
    ctx.out(ref + '\n');
  }
  return code;
}

export function* dockerRestart(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const p = parseFlags(ctx.argv.slice(2), STOP_FLAGS, false);
  if (!p.ok) return flagError(ctx, p.error, 'docker restart [OPTIONS] CONTAINER [CONTAINER...]', 'docker restart');
  if (!needArgs(ctx, 'restart', 'docker restart [OPTIONS] CONTAINER [CONTAINER...]', p.value.args)) return 1;
  let code = 0;
  for (const ref of p.value.args) {
    const c = e.findContainer(ref);
    if (!c) {
      ctx.err(`Error response from daemon: No such container: ${ref}\n`);
      code = 1;
      continue;
    }
    const auto = c.autoRemove;
    c.autoRemove = false;
    yield* stopWithGrace(e, c, Number(str(p.value, 'time') ?? 10));
    c.autoRemove = auto;
    const err = startContainer(e, c);
    if (err) {
      ctx.err(`Error response from daemon: Cannot restart container ${ref}: ${err}\n`);
      code = 1;
    } else ctx.out(ref + '\n');
  }
  return code;
}

export function* dockerRm(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const p = parseFlags(ctx.argv.slice(2), [{ long: 'force', short: 'f', kind: 'bool' }, { long: 'volumes', short: 'v', kind: 'bool' }, { long: 'link', short: 'l', kind: 'bool' }], false);
  if (!p.ok) return flagError(ctx, p.error, 'docker rm [OPTIONS] CONTAINER [CONTAINER...]', 'docker rm');
  if (!needArgs(ctx, 'rm', 'docker rm [OPTIONS] CONTAINER [CONTAINER...]', p.value.args)) return 1;
  const force = bool(p.value, 'force');
  let code = 0;
  for (const ref of p.value.args) {
    const c = e.findContainer(ref);
    if (!c) {
      if (force) continue;
      ctx.err(`Error response from daemon: No such container: ${ref}\n`);
      code = 1;
      continue;
    }
    if (c.state === 'running' && !force) {
      ctx.err(`Error response from daemon: cannot remove container "${ref}": container is running: stop the container before removing or force remove\n`);
      code = 1;
      continue;
    }
    removeContainer(e, c);
    ctx.out(ref + '\n');
  }
  return code;
}

const nowMs = (e: DockerEngine) => Date.parse(e.host.nowIso());

/** The fields `docker ps --format` offers (formatter.ContainerContext). */
function psRow(e: DockerEngine, c: Container, trunc: boolean): Record<string, string> {
  const command = [...c.image.entrypoint, ...c.cmd].join(' ');
  const shown = trunc && [...command].length > 20 ? [...command].slice(0, 19).join('') + '…' : command;
  const now = nowMs(e);
  const status =
    c.state === 'running' ? `Up ${humanDuration(now - Date.parse(c.startedAt))}`
      : c.state === 'exited' ? `Exited (${c.exitCode}) ${humanDuration(now - Date.parse(c.finishedAt))} ago` : 'Created';
  const ports: PortSummary[] = [];
  if (c.state === 'running' && c.networkMode !== 'host') {
    for (const b of c.ports) ports.push({ privatePort: b.port, type: b.proto, ip: b.hostIp, publicPort: b.hostPort });
    const exposed = new Set([...c.image.exposed, ...c.exposed, ...c.portSpecs.map((s) => `${s.port}/${s.proto}`)]);
    for (const x of exposed) {
      const [port, proto] = x.split('/');
      if (!c.ports.some((b) => b.port === Number(port) && b.proto === proto)) ports.push({ privatePort: Number(port), type: proto });
    }
  }
  return {
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Image: c.imageRef,
    Command: JSON.stringify(shown),
    CreatedAt: c.created,
    RunningFor: `${humanDuration(now - Date.parse(c.created))} ago`,
    Ports: displayablePorts(ports),
    Status: status,
    State: c.state,
    Names: c.name,
    Networks: c.wanted.map((w) => e.findNetwork(w.networkId)?.name ?? '').join(','),
  };
}

const PS_HEADERS: Record<string, string> = { ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS', Status: 'STATUS', State: 'STATE', Names: 'NAMES', Networks: 'NETWORKS' };
const PS_DEFAULT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

/** Renders rows with a `table ...` or plain Go template, as the CLI's formatter does. */
export function renderFormat(format: string, rows: Record<string, unknown>[], headers: Record<string, string>, typeName: string): { ok: true; text: string } | { ok: false; error: string } {
  const table = format.startsWith('table');
  const tmpl = (table ? format.slice(5).trimStart() : format).replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  try {
    const lines = rows.map((r) => execTemplate(tmpl, r, { typeName }));
    if (!table) return { ok: true, text: lines.map((l) => l + '\n').join('') };
    const head = execTemplate(tmpl, Object.fromEntries(Object.keys(headers).map((k) => [k, headers[k]])), {});
    return { ok: true, text: tabwrite([head, ...lines].map((l) => l.split('\t'))) };
  } catch (err) {
    return { ok: false, error: err instanceof TemplateError ? err.message : String(err) };
  }
}

export function* dockerPs(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const p = parseFlags(ctx.argv.slice(2), [
    { long: 'all', short: 'a', kind: 'bool' }, { long: 'quiet', short: 'q', kind: 'bool' }, { long: 'no-trunc', kind: 'bool' },
    { long: 'format', kind: 'string' }, { long: 'latest', short: 'l', kind: 'bool' }, { long: 'filter', short: 'f', kind: 'list' },
  ], false);
  if (!p.ok) return flagError(ctx, p.error, 'docker ps [OPTIONS]', 'docker ps');
  const all = bool(p.value, 'all');
  const trunc = !bool(p.value, 'no-trunc');
  // Newest first, as the daemon lists them.
  const cs = [...e.containers].reverse().filter((c) => all || c.state === 'running');
  const rows = cs.map((c) => psRow(e, c, trunc));
  if (bool(p.value, 'quiet')) {
    ctx.out(rows.map((r) => r.ID + '\n').join(''));
    return 0;
  }
  const r = renderFormat(str(p.value, 'format') ?? PS_DEFAULT, rows, PS_HEADERS, '*formatter.ContainerContext');
  if (!r.ok) {
    ctx.err(`template parsing error: ${r.error}\n`);
    return 1;
  }
  ctx.out(r.text);
  return 0;
}

export function* dockerLogs(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const p = parseFlags(ctx.argv.slice(2), [{ long: 'follow', short: 'f', kind: 'bool' }, { long: 'tail', short: 'n', kind: 'string' }, { long: 'timestamps', short: 't', kind: 'bool' }], false);
  if (!p.ok) return flagError(ctx, p.error, 'docker logs [OPTIONS] CONTAINER', 'docker logs');
  if (p.value.args.length !== 1) {
    ctx.err(`docker: 'docker logs' requires exactly 1 argument\n\nUsage:  docker logs [OPTIONS] CONTAINER\n\nSee 'docker logs --help' for more information\n`);
    return 1;
  }
  return eachContainer(ctx, e, p.value.args, (c) => void ctx.out(c.logs));
}

export function* dockerPort(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const args = ctx.argv.slice(2);
  if (args.length < 1 || args.length > 2) {
    ctx.err(`docker: 'docker port' requires at least 1 and at most 2 arguments\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nSee 'docker port --help' for more information\n`);
    return 1;
  }
  const c = e.findContainer(args[0]);
  if (!c) {
    ctx.err(`Error response from daemon: No such container: ${args[0]}\n`);
    return 1;
  }
  const sorted = [...c.ports].sort((a, b) => a.port - b.port || (a.proto < b.proto ? -1 : a.proto > b.proto ? 1 : 0));
  if (args[1]) {
    const [port, proto = 'tcp'] = args[1].split('/');
    const hits = sorted.filter((b) => b.port === Number(port) && b.proto === proto);
    if (!hits.length) {
      ctx.err(e.profile.modernErrors ? `no public port '${port}/${proto}' published for ${args[0]}\n` : `Error: No public port '${port}/${proto}' published for ${args[0]}\n`);
      return 1;
    }
    ctx.out(hits.map((b) => joinHostPort(b.hostIp, b.hostPort) + '\n').join(''));
    return 0;
  }
  ctx.out(sorted.map((b) => `${b.port}/${b.proto} -> ${joinHostPort(b.hostIp, b.hostPort)}\n`).join(''));
  return 0;
}

export function* dockerTop(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const ref = ctx.argv[2];
  if (!ref) {
    ctx.err(`docker: 'docker top' requires at least 1 argument\n\nUsage:  docker top CONTAINER [ps OPTIONS]\n\nSee 'docker top --help' for more information\n`);
    return 1;
  }
  return eachContainer(ctx, e, [ref], (c) => {
    if (c.state !== 'running') return `container ${c.id} is not running`;
    const rows = [['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], ['root', String(c.pid ?? 0), '1', '0', '00:00', '?', '00:00:00', [...c.image.entrypoint.slice(0, 0), ...c.cmd].join(' ')]];
    ctx.out(tabwrite(rows, 10, 3));
    return undefined;
  });
}

/** `docker inspect [-f FMT] [--type container|network] NAME...`. */
export function* dockerInspect(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const sub = ctx.argv[1] === 'container' ? 3 : 2;
  const p = parseFlags(ctx.argv.slice(sub), [{ long: 'format', short: 'f', kind: 'string' }, { long: 'type', kind: 'string' }, { long: 'size', short: 's', kind: 'bool' }], false);
  if (!p.ok) return flagError(ctx, p.error, 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]', 'docker inspect');
  if (!needArgs(ctx, 'inspect', 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]', p.value.args)) return 1;
  const type = str(p.value, 'type');
  const objs: unknown[] = [];
  const errs: string[] = [];
  for (const ref of p.value.args) {
    const c = type === 'network' ? undefined : e.findContainer(ref);
    const n = c || type === 'container' ? undefined : e.findNetwork(ref);
    if (c) objs.push(containerJson(e, c));
    else if (n) objs.push(networkJson(e, n));
    else errs.push(`Error: No such object: ${ref}`);
  }
  return printInspect(ctx, objs, errs, str(p.value, 'format'));
}

/** Prints inspect results as the CLI's inspector does: JSON array, or one template line each. */
export function printInspect(ctx: ProcContext, objs: unknown[], errs: string[], format?: string): number {
  if (format === undefined || format === '' || format === 'json') {
    ctx.out(goIndent(objs) + '\n');
  } else {
    for (const o of objs) {
      try {
        ctx.out(execTemplate(format, o) + '\n');
      } catch (err) {
        errs.push(`template parsing error: ${err instanceof TemplateError ? err.message : String(err)}`);
      }
    }
  }
  if (errs.length) {
    ctx.err(errs.join('\n') + '\n');
    return 1;
  }
  return 0;
}
