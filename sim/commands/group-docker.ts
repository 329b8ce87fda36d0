import type { CommandModule } from '../shell/process.ts';
import { dockerClient } from './docker/docker.ts';
import { daemonCommands } from './docker/daemon.ts';

/** Commands of the docker group (docker, dockerd, systemctl); see registry.ts. */
export const dockerCommands: CommandModule[] = [dockerClient, ...daemonCommands];
