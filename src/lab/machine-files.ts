/**
 * The editor's access to the machine's file system (`machine.fs`, see sim/fs/fs.ts). Kept in
 * one small module so a change in that API touches one place.
 */
import type { LabMachine } from './machine-port.ts';

type FsResult<T> = { ok: true; value: T } | { ok: false; errno: unknown };

/** The members of the simulator's FileSystem the editor uses. */
interface FsLike {
  readFile(segs: string[], caller: { netnsId: number }): FsResult<string>;
  writeFile(segs: string[], data: string, caller: { netnsId: number }): FsResult<void>;
  mkdirp(path: string): void;
}

/** The host namespace: the editor works on the host's files. */
const HOST = { netnsId: 0 };

function fsOf(m: LabMachine): FsLike | undefined {
  const fs = (m as { fs?: Partial<FsLike> }).fs;
  return fs && typeof fs.readFile === 'function' && typeof fs.writeFile === 'function' ? (fs as FsLike) : undefined;
}

const segments = (path: string): string[] => path.split('/').filter((s) => s && s !== '.');

/** The file's text, or undefined when it does not exist or cannot be read. */
export function readMachineFile(m: LabMachine, path: string): string | undefined {
  const r = fsOf(m)?.readFile(segments(path), HOST);
  return r?.ok ? r.value : undefined;
}

/** Creates or replaces a file (and its directory); false if the machine refused. */
export function writeMachineFile(m: LabMachine, path: string, content: string): boolean {
  const fs = fsOf(m);
  if (!fs) return false;
  const segs = segments(path);
  if (segs.length > 1) fs.mkdirp('/' + segs.slice(0, -1).join('/'));
  return fs.writeFile(segs, content, HOST).ok;
}
