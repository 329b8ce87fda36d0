/**
 * /proc/sys as a view of the kernel's sysctls in the caller's network namespace. A key such
 * as `net.ipv4.conf.eth0.forwarding` is the file `net/ipv4/conf/eth0/forwarding`; a dot
 * inside a device name (`eth0.100`) is a `/` in the dotted key, as sysctl(8) writes it.
 */
import type { FsProvider, FsResult, NodeKind } from './fs.ts';
import type { Errno } from '../kernel/errno.ts';

/** The sysctl operations the provider needs, per namespace. */
export interface SysctlSource {
  get(netnsId: number, key: string): string | undefined;
  /** Sets from the text written to the file; an errno when the kernel rejects it. */
  set(netnsId: number, key: string, value: string): Errno | undefined;
  keys(netnsId: number): string[];
}

/** File path segments of a dotted key. */
export const keyToSegments = (key: string): string[] => key.split('.').map((s) => s.replace(/\//g, '.'));
/** Dotted key of file path segments. */
export const segmentsToKey = (segs: string[]): string => segs.map((s) => s.replace(/\./g, '/')).join('.');

export function procSysProvider(src: SysctlSource): FsProvider {
  const kind = (rel: string[], netnsId: number): NodeKind | undefined => {
    const key = segmentsToKey(rel);
    // A file is found directly; only directories need the scan over every key.
    if (src.get(netnsId, key) !== undefined) return 'file';
    let dir = false;
    for (const k of src.keys(netnsId)) {
      if (k === key) return 'file';
      if (k.startsWith(key + '.')) dir = true;
    }
    return dir ? 'dir' : undefined;
  };
  return {
    kind: (rel, c) => kind(rel, c.netnsId),
    list(rel, c) {
      const names = new Set<string>();
      for (const k of src.keys(c.netnsId)) {
        const segs = keyToSegments(k);
        if (segs.length > rel.length && rel.every((r, i) => segs[i] === r)) names.add(segs[rel.length]);
      }
      return [...names];
    },
    read(rel, c): FsResult<string> {
      const v = src.get(c.netnsId, segmentsToKey(rel));
      return v === undefined ? { ok: false, errno: 'ENOENT' } : { ok: true, value: v + '\n' };
    },
    write(rel, data, c): FsResult {
      // The kernel's proc handlers parse the buffer and ignore trailing whitespace.
      const e = src.set(c.netnsId, segmentsToKey(rel), data.replace(/\s+$/, ''));
      return e ? { ok: false, errno: e } : { ok: true, value: undefined };
    },
  };
}
