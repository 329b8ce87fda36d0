/**
 * Shared pieces of the docker CLI: the engine of the machine a command runs on, the
 * daemon-not-running error, daemon error printing and the run/create error wrapping of each
 * CLI version.
 */
import type { ProcContext } from '../../shell/process.ts';
import type { DockerEngine } from '../../docker/engine.ts';
import { dockerOf, type MachineLike } from '../../docker/machine-host.ts';

/** The Engine of the caller's machine. */
export const engineOf = (ctx: ProcContext): DockerEngine => dockerOf(ctx.machine as unknown as MachineLike);

export const NO_DAEMON = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';

/** The engine if the daemon runs, or prints the client's connection error. */
export function requireDaemon(ctx: ProcContext): DockerEngine | undefined {
  const e = engineOf(ctx);
  if (e.running) return e;
  ctx.err(NO_DAEMON);
  return undefined;
}

/** `Error response from daemon: MSG`, exit 1 (commands other than run/create). */
export function daemonError(ctx: ProcContext, msg: string): number {
  ctx.err(`Error response from daemon: ${msg}\n`);
  return 1;
}

/** How `docker run`/`create` report an error: 29.x withHelp, 27.x reportError; exit 125. */
export function runError(ctx: ProcContext, e: DockerEngine, cmd: string, msg: string): number {
  if (e.profile.modernErrors) ctx.err(`docker: ${msg}\n\nRun 'docker ${cmd} --help' for more information\n`);
  else ctx.err(`docker: ${msg.replace(/\.$/, '')}.\nSee 'docker ${cmd} --help'.\n`);
  return 125;
}

/** cobra's flag error, as the docker CLI's FlagErrorFunc prints it. */
export function flagError(ctx: ProcContext, err: string, usage: string, path: string, code = 125): number {
  ctx.err(`${err}\n\nUsage:  ${usage}\n\nRun '${path} --help' for more information\n`);
  return code;
}

/** "No such container" as the daemon says it for most verbs. */
export const noSuchContainer = (ref: string) => `No such container: ${ref}`;
