/**
 * The `docker` client: subcommand dispatch, `docker --version`, the management-command
 * aliases (`docker container ls`, `docker image ls`), and the CLI's unknown-command error.
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { dockerAttach, dockerCreate, dockerExec, dockerRun } from './run.ts';
import { dockerInspect, dockerLogs, dockerPort, dockerPs, dockerRestart, dockerRm, dockerStart, dockerStop, dockerTop } from './lifecycle.ts';
import { dockerNetwork } from './network.ts';
import { dockerImages, dockerInfo, dockerPull, dockerVersion } from './system.ts';
import { engineOf } from './common.ts';
import { completeDocker } from '../complete-words.ts';

type Verb = (ctx: ProcContext) => Generator<Wait, number, void>;

const VERBS: Record<string, Verb> = {
  run: dockerRun, create: dockerCreate, exec: dockerExec, attach: dockerAttach, start: dockerStart, stop: dockerStop, restart: dockerRestart,
  rm: dockerRm, ps: dockerPs, inspect: dockerInspect, logs: dockerLogs, port: dockerPort, top: dockerTop,
  network: dockerNetwork, images: dockerImages, pull: dockerPull, version: dockerVersion, info: dockerInfo,
};

/** `docker container X` and `docker image X` map onto the top-level verbs. */
const MANAGEMENT: Record<string, Record<string, string>> = {
  container: { ls: 'ps', list: 'ps', ps: 'ps', run: 'run', create: 'create', start: 'start', stop: 'stop', restart: 'restart', rm: 'rm', remove: 'rm', inspect: 'inspect', logs: 'logs', port: 'port', top: 'top', exec: 'exec', attach: 'attach' },
  image: { ls: 'images', list: 'images', pull: 'pull' },
};

const HELP = `
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Common Commands:
  run         Create and run a new container from an image
  exec        Execute a command in a running container
  ps          List containers
  pull        Download an image from a registry
  images      List images
  version     Show the Docker version information
  info        Display system-wide information

Management Commands:
  container   Manage containers
  image       Manage images
  network     Manage networks

Commands:
  attach      Attach local standard input, output, and error streams to a running container
  create      Create a new container
  inspect     Return low-level information on Docker objects
  logs        Fetch the logs of a container
  port        List port mappings or a specific mapping for the container
  restart     Restart one or more containers
  rm          Remove one or more containers
  start       Start one or more stopped containers
  stop        Stop one or more running containers
  top         Display the running processes of a container

Run 'docker COMMAND --help' for more information on a command.
`;

const docker: CommandModule = {
  name: 'docker',
  complete: completeDocker,
  *run(ctx) {
    let argv = ctx.argv;
    const first = argv[1];
    if (first === undefined || first === '--help') {
      ctx.out(HELP);
      return 0;
    }
    if (first === '--version' || first === '-v') {
      const p = engineOf(ctx).profile;
      ctx.out(`Docker version ${p.version}, build ${p.gitCommitCli}\n`);
      return 0;
    }
    if (MANAGEMENT[first] && argv[2] !== undefined) {
      const mapped = MANAGEMENT[first][argv[2]];
      if (!mapped) {
        ctx.err(`docker: unknown command: docker ${first} ${argv[2]}\n\nRun 'docker ${first} --help' for more information\n`);
        return 1;
      }
      argv = [argv[0], mapped, ...argv.slice(3)];
    }
    const verb = VERBS[argv[1]];
    if (!verb) {
      ctx.err(`docker: unknown command: docker ${argv[1]}\n\nRun 'docker --help' for more information\n`);
      return 1;
    }
    const sub = Object.create(ctx, { argv: { value: argv } }) as ProcContext;
    return yield* verb(sub);
  },
};

/** The client command. */
export const dockerClient: CommandModule = docker;
