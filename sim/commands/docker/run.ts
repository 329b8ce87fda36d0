/**
 * `docker run` and `docker create`: option parsing (cli/command/container/opts.go subset),
 * the implicit pull, create, the host-mode warning, start, and for `run` either the id (-d)
 * or the container's main process in the foreground.
 */
import type { ProcContext, Wait } from '../../shell/process.ts';
import { until } from '../../shell/process.ts';
import type { DockerEngine } from '../../docker/engine.ts';
import { findImage, parseImageRef } from '../../docker/images.ts';
import { parsePortSpec, type PortSpec } from '../../docker/ports.ts';
import { createContainer, isInterpreter, removeContainer, startContainer, stopContainer, type CreateRequest } from '../../docker/containers.ts';
import { containerFs } from '../../docker/rootfs.ts';
import type { MachineLike } from '../../docker/machine-host.ts';
import { openContainerShell, imagePrograms, isShellCommand, containerEnv } from '../../docker/terminal-session.ts';
import type { Container } from '../../docker/state.ts';
import { parseLink, type LinkSpec } from '../../docker/links.ts';
import { parseFlags, str, bool, list, type FlagSpec } from './flags.ts';
import { flagError, requireDaemon, runError } from './common.ts';

export const RUN_FLAGS: FlagSpec[] = [
  { long: 'detach', short: 'd', kind: 'bool' },
  { long: 'interactive', short: 'i', kind: 'bool' },
  { long: 'tty', short: 't', kind: 'bool' },
  { long: 'name', kind: 'string' },
  { long: 'rm', kind: 'bool' },
  { long: 'publish', short: 'p', kind: 'list' },
  { long: 'publish-all', short: 'P', kind: 'bool' },
  { long: 'expose', kind: 'list' },
  { long: 'network', kind: 'string' },
  { long: 'net', kind: 'string' },
  { long: 'network-alias', kind: 'list' },
  { long: 'ip', kind: 'string' },
  { long: 'hostname', short: 'h', kind: 'string' },
  { long: 'add-host', kind: 'list' },
  { long: 'link', kind: 'list' },
  { long: 'dns', kind: 'list' },
  { long: 'env', short: 'e', kind: 'list' },
];

const USAGE = { run: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]', create: 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]' };

/** Pull output for an image not yet in the local store (what `docker pull` prints). */
export function pullText(ref: string, e: DockerEngine): string {
  const img = findImage(ref)!;
  const lines = [`${img.tag}: Pulling from library/${img.repo}`];
  for (const l of img.layers) lines.push(`${l}: Pull complete`);
  lines.push(`Digest: ${img.digest}`, `Status: Downloaded newer image for ${img.repo}:${img.tag}`);
  e.images.add(`${img.repo}:${img.tag}`);
  return lines.join('\n') + '\n';
}

/** The daemon's answer for an image the "registry" does not have. */
export const pullDenied = (repo: string) => `pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;

/** Shared by run and create: parse, pull, create. Returns the container or an exit code. */
function* createFromArgs(ctx: ProcContext, e: DockerEngine, cmd: 'run' | 'create'): Generator<Wait, { id: string; detach: boolean } | number, void> {
  const p = parseFlags(ctx.argv.slice(2), RUN_FLAGS, true);
  if (!p.ok) return flagError(ctx, p.error, USAGE[cmd], `docker ${cmd}`);
  const f = p.value;
  // pflag validates each --link value as it parses (opts.ValidateLink).
  const links: LinkSpec[] = [];
  for (const raw of list(f, 'link')) {
    const l = parseLink(raw);
    if (!l.ok) return flagError(ctx, `invalid argument "${raw}" for "--link" flag: ${l.error}`, USAGE[cmd], `docker ${cmd}`);
    links.push(l.value);
  }
  if (f.args.length === 0) {
    ctx.err(`docker: '${cmd}' requires at least 1 argument\n\nUsage:  ${USAGE[cmd]}\n\nSee 'docker ${cmd} --help' for more information\n`);
    return 1;
  }
  // The CLI checks its stdin before it creates anything (runContainer, CheckTty).
  if (cmd === 'run' && !bool(f, 'detach') && bool(f, 'interactive') && bool(f, 'tty') && !stdinIsTerminal(ctx)) {
    ctx.err(e.profile.ttyError + '\n');
    return 1;
  }
  const ref = f.args[0];
  const specs: PortSpec[] = [];
  for (const raw of list(f, 'publish')) {
    const r = parsePortSpec(raw);
    if (!r.ok) return runError(ctx, e, cmd, r.error);
    specs.push(...r.value);
  }
  const exposed: string[] = [];
  for (const raw of list(f, 'expose')) {
    const [port, proto = 'tcp'] = raw.split('/');
    exposed.push(`${port}/${proto}`);
  }
  for (const h of list(f, 'add-host')) {
    if (!/^[^:]+:.+$/.test(h)) return runError(ctx, e, cmd, `invalid argument "${h}" for "--add-host" flag: bad format for add-host: "${h}"`);
  }
  const { repo, tag } = parseImageRef(ref);
  const img = findImage(ref);
  if (!e.images.has(`${repo}:${tag}`)) {
    ctx.err(`Unable to find image '${repo}:${tag}' locally\n`);
    if (!img) return runError(ctx, e, cmd, `Error response from daemon: ${pullDenied(repo)}`);
    ctx.err(pullText(ref, e));
  }
  const network = str(f, 'network') ?? str(f, 'net') ?? 'bridge';
  const req: CreateRequest = {
    name: str(f, 'name'), image: img!, imageRef: ref, cmd: f.args.slice(1), network, ip: str(f, 'ip'),
    aliases: list(f, 'network-alias'), hostname: str(f, 'hostname'), portSpecs: specs, exposed,
    publishAll: bool(f, 'publish-all'), dns: list(f, 'dns'), addHosts: list(f, 'add-host'), links,
    autoRemove: bool(f, 'rm'), tty: bool(f, 'tty'), interactive: bool(f, 'interactive'),
  };
  const r = createContainer(e, req);
  if (!r.ok) return runError(ctx, e, cmd, `Error response from daemon: ${r.error}`);
  for (const w of r.value.warnings) ctx.err(`WARNING: ${w}\n`);
  return { id: r.value.c.id, detach: bool(f, 'detach') };
}

/** `docker create`. */
export function* dockerCreate(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const r = yield* createFromArgs(ctx, e, 'create');
  if (typeof r === 'number') return r;
  ctx.out(r.id + '\n');
  return 0;
}

/** `docker run`. */
export function* dockerRun(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const r = yield* createFromArgs(ctx, e, 'run');
  if (typeof r === 'number') return r;
  const c = e.findContainer(r.id)!;
  const err = startContainer(e, c);
  if (err) {
    if (c.autoRemove) removeContainer(e, c);
    return runError(ctx, e, 'run', `Error response from daemon: ${err}`);
  }
  if (r.detach) {
    ctx.out(c.id + '\n');
    return 0;
  }
  return yield* foreground(ctx, e, c.id);
}

/**
 * Whether the CLI's stdin is the terminal: the process runs in the machine's interactive
 * terminal (its output is the tty) and nothing is piped into it.
 */
function stdinIsTerminal(ctx: ProcContext): boolean {
  return ctx.isTTY && ctx.stdin === '';
}

/** Runs the container's process attached to the terminal; returns its exit status. */
function* foreground(ctx: ProcContext, e: DockerEngine, id: string): Generator<Wait, number, void> {
  const c = e.findContainer(id)!;
  const m = ctx.machine as unknown as MachineLike;
  const fs = containerFs(m.kernel, c);
  if (c.image.behaviour.kind === 'shell' && c.interactive && c.tty && stdinIsTerminal(ctx) && isShellCommand(m, c.cmd, c)) {
    // The container's shell takes the terminal; its exit stops the container (--rm removes it).
    const pid = c.pid;
    openContainerShell(ctx.machine, c, {
      argv0: c.cmd[0], fs, pid,
      alive: () => c.state === 'running' && c.pid === pid,
      ended: (code) => {
        stopContainer(e, c, code);
        return code;
      },
    });
    return 0;
  }
  if (c.image.behaviour.kind === 'shell') {
    // A shell image runs its command; `sh` with no input ends at once, as without -i.
    const hasCmd = c.cmd.length && !(c.cmd.length === 1 && /(^|\/)(ba)?sh$/.test(c.cmd[0]));
    let code = 0;
    if (hasCmd) code = yield* ctx.spawn(c.cmd, { netnsId: c.netnsId, fs, stdin: c.interactive ? ctx.stdin : '' });
    else if (c.interactive && ctx.stdin) code = yield* ctx.spawn(['sh', '-c', ctx.stdin], { netnsId: c.netnsId, fs, stdin: '' });
    if (c.state === 'running') stopContainer(e, c, code);
    return code;
  }
  // An interpreter given a finite stdin (-i without a terminal) reads it to the end and exits.
  if (isInterpreter(c) && c.state === 'running' && !c.tty) stopContainer(e, c, 0);
  // A server: attached until the container stops or Ctrl+C.
  yield until(() => c.state !== 'running' || ctx.signal.interrupted);
  if (c.state === 'running') stopContainer(e, c);
  return c.state === 'exited' ? c.exitCode : 0;
}

/** `docker exec [-i] [-t] [-d] CONTAINER CMD...`: runs a program in the container's namespaces. */
export function* dockerExec(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const p = parseFlags(ctx.argv.slice(2), [
    { long: 'interactive', short: 'i', kind: 'bool' }, { long: 'tty', short: 't', kind: 'bool' },
    { long: 'detach', short: 'd', kind: 'bool' }, { long: 'env', short: 'e', kind: 'list' },
  ], true);
  if (!p.ok) return flagError(ctx, p.error, 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]', 'docker exec');
  const [ref, ...cmd] = p.value.args;
  if (!ref || cmd.length === 0) {
    ctx.err(`docker: 'docker exec' requires at least 2 arguments\n\nUsage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'docker exec --help' for more information\n`);
    return 1;
  }
  const c = e.findContainer(ref);
  if (!c) {
    ctx.err(`Error response from daemon: No such container: ${ref}\n`);
    return 1;
  }
  const interactive = bool(p.value, 'interactive');
  const tty = bool(p.value, 'tty');
  const detach = bool(p.value, 'detach');
  // RunExec: inspect (no such container) first, then the stdin check, then ExecCreate.
  if (!detach && interactive && tty && !stdinIsTerminal(ctx)) {
    ctx.err(e.profile.ttyError + '\n');
    return 1;
  }
  if (c.state !== 'running') {
    ctx.err(`Error response from daemon: container ${c.id} is not running\n`);
    return 1;
  }
  const m = ctx.machine as unknown as MachineLike;
  const fs = containerFs(m.kernel, c);
  const mod = imagePrograms(m, c).get(cmd[0].replace(/^\/(usr\/)?s?bin\//, ''));
  if (!mod) {
    ctx.err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd[0]}": executable file not found in $PATH: unknown\n`);
    return 127;
  }
  if (!detach && interactive && tty && isShellCommand(m, cmd, c)) {
    openContainerShell(ctx.machine, c, { argv0: cmd[0], fs, alive: () => c.state === 'running', ended: (code) => code });
    return 0;
  }
  const env = Object.fromEntries(containerEnv(c, tty));
  return yield* ctx.spawn([cmd[0].replace(/^\/(usr\/)?s?bin\//, ''), ...cmd.slice(1)], { netnsId: c.netnsId, fs, env, stdin: interactive ? ctx.stdin : '' });
}

/** `docker attach CONTAINER`: the terminal joins the container's main process (its shell when it runs one with -it). */
export function* dockerAttach(ctx: ProcContext): Generator<Wait, number, void> {
  const e = requireDaemon(ctx);
  if (!e) return 1;
  const p = parseFlags(ctx.argv.slice(2), [{ long: 'no-stdin', kind: 'bool' }, { long: 'sig-proxy', kind: 'bool' }, { long: 'detach-keys', kind: 'string' }], false);
  const usage = 'docker attach [OPTIONS] CONTAINER';
  if (!p.ok) return flagError(ctx, p.error, usage, 'docker attach');
  if (p.value.args.length !== 1) {
    ctx.err(`docker: 'docker attach' requires 1 argument\n\nUsage:  ${usage}\n\nRun 'docker attach --help' for more information\n`);
    return 1;
  }
  const ref = p.value.args[0];
  const c = e.findContainer(ref);
  if (!c) {
    ctx.err(`Error response from daemon: No such container: ${ref}\n`);
    return 1;
  }
  // cli/command/container/attach.go: inspect, then these checks, in this order.
  if (c.state !== 'running') {
    // Lower-cased from CLI 29.0.
    ctx.err(`${e.profile.line === '27' ? 'You cannot' : 'cannot'} attach to a stopped container, start it first\n`);
    return 1;
  }
  if (c.tty && c.interactive && !bool(p.value, 'no-stdin') && !stdinIsTerminal(ctx)) {
    ctx.err(e.profile.ttyError + '\n');
    return 1;
  }
  return yield* attachMain(ctx, e, c);
}

/** Attached to a running container's main process until it ends (or Ctrl+C for a server without a tty). */
function* attachMain(ctx: ProcContext, e: DockerEngine, c: Container): Generator<Wait, number, void> {
  const m = ctx.machine as unknown as MachineLike;
  if (c.image.behaviour.kind === 'shell' && c.interactive && c.tty && stdinIsTerminal(ctx) && isShellCommand(m, c.cmd, c)) {
    const pid = c.pid;
    openContainerShell(ctx.machine, c, {
      argv0: c.cmd[0], fs: containerFs(m.kernel, c), pid,
      alive: () => c.state === 'running' && c.pid === pid,
      ended: (code) => {
        stopContainer(e, c, code);
        return code;
      },
    });
    return 0;
  }
  yield until(() => c.state !== 'running' || ctx.signal.interrupted);
  if (c.state === 'running') return ctx.signal.interrupted ? 130 : 0;
  return c.exitCode;
}
