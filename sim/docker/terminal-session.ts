/**
 * An interactive shell inside a container on the machine's terminal: what `docker run -it
 * IMAGE [sh]` and `docker exec -it NAME sh` give. The shell runs in the container's network
 * namespace with its file system and its image's programs; the terminal prompt becomes the
 * shell's (BusyBox ash: `\w \$ `, so `/ # `; bash on Debian images: `root@<hostname>:/# `),
 * and `exit` or Ctrl+D returns to the host's shell.
 */
import type { Machine, TerminalSession } from '../machine.ts';
import type { FileSystem } from '../fs/index.ts';
import type { CommandModule } from '../shell/process.ts';
import { newShell } from '../shell/new-shell.ts';
import type { ShellState } from '../shell/state.ts';
import type { Container } from './state.ts';

/** The environment Docker gives a container's process (PATH of the image, HOSTNAME, HOME, TERM with -t). */
export function containerEnv(c: Container, tty: boolean): Map<string, string> {
  const env = new Map([
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOSTNAME', c.etc.hostname.trim()],
  ]);
  if (tty) env.set('TERM', 'xterm');
  env.set('HOME', '/root');
  return env;
}

/** The programs a container's processes can run: its image's, or all of the machine's. */
export function imagePrograms(m: { commands: { get(name: string): CommandModule | undefined } }, c: Container): { get(name: string): CommandModule | undefined } {
  const only = c.image.programs;
  if (!only) return m.commands;
  const set = new Set(only);
  return { get: (name) => (set.has(name) ? m.commands.get(name) : undefined) };
}

/** True when `argv` starts a shell the terminal session can run (sh, ash, bash, dash, by any path). */
export function isShellCommand(m: { commands: { get(name: string): CommandModule | undefined } }, argv: readonly string[], c: Container): boolean {
  if (argv.length !== 1) return false;
  const name = argv[0].replace(/^.*\//, '');
  if (!['sh', 'ash', 'bash', 'dash'].includes(name)) return false;
  return !!imagePrograms(m, c).get(name === 'ash' ? 'sh' : name);
}

/** `\w`: the working directory, with $HOME shown as `~` (BusyBox lineedit, bash). */
function shownCwd(sh: ShellState): string {
  const home = sh.vars.get('HOME') ?? '';
  const cwd = sh.cwd;
  if (home && home !== '/' && (cwd === home || cwd.startsWith(home + '/'))) return '~' + cwd.slice(home.length);
  return cwd;
}

export interface ContainerShellOptions {
  /** argv[0] as given (`/bin/sh` for alpine's default command, `sh` for busybox's): ash's messages start with it. */
  argv0: string;
  fs: FileSystem;
  /** Whether the session still stands (its container runs; for `run`, its main process is this shell). */
  alive(): boolean;
  /** The shell ended with `code`; returns the status `docker` gives the host's shell. */
  ended(code: number): number;
  /** Pid of the shell process (the container's main process for `run`); one is allocated otherwise. */
  pid?: number;
}

/** Opens the shell on the machine's terminal as the innermost session. */
export function openContainerShell(m: Machine, c: Container, o: ContainerShellOptions): void {
  const name = o.argv0.replace(/^.*\//, '');
  const busybox = !!c.image.programs;
  const bash = name === 'bash';
  const sh = newShell(m, {
    dialect: bash ? 'bash' : 'dash',
    mode: { kind: 'interactive' },
    name: o.argv0,
    cwd: '/',
    env: containerEnv(c, true),
    netnsId: c.netnsId ?? 0,
    fs: o.fs,
    pid: o.pid,
  });
  if (busybox) sh.ash = true;
  sh.commands = imagePrograms(m, c);
  const hostname = c.etc.hostname.trim();
  const own = o.pid === undefined ? m.procs.add({ pid: sh.pid, argv: [o.argv0], netnsId: sh.netnsId, ppid: 0, taskId: 0 }).pid : undefined;
  const session: TerminalSession = {
    shell: sh,
    // ash: PS1='\w \$ '; Debian's bash.bashrc: '\u@\h:\w\$ '; dash: '# ' for root.
    prompt: () => (busybox ? `${shownCwd(sh)} # ` : bash ? `root@${hostname}:${shownCwd(sh)}# ` : '# '),
    // ash prints a newline on end of input (cmdloop, newline_and_flush); bash prints "exit".
    eofText: bash ? 'exit\n' : '\n',
    exitText: bash ? 'exit\n' : '',
    ended: (code) => {
      if (own !== undefined) m.procs.remove(own);
      return o.ended(code);
    },
    alive: () => {
      const ok = o.alive();
      if (!ok && own !== undefined) m.procs.remove(own);
      return ok;
    },
  };
  m.enterSession(session);
}
