/**
 * The machine's file system as a Linux host starts it: /etc with hosts, hostname and
 * resolv.conf, /root as home, /tmp, and the live views /proc/sys, /run/netns and /dev.
 */
import { FileSystem } from './fs.ts';
import { procSysProvider, type SysctlSource } from './proc-sys.ts';
import { devProvider, runNetnsProvider } from './providers.ts';

export { FileSystem, resolvePath, joinPath, byteOrder } from './fs.ts';
export type { FsResult, FsCaller, FsProvider, NodeKind } from './fs.ts';
export type { SysctlSource } from './proc-sys.ts';
export { strerror } from './errors.ts';

/** What the standard file system needs from the machine. */
export interface HostFsOptions {
  hostname: string;
  sysctl: SysctlSource;
  /** Names of the namespaces under /run/netns, in creation order. */
  netnsNames: () => string[];
  /** Extra lines for /etc/hosts (e.g. the world's LAN peers). */
  hosts?: string[];
}

/** Builds the host's file system. Containers build their own with a different /etc. */
export function createHostFs(o: HostFsOptions): FileSystem {
  const fs = new FileSystem();
  for (const d of ['/tmp', '/root', '/etc', '/home', '/var/log', '/usr/bin', '/bin', '/sbin']) fs.mkdirp(d);
  const caller = { netnsId: 0 };
  const seg = (p: string) => p.split('/').filter(Boolean);
  fs.writeFile(seg('/etc/hostname'), `${o.hostname}\n`, caller);
  fs.writeFile(
    seg('/etc/hosts'),
    [
      '127.0.0.1\tlocalhost',
      `127.0.1.1\t${o.hostname}`,
      ...(o.hosts ?? []),
      '',
      '# The following lines are desirable for IPv6 capable hosts',
      '::1     localhost ip6-localhost ip6-loopback',
      'ff02::1 ip6-allnodes',
      'ff02::2 ip6-allrouters',
      '',
    ].join('\n'),
    caller,
  );
  fs.writeFile(seg('/etc/resolv.conf'), 'nameserver 192.0.2.1\n', caller);
  fs.mount('/proc/sys', procSysProvider(o.sysctl));
  fs.mount('/run/netns', runNetnsProvider(o.netnsNames));
  fs.mount('/dev', devProvider());
  return fs;
}
