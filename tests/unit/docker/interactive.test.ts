/**
 * Interactive shells in containers (`docker run -it`, `docker exec -it`, `docker attach`):
 * the terminal's lines run inside the container until `exit` or Ctrl+D, the prompt is the
 * image shell's (BusyBox ash PS1 `\w \$ `, Debian bash `\u@\h:\w\$ `), the exit status reaches
 * the host's `$?`, `--rm` removes the container, and a caller whose stdin is not a terminal
 * gets the CLI's CheckTty error (cli/streams/in.go). A lab session replaying its log comes
 * back inside the container.
 */
import { describe, expect, it } from 'vitest';
import { createMachine, EOF_LINE, type Machine } from '../../../sim/machine.ts';
import { LabSession, END_OF_INPUT, type Pacer } from '../../../src/lab/session.ts';
import { simulatorFactory } from '../../../src/lab/machine-port.ts';

function dockerHost(seed = 1): Machine {
  const m = createMachine({ world: 'docker-host', seed });
  m.run('docker pull alpine >/dev/null; docker pull busybox >/dev/null; docker pull nginx >/dev/null');
  return m;
}

describe('docker run -it', () => {
  it('puts the terminal in the container: its namespace, files and prompt, until exit', () => {
    const m = dockerHost();
    expect(m.prompt()).toBe('root@host:~# ');
    const r = m.run('docker run -it --name box alpine');
    expect([r.output, r.exitCode]).toEqual(['', 0]);
    expect(m.prompt()).toBe('/ # ');
    expect(m.sessionDepth).toBe(1);
    const id = m.run('cat /etc/hostname').output.trim();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(m.run('ip -4 -o addr show eth0').output).toMatch(/^\d+: eth0 +inet 172\.17\.0\.2\/16 brd 172\.17\.255\.255 scope global eth0/);
    // ash's \w: the working directory, $HOME as ~.
    m.run('cd /tmp');
    expect(m.prompt()).toBe('/tmp # ');
    m.run('cd');
    expect(m.prompt()).toBe('~ # ');
    // Programs the image does not have: ash's message with $0 (alpine runs /bin/sh).
    expect(m.run('curl http://x/')).toMatchObject({ output: '/bin/sh: curl: not found\n', exitCode: 127 });
    expect(m.run('docker ps')).toMatchObject({ output: '/bin/sh: docker: not found\n', exitCode: 127 });
    // ash prints nothing on exit; the container exits with the shell's status.
    expect(m.run('exit 3')).toMatchObject({ output: '', exitCode: 3 });
    expect(m.prompt()).toBe('root@host:~# ');
    expect(m.run('echo $?').output).toBe('3\n');
    expect(m.run("docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' box").output).toBe('exited 3\n');
    expect(m.run('ip netns list').output).toBe('');
  });

  it('Ctrl+D ends the shell with a newline (ash cmdloop) and --rm removes the container', () => {
    const m = dockerHost();
    m.run('docker run -it --rm --name tmp busybox');
    expect(m.prompt()).toBe('/ # ');
    expect(m.run('false').exitCode).toBe(1);
    // busybox's CMD is "sh": messages start with "sh: ".
    expect(m.run('bash').output).toBe('sh: bash: not found\n');
    const eof = m.run(EOF_LINE);
    expect(eof.output).toBe('\n');
    expect(m.prompt()).toBe('root@host:~# ');
    expect(m.run('echo $?').output).toBe('127\n');
    expect(m.run('docker ps -a --format {{.Names}}').output).toBe('');
    // The login shell ignores end of input.
    expect(m.run(EOF_LINE).output).toBe('');
    expect(m.prompt()).toBe('root@host:~# ');
  });

  it('a container given a command, or without -t, does not take the terminal', () => {
    const m = dockerHost();
    expect(m.run('docker run -it --rm alpine echo hi').output).toBe('hi\n');
    expect(m.prompt()).toBe('root@host:~# ');
    expect(m.run('docker run -i --rm alpine').exitCode).toBe(0);
    expect(m.sessionDepth).toBe(0);
  });

  it('without a terminal on stdin (bash -c as record-real runs it, or a pipe) the CLI refuses before creating anything', () => {
    const m = dockerHost();
    const msg = 'cannot attach stdin to a TTY-enabled container because stdin is not a terminal\n';
    expect(m.run('docker run -it alpine', { mode: 'bash-c' })).toMatchObject({ output: msg, exitCode: 1 });
    expect(m.run('echo ls | docker run -it alpine')).toMatchObject({ output: msg, exitCode: 1 });
    expect(m.run('docker ps -aq').output).toBe('');
    // The 27.x CLI's wording.
    const old = createMachine({ world: 'docker-host-27' });
    old.run('docker pull alpine');
    expect(old.run('docker run -it alpine', { mode: 'bash-c' })).toMatchObject({ output: 'the input device is not a TTY\n', exitCode: 1 });
  });
});

describe('docker exec -it and docker attach', () => {
  it('exec -it sh opens ash in a running busybox container; exit leaves the container running', () => {
    const m = dockerHost();
    m.run('docker run -d --name b1 busybox sleep infinity');
    expect(m.run('docker exec -it b1 sh').output).toBe('');
    expect(m.prompt()).toBe('/ # ');
    expect(m.run('hostname').output).toBe(m.run('cat /etc/hostname').output);
    expect(m.run('exit 5').exitCode).toBe(5);
    expect(m.run('echo $?').output).toBe('5\n');
    expect(m.run("docker inspect -f '{{.State.Status}}' b1").output).toBe('running\n');
  });

  it('exec -it bash in a Debian-based image shows bash\'s prompt and says exit', () => {
    const m = dockerHost();
    m.run('docker run -d --name web nginx');
    m.run('docker exec -it web bash');
    const id = m.run("hostname").output.trim();
    expect(m.prompt()).toBe(`root@${id}:/# `);
    expect(m.run('exit').output).toBe('exit\n');
    expect(m.prompt()).toBe('root@host:~# ');
  });

  it('exec: errors in the CLI\'s order (no such container, stdin check, not running, not in the image)', () => {
    const m = dockerHost();
    expect(m.run('docker exec -it nosuch sh')).toMatchObject({ output: 'Error response from daemon: No such container: nosuch\n', exitCode: 1 });
    m.run('docker create --name c1 alpine');
    const id = m.run("docker inspect -f '{{.Id}}' c1").output.trim();
    expect(m.run('docker exec -it c1 sh', { mode: 'bash-c' }).output).toBe('cannot attach stdin to a TTY-enabled container because stdin is not a terminal\n');
    expect(m.run('docker exec -it c1 sh').output).toBe(`Error response from daemon: container ${id} is not running\n`);
    m.run('docker start c1');
    m.run('docker rm -f c1');
    m.run('docker run -d --name a2 alpine sleep infinity');
    expect(m.run('docker exec a2 bash')).toMatchObject({
      output: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\n',
      exitCode: 127,
    });
  });

  it('attach joins a detached -it shell; a stopped container is refused', () => {
    const m = dockerHost();
    m.run('docker run -dit --name sh1 alpine');
    expect(m.run('docker attach sh1').output).toBe('');
    expect(m.prompt()).toBe('/ # ');
    m.run('exit');
    expect(m.run("docker inspect -f '{{.State.Status}}' sh1").output).toBe('exited\n');
    expect(m.run('docker attach sh1')).toMatchObject({ output: 'cannot attach to a stopped container, start it first\n', exitCode: 1 });
  });
});

describe('lab session', () => {
  const instant: Pacer = { wait: () => Promise.resolve() };

  it('a reload replays the log back into the container, prompt and transcript included', async () => {
    const store = new Map<string, string>();
    const kv = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    const config = { id: 't', world: 'docker-host' as const, setup: [], seed: 3 };
    const s = new LabSession(config, simulatorFactory, kv, instant);
    await s.run('docker run -it --rm busybox');
    expect(s.prompt()).toBe('/ # ');
    expect(s.nested()).toBe(true);
    await s.run('cd /etc');
    const again = new LabSession(config, simulatorFactory, kv, instant);
    expect(again.prompt()).toBe('/etc # ');
    expect(again.transcript).toMatch(/root@host:~# docker run -it --rm busybox\n[^]*\/ # cd \/etc\n$/);
    await again.run(END_OF_INPUT);
    expect(again.prompt()).toBe('root@host:~# ');
    expect(again.nested()).toBe(false);
    expect(again.history()).toEqual(['docker run -it --rm busybox', 'cd /etc']);
    const third = new LabSession(config, simulatorFactory, kv, instant);
    expect(third.prompt()).toBe('root@host:~# ');
    expect(third.transcript.endsWith('/etc # \n')).toBe(true);
  });
});
