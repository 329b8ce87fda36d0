/**
 * Which userland a process runs in: the host's Debian tools, or BusyBox applets inside an
 * Alpine or BusyBox container (told apart by the image's /bin/busybox, /etc/alpine-release or
 * ID=alpine in /etc/os-release, in the file system the process sees). Tools whose BusyBox
 * applet prints differently (ping, wget, nc) pick their flavour with it.
 */
import type { ProcContext } from '../shell/process.ts';
import { resolvePath } from '../fs/fs.ts';
import { STRERROR, type Errno } from '../kernel/errno.ts';

/** True when the process's root file system is a BusyBox-based image. */
export function isBusybox(ctx: ProcContext): boolean {
  const fs = ctx.fs ?? (ctx.machine as unknown as { fs?: ProcContext['fs'] }).fs;
  if (!fs) return false;
  const read = (p: string) => fs.readFile(resolvePath('/', p), { netnsId: ctx.netnsId });
  if (read('/bin/busybox').ok || read('/etc/alpine-release').ok) return true;
  const os = read('/etc/os-release');
  return os.ok && /^ID=alpine$/m.test(os.value);
}

/**
 * musl's strerror texts where they differ from glibc's (musl src/errno/__strerror.h): Alpine's
 * BusyBox prints these; the busybox image's default variant is built on glibc.
 */
const MUSL_STRERROR: Partial<Record<Errno, string>> = {
  ENETUNREACH: 'Network unreachable',
  EHOSTUNREACH: 'Host is unreachable',
  ETIMEDOUT: 'Operation timed out',
  EADDRNOTAVAIL: 'Address not available',
  ENOTEMPTY: 'Directory not empty',
  EOPNOTSUPP: 'Not supported',
  ERANGE: 'Result not representable',
  ELOOP: 'Symbolic link loop',
  EBUSY: 'Resource busy',
  EADDRINUSE: 'Address in use',
};

/** strerror as the process's C library words it (musl in Alpine, glibc elsewhere). */
export function libcStrerror(ctx: ProcContext, errno: Errno): string {
  const fs = ctx.fs ?? (ctx.machine as unknown as { fs?: ProcContext['fs'] }).fs;
  const musl = !!fs?.readFile(resolvePath('/', '/etc/alpine-release'), { netnsId: ctx.netnsId }).ok;
  return (musl ? MUSL_STRERROR[errno] : undefined) ?? STRERROR[errno];
}
