import type { CommandModule } from '../shell/process.ts';
import { dockerClient } from './docker/docker.ts';
import { daemonCommands } from './docker/daemon.ts';
import { registerDockerWorlds } from '../docker/world.ts';

// The docker-host worlds and the embedded DNS exist as soon as the docker commands do.
registerDockerWorlds();

/** Commands of the docker group (docker, dockerd, systemctl); see registry.ts. */
export const dockerCommands: CommandModule[] = [dockerClient, ...daemonCommands];
