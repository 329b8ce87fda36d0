/**
 * Where a program's output goes: file descriptors mapped to sinks. A sink answers a write
 * with an errno when it fails (a bad value written to /proc/sys), so the writer can report
 * it the way the real tool does.
 */
import type { Errno } from '../kernel/errno.ts';

export interface Sink {
  write(text: string): Errno | undefined;
  /** True for the terminal (programs print differently to a pipe). */
  tty?: boolean;
}

export interface Io {
  stdin: string;
  fds: Map<number, Sink>;
}

/** A sink that keeps what is written, for pipes and command substitution. */
export function bufferSink(): Sink & { text: string } {
  const s = {
    text: '',
    write(t: string) {
      s.text += t;
      return undefined;
    },
  };
  return s;
}

export const nullSink: Sink = { write: () => undefined };

/** Writes to fd, if open; a closed fd discards like EBADF. */
export function writeFd(io: Io, fd: number, text: string): Errno | undefined {
  const s = io.fds.get(fd);
  return s ? s.write(text) : 'EINVAL';
}

export function cloneIo(io: Io, over?: Partial<Io>): Io {
  return { stdin: over?.stdin ?? io.stdin, fds: new Map(over?.fds ?? io.fds) };
}
