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

/**
 * One file system per set of daemon-written files: /etc/hosts and /etc/resolv.conf are
 * bind mounts of files the daemon keeps, so what one `docker exec` writes there the next one
 * (and the container's resolver) reads. A restart or network change rewrites them (a new set).
 */
const views = new WeakMap<RootView['etc'], FileSystem>();

/** The container's file system, built from the files the daemon generated on first use. */
export function containerFs(k: Kernel, c: RootView): FileSystem {
  const known = views.get(c.etc);
  if (known) return known;
  const fs = buildFs(k, c);
  views.set(c.etc, fs);
  return fs;
}

/** The file system of a container's files as they are now, if a process has used it. */
export function existingContainerFs(etc: RootView['etc']): FileSystem | undefined {
  return views.get(etc);
}

function buildFs(k: Kernel, c: RootView): FileSystem {
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
