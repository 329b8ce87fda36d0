/**
 * The built-in image catalogue: what each image runs and listens on, and the metadata
 * `docker pull`, `docker images` and `docker inspect` show. Layers and digests are fixed
 * strings so transcripts are stable.
 */

/** One image of the catalogue. */
export interface ImageInfo {
  repo: string;
  tag: string;
  /** 64-hex image id (sha256). */
  id: string;
  digest: string;
  layers: string[];
  /** Default command (Config.Cmd) and entrypoint, as `docker ps` shows them. */
  cmd: string[];
  entrypoint: string[];
  exposed: string[];
  /** Size as `docker images` prints it. */
  size: string;
  created: string;
  /** The program the simulator runs as the main process: a server or a shell. */
  behaviour: { kind: 'http'; port: number; banner: string; serves?: string } | { kind: 'tcp'; port: number; banner: string } | { kind: 'shell'; prompt: string };
  /**
   * Files of the image that programs look at to know where they run (BusyBox's binary,
   * /etc/alpine-release): ping, wget and nc then behave as the image's own tools.
   */
  rootFiles?: Record<string, string>;
  /** The programs on the image's PATH, when it is a small userland (BusyBox applets); all of the machine's if unset. */
  programs?: readonly string[];
}

/**
 * The lab's programs that BusyBox provides as applets (busybox and alpine images). Others
 * (bash, curl, iptables, tcpdump, docker...) are not in those images: `sh: curl: not found`.
 */
export const BUSYBOX_APPLETS: readonly string[] = [
  '[', 'cat', 'clear', 'cut', 'dmesg', 'echo', 'false', 'grep', 'head', 'hostname', 'id', 'ifconfig', 'ip', 'ls', 'mkdir',
  'nc', 'ping', 'printf', 'pwd', 'rm', 'seq', 'sh', 'sleep', 'sort', 'sysctl', 'tail', 'tee', 'test', 'touch', 'tr', 'true',
  'uname', 'uniq', 'wc', 'wget', 'whoami',
];

const hex = (seed: string, n = 64) => {
  // Deterministic hex from a seed word (FNV-1a over the whole seed, then a counter stream).
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  let out = '';
  for (let i = 0; out.length < n; i++) {
    h = Math.imul(h ^ (i + 0x9e), 0x01000193) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
};

const img = (repo: string, partial: Omit<ImageInfo, 'repo' | 'tag' | 'id' | 'digest' | 'layers'> & { layers: number }): ImageInfo => ({
  repo,
  tag: 'latest',
  id: hex(repo + ':id'),
  digest: 'sha256:' + hex(repo + ':digest'),
  ...partial,
  layers: Array.from({ length: partial.layers }, (_, i) => hex(`${repo}:layer${i}`, 12)),
});

export const CATALOGUE: ImageInfo[] = [
  img('nginx', {
    cmd: ['nginx', '-g', 'daemon off;'], entrypoint: ['/docker-entrypoint.sh'], exposed: ['80/tcp'], size: '192MB', created: '2025-10-07T21:05:19Z', layers: 7,
    behaviour: { kind: 'http', port: 80, banner: 'nginx/1.29.2' },
  }),
  img('redis', {
    cmd: ['redis-server'], entrypoint: ['docker-entrypoint.sh'], exposed: ['6379/tcp'], size: '137MB', created: '2025-10-03T18:22:41Z', layers: 8,
    behaviour: { kind: 'tcp', port: 6379, banner: '' },
  }),
  img('alpine', {
    cmd: ['/bin/sh'], entrypoint: [], exposed: [], size: '8.32MB', created: '2025-10-08T11:54:12Z', layers: 1,
    behaviour: { kind: 'shell', prompt: '/ # ' },
    rootFiles: { '/bin/busybox': '', '/etc/alpine-release': '3.22.2\n' },
    programs: BUSYBOX_APPLETS,
  }),
  img('busybox', {
    cmd: ['sh'], entrypoint: [], exposed: [], size: '4.43MB', created: '2025-09-26T17:09:50Z', layers: 1,
    behaviour: { kind: 'shell', prompt: '/ # ' },
    rootFiles: { '/bin/busybox': '' },
    programs: BUSYBOX_APPLETS,
  }),
  img('python', {
    // Config.Cmd is the interpreter; the HTTP server runs only as `python3 -m http.server`.
    cmd: ['python3'], entrypoint: [], exposed: [], size: '1.12GB', created: '2025-10-09T23:47:31Z', layers: 7,
    behaviour: { kind: 'http', port: 8000, banner: 'SimpleHTTP/0.6 Python/3.14.0', serves: 'http.server' },
  }),
];

/** Splits `name[:tag]` (the registry prefix docker.io/library/ is accepted). */
export function parseImageRef(ref: string): { repo: string; tag: string } {
  let r = ref.replace(/^(docker\.io\/)?(library\/)?/, '');
  let tag = 'latest';
  const at = r.lastIndexOf(':');
  if (at > 0 && !r.slice(at).includes('/')) {
    tag = r.slice(at + 1);
    r = r.slice(0, at);
  }
  return { repo: r, tag };
}

/** The catalogue entry for a reference, if the "registry" has it (any tag of a known repo). */
export function findImage(ref: string): ImageInfo | undefined {
  const { repo, tag } = parseImageRef(ref);
  const base = CATALOGUE.find((i) => i.repo === repo);
  return base && { ...base, tag };
}
