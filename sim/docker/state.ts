/**
 * The Engine's objects as plain data: networks, containers, their endpoints and port
 * bindings. The engine (engine.ts) owns and mutates them; the CLI prints from them.
 */
import type { SubnetPool } from './ipam.ts';
import type { PortBinding, PortSpec } from './ports.ts';
import type { ImageInfo } from './images.ts';

export interface DockerNetwork {
  id: string;
  name: string;
  driver: 'bridge' | 'host' | 'null';
  /** RFC 3339 creation time. */
  created: string;
  /** Bridge device (docker0, br-<12 hex>). */
  bridge?: string;
  subnet?: string;
  gateway?: string;
  pool?: SubnetPool;
  internal: boolean;
  icc: boolean;
  masquerade: boolean;
  /** The default `bridge` network (legacy links, no embedded DNS). */
  isDefault: boolean;
  /** User-given driver options (-o) and whether IPAM config was user-specified. */
  options: Record<string, string>;
  ipamUser: boolean;
  /** The daemon created the bridge device (a pre-existing one named with -o is left on rm). */
  ownsBridge?: boolean;
  /** com.docker.network.driver.mtu (the daemon's 1500 for the default bridge); 0: left alone. */
  mtu?: number;
  labels: Record<string, string>;
}

export interface Endpoint {
  id: string;
  networkId: string;
  ip: string;
  prefixLen: number;
  mac: string;
  /** Host-side veth name. */
  veth: string;
  /** Name inside the container (eth0, eth1...). */
  ifName: string;
  aliases: string[];
  /** Requested address (--ip), kept across restarts. */
  ipamIp?: string;
}

export type ContainerState = 'created' | 'running' | 'exited';

export interface Container {
  id: string;
  name: string;
  image: ImageInfo;
  imageRef: string;
  cmd: string[];
  created: string;
  state: ContainerState;
  exitCode: number;
  startedAt: string;
  finishedAt: string;
  hostname: string;
  /** As given: bridge, host, none, container:<full id>, or a network name. */
  networkMode: string;
  /**
   * Networks to join on start (name/id -> requested ip and aliases). `links` are the
   * endpoint's --link values on a user-defined network: aliases only this container resolves.
   */
  wanted: { networkId: string; ip?: string; aliases: string[]; links?: string[] }[];
  portSpecs: PortSpec[];
  exposed: string[];
  publishAll: boolean;
  dns: string[];
  addHosts: string[];
  /** Legacy links (default bridge only; HostConfig.Links). */
  links: { name: string; alias: string }[];
  autoRemove: boolean;
  tty: boolean;
  interactive: boolean;
  /** Live while running. */
  netnsId?: number;
  endpoints: Endpoint[];
  ports: PortBinding[];
  pid?: number;
  proxyPids: number[];
  restartCount: number;
  /** Main process output, for `docker logs`. */
  logs: string;
  /** Files of the container's /etc the daemon wrote. */
  etc: { hosts: string; resolv: string; hostname: string };
}
