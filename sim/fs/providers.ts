/** Small providers: /run/netns (one empty file per named namespace) and /dev. */
import type { FsProvider } from './fs.ts';

/** /run/netns: the names of the namespaces `ip netns add` created, as files. */
export function runNetnsProvider(names: () => string[]): FsProvider {
  return {
    kind: (rel) => (rel.length === 1 && names().includes(rel[0]) ? 'file' : undefined),
    list: (rel) => (rel.length === 0 ? names() : []),
    // A namespace file is an nsfs bind mount: reading it fails as on Linux.
    read: () => ({ ok: false, errno: 'EINVAL' }),
    write: () => ({ ok: false, errno: 'EPERM' }),
  };
}

/** /dev with null, zero-length reads from it, writes discarded. */
export function devProvider(): FsProvider {
  const devs = ['null', 'zero', 'tty'];
  return {
    kind: (rel) => (rel.length === 1 && devs.includes(rel[0]) ? 'chardev' : undefined),
    list: (rel) => (rel.length === 0 ? devs : []),
    read: () => ({ ok: true, value: '' }),
    write: () => ({ ok: true, value: undefined }),
  };
}
