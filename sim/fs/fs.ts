/**
 * A small in-memory file system: directories and regular files held as strings, plus
 * "providers" mounted at a path that answer for a whole subtree from live state (the
 * kernel's sysctls under /proc/sys, the named namespaces under /run/netns, /dev/null).
 * Every operation answers with an errno instead of throwing, so each tool can print the
 * message its real counterpart prints.
 */
import type { Errno } from '../kernel/errno.ts';

/** Result of a file system operation: a value or the errno the real syscall gives. */
export type FsResult<T = void> = { ok: true; value: T } | { ok: false; errno: Errno };

const ok = <T>(value: T): FsResult<T> => ({ ok: true, value });
const err = (errno: Errno): FsResult<never> => ({ ok: false, errno });

/** Who is asking: providers such as /proc/sys answer per network namespace. */
export interface FsCaller {
  netnsId: number;
}

export type NodeKind = 'file' | 'dir' | 'chardev';

/** A subtree served from live state instead of stored nodes. Paths are relative segments. */
export interface FsProvider {
  kind(rel: string[], caller: FsCaller): NodeKind | undefined;
  list(rel: string[], caller: FsCaller): string[];
  read(rel: string[], caller: FsCaller): FsResult<string>;
  /** One write(2) call of `data`; truncation is implied for provider files. */
  write(rel: string[], data: string, caller: FsCaller): FsResult;
}

interface DirNode { kind: 'dir'; children: Map<string, Node> }
interface FileNode { kind: 'file'; data: string }
type Node = DirNode | FileNode;

/** Splits an absolute or cwd-relative path into normalized segments ("." and ".." resolved lexically). */
export function resolvePath(cwd: string, path: string): string[] {
  const raw = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out;
}

/** Joins segments back into an absolute path. */
export const joinPath = (segs: string[]): string => '/' + segs.join('/');

export class FileSystem {
  private readonly root: DirNode = { kind: 'dir', children: new Map() };
  private readonly mounts = new Map<string, FsProvider>();

  /** Serves the subtree at `path` from `provider`; the mount point itself is a directory. */
  mount(path: string, provider: FsProvider): void {
    this.mkdirp(path);
    this.mounts.set(joinPath(resolvePath('/', path)), provider);
  }

  private findMount(segs: string[]): { p: FsProvider; rel: string[] } | undefined {
    for (let i = segs.length; i >= 1; i--) {
      const p = this.mounts.get(joinPath(segs.slice(0, i)));
      if (p) return { p, rel: segs.slice(i) };
    }
    return undefined;
  }

  /** Walks stored nodes; ENOTDIR when a middle segment is a file. */
  private walk(segs: string[]): FsResult<Node | undefined> {
    let node: Node = this.root;
    for (let i = 0; i < segs.length; i++) {
      if (node.kind !== 'dir') return err('ENOTDIR');
      const next = node.children.get(segs[i]);
      if (!next) return i === segs.length - 1 ? ok(undefined) : err('ENOENT');
      node = next;
    }
    return ok(node);
  }

  /** What is at `segs`: a kind, or the errno stat(2) would give. */
  stat(segs: string[], caller: FsCaller): FsResult<NodeKind> {
    const m = this.findMount(segs);
    if (m && m.rel.length) {
      const k = m.p.kind(m.rel, caller);
      return k ? ok(k) : err('ENOENT');
    }
    const w = this.walk(segs);
    if (!w.ok) return w;
    return w.value ? ok(w.value.kind) : err('ENOENT');
  }

  /** Entry names of a directory, sorted bytewise like `ls` in the C locale. */
  readdir(segs: string[], caller: FsCaller): FsResult<string[]> {
    const m = this.findMount(segs);
    if (m) {
      if (m.rel.length && m.p.kind(m.rel, caller) !== 'dir') return err(m.p.kind(m.rel, caller) ? 'ENOTDIR' : 'ENOENT');
      return ok([...m.p.list(m.rel, caller)].sort(byteOrder));
    }
    const w = this.walk(segs);
    if (!w.ok) return w;
    if (!w.value) return err('ENOENT');
    if (w.value.kind !== 'dir') return err('ENOTDIR');
    return ok([...w.value.children.keys()].sort(byteOrder));
  }

  readFile(segs: string[], caller: FsCaller): FsResult<string> {
    const m = this.findMount(segs);
    if (m && m.rel.length) {
      const k = m.p.kind(m.rel, caller);
      if (!k) return err('ENOENT');
      if (k === 'dir') return err('EISDIR');
      return m.p.read(m.rel, caller);
    }
    const w = this.walk(segs);
    if (!w.ok) return w;
    if (!w.value) return err('ENOENT');
    if (w.value.kind === 'dir') return err('EISDIR');
    return ok(w.value.data);
  }

  /**
   * Opens for writing as the shell's `>`/`>>` does: checks the parent exists and the target
   * is not a directory, and for `>` truncates. Returns a writer for the later write(2) calls.
   */
  open(segs: string[], append: boolean, caller: FsCaller): FsResult<(data: string) => FsResult> {
    const m = this.findMount(segs);
    if (m && m.rel.length) {
      const k = m.p.kind(m.rel, caller);
      if (!k) return err('ENOENT');
      if (k === 'dir') return err('EISDIR');
      const rel = m.rel;
      return ok((data: string) => m.p.write(rel, data, caller));
    }
    if (segs.length === 0) return err('EISDIR');
    const parent = this.walk(segs.slice(0, -1));
    if (!parent.ok) return parent;
    if (!parent.value) return err('ENOENT');
    if (parent.value.kind !== 'dir') return err('ENOTDIR');
    const dir = parent.value;
    const name = segs[segs.length - 1];
    const node = dir.children.get(name);
    if (node?.kind === 'dir') return err('EISDIR');
    const file: FileNode = node ?? { kind: 'file', data: '' };
    if (!node) dir.children.set(name, file);
    if (!append) file.data = '';
    return ok((data: string) => {
      file.data += data;
      return ok(undefined);
    });
  }

  /** Replaces a file's content (creating it), e.g. for the editor and for worlds' seed files. */
  writeFile(segs: string[], data: string, caller: FsCaller): FsResult {
    const w = this.open(segs, false, caller);
    if (!w.ok) return w;
    return w.value(data);
  }

  /** mkdir(2): EEXIST if anything is there, ENOENT if the parent is missing. */
  mkdir(segs: string[], caller: FsCaller): FsResult {
    if (this.findMount(segs)) return this.stat(segs, caller).ok ? err('EEXIST') : err('EACCES');
    if (segs.length === 0) return err('EEXIST');
    const parent = this.walk(segs.slice(0, -1));
    if (!parent.ok) return parent;
    if (!parent.value) return err('ENOENT');
    if (parent.value.kind !== 'dir') return err('ENOTDIR');
    const name = segs[segs.length - 1];
    if (parent.value.children.has(name)) return err('EEXIST');
    parent.value.children.set(name, { kind: 'dir', children: new Map() });
    return ok(undefined);
  }

  /** Creates a directory and its parents (no error if it exists). */
  mkdirp(path: string): void {
    let node = this.root;
    for (const seg of resolvePath('/', path)) {
      let next = node.children.get(seg);
      if (!next || next.kind !== 'dir') {
        next = { kind: 'dir', children: new Map() };
        node.children.set(seg, next);
      }
      node = next;
    }
  }

  /** Removes a file (unlink) or, with `dir`, a directory and everything under it. */
  remove(segs: string[], opts: { dir: boolean }): FsResult {
    if (segs.length === 0 || this.findMount(segs)) return err(segs.length === 0 ? 'EISDIR' : 'EPERM');
    const parent = this.walk(segs.slice(0, -1));
    if (!parent.ok) return parent;
    if (!parent.value || parent.value.kind !== 'dir') return err(parent.value ? 'ENOTDIR' : 'ENOENT');
    const name = segs[segs.length - 1];
    const node = parent.value.children.get(name);
    if (!node) return err('ENOENT');
    if (node.kind === 'dir' && !opts.dir) return err('EISDIR');
    for (const mp of this.mounts.keys()) if (mp.startsWith(joinPath(segs) + '/')) return err('EBUSY');
    parent.value.children.delete(name);
    return ok(undefined);
  }
}

/** Byte-wise ordering, as `ls` and `sort` sort in the C locale. */
export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
