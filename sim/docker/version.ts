/**
 * The Engine versions the lab can play. A profile holds every version-dependent fact the
 * simulator uses (rule layout, MAC scheme, API field order, message wording), so the rest of
 * the code asks the profile instead of comparing version strings.
 */
import type { Firewaller } from './firewall/types.ts';
import { modernFirewall } from './firewall/modern.ts';
import { classicFirewall } from './firewall/classic.ts';

/** Which Engine line to simulate: 29.x (default) or the classic 27.x. */
export type EngineLine = '29' | '27';

export interface EngineProfile {
  line: EngineLine;
  /** Engine and CLI version strings as `docker version` prints them. */
  version: string;
  apiVersion: string;
  minApiVersion: string;
  goVersion: string;
  gitCommitCli: string;
  gitCommitEngine: string;
  built: string;
  containerd: { version: string; commit: string };
  runc: { version: string; commit: string };
  firewall: Firewaller;
  /** v28+: random locally-administered MACs; ≤27: 02:42 + IPv4. */
  randomMac: boolean;
  /** ≤27 writes `fe00::0`/`ff00::0` in /etc/hosts. */
  hostsLegacyV6: boolean;
  /** API ≥1.47: EnableIPv4 in network inspect; API ≥1.52: Status, no top-level IPAddress. */
  hasEnableIPv4: boolean;
  hasNetworkStatus: boolean;
  hasTopLevelIp: boolean;
  /** v28+: "failed to set up container networking: " prefix, no final period, withHelp footer. */
  modernErrors: boolean;
  /** v29.6+: --link deprecation warning. */
  linkWarning: boolean;
  /** What the CLI says for -it when its stdin is not a terminal (cli/streams/in.go CheckTty; reworded in 29.5). */
  ttyError: string;
}

export const ENGINE_29: EngineProfile = {
  line: '29',
  version: '29.7.2',
  apiVersion: '1.55',
  minApiVersion: '1.40',
  goVersion: 'go1.25.8',
  gitCommitCli: '7d1b5f3',
  gitCommitEngine: 'c8e0a4b',
  built: 'Tue Oct 14 10:12:44 2025',
  containerd: { version: 'v2.2.1', commit: 'dea7da592f5d1d2b7755e3a161be07f43fad8f75' },
  runc: { version: '1.3.4', commit: 'v1.3.4-0-gd6d73eb8' },
  firewall: modernFirewall,
  randomMac: true,
  hostsLegacyV6: false,
  hasEnableIPv4: true,
  hasNetworkStatus: true,
  hasTopLevelIp: false,
  modernErrors: true,
  linkWarning: true,
  ttyError: 'cannot attach stdin to a TTY-enabled container because stdin is not a terminal',
};

export const ENGINE_27: EngineProfile = {
  line: '27',
  version: '27.5.1',
  apiVersion: '1.47',
  minApiVersion: '1.24',
  goVersion: 'go1.22.11',
  gitCommitCli: '9f9e405',
  gitCommitEngine: '4c9b3b0',
  built: 'Wed Jan 22 13:41:48 2025',
  containerd: { version: '1.7.25', commit: 'bcc810d6b9066471b0b6fa75f557a15a1cbf31bb' },
  runc: { version: '1.2.4', commit: 'v1.2.4-0-g6c52b3f' },
  firewall: classicFirewall,
  randomMac: false,
  hostsLegacyV6: true,
  hasEnableIPv4: true,
  hasNetworkStatus: false,
  hasTopLevelIp: true,
  modernErrors: false,
  linkWarning: false,
  ttyError: 'the input device is not a TTY',
};

/** The profile for a version selector ("29", "27", "27.5.1", "29.x"...); 29 by default. */
export function engineProfile(sel?: string): EngineProfile {
  return sel && sel.startsWith('27') ? ENGINE_27 : ENGINE_29;
}
