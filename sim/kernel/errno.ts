/**
 * Kernel operations answer like netlink does: success with a value, or an errno plus an
 * optional extended-ack message. iproute2 prints "Error: <extack>." when there is one and
 * "RTNETLINK answers: <strerror>" otherwise, so the kernel must say which it would have given.
 */
export const STRERROR = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  ESRCH: 'No such process',
  EEXIST: 'File exists',
  ENODEV: 'No such device',
  EINVAL: 'Invalid argument',
  ENETUNREACH: 'Network is unreachable',
  ENETDOWN: 'Network is down',
  EHOSTUNREACH: 'No route to host',
  EOPNOTSUPP: 'Operation not supported',
  EBUSY: 'Device or resource busy',
  ENOTEMPTY: 'Directory not empty',
  ENOBUFS: 'No buffer space available',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EADDRINUSE: 'Address already in use',
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  ELOOP: 'Too many levels of symbolic links',
  ERANGE: 'Numerical result out of range',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EACCES: 'Permission denied',
  EAFNOSUPPORT: 'Address family not supported by protocol',
  EPROTONOSUPPORT: 'Protocol not supported',
} as const;

export type Errno = keyof typeof STRERROR;

export interface KernelError {
  errno: Errno;
  /** Extended ack message, without the trailing period iproute2 adds. */
  extack?: string;
}

export type KResult<T = void> = { ok: true; value: T } | { ok: false; error: KernelError };

export const ok = <T>(value: T): KResult<T> => ({ ok: true, value });
export const fail = (errno: Errno, extack?: string): KResult<never> => ({ ok: false, error: { errno, extack } });
