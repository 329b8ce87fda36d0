/**
 * A container's root file system view: its own /etc (hostname, hosts, resolv.conf as the
 * daemon wrote them) and /proc/sys showing its network namespace, so programs run by
 * `docker exec`/`run` read the container's files, not the host's.
 */
import { createHostFs, type FileSystem } from '../fs/index.ts';
import type { Kernel } from '../kernel/kernel.ts';

/** The daemon-written files and the namespace a container's view shows. */
export interface RootView {
  etc: { hosts: string; resolv: string; hostname: string };
  netnsId?: number;
  /** The image's own files (see ImageInfo.rootFiles). */
  image?: { rootFiles?: Record<string, string> };
}

/** Builds the container's file system from the files the daemon generated. */
export function containerFs(k: Kernel, c: RootView): FileSystem {
  const fs = createHostFs({
    hostname: c.etc.hostname.trim(),
    sysctl: {
      get: (ns, key) => k.sysctlGet(ns, key),
      set: (ns, key, v) => {
        const r = k.sysctlSet(ns, key, v);
        return r.ok ? undefined : r.error.errno;
      },
      keys: (ns) => k.sysctlKeys(ns),
    },
    netnsNames: () => [],
  });
  const caller = { netnsId: c.netnsId ?? 0 };
  fs.writeFile(['etc', 'hosts'], c.etc.hosts, caller);
  fs.writeFile(['etc', 'resolv.conf'], c.etc.resolv, caller);
  fs.writeFile(['etc', 'hostname'], c.etc.hostname, caller);
  for (const [path, text] of Object.entries(c.image?.rootFiles ?? {})) {
    const segs = path.split('/').filter(Boolean);
    fs.mkdirp('/' + segs.slice(0, -1).join('/'));
    fs.writeFile(segs, text, caller);
  }
  return fs;
}
