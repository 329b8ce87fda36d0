/**
 * Name resolution inside containers as their libc does it: /etc/hosts first (the daemon's
 * file, --add-host and --link lines, and whatever a process wrote there since: the file is a
 * bind mount that outlives one `docker exec`), then the nameservers of /etc/resolv.conf, of
 * which only the embedded DNS at 127.0.0.11 answers in the lab.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

type M = ReturnType<typeof createMachine>;
const run = (m: M, line: string) => m.run(line, { mode: 'bash-c' });
const received = (out: string) => /(\d+) packets received/.exec(out)?.[1];

describe('name resolution in containers', () => {
  it('--add-host and --link names reach ping, nc, BusyBox wget and curl', () => {
    const m = createMachine({ seed: 21, world: 'docker-host' });
    run(m, 'docker run -d --name web nginx');
    run(m, 'docker run -d --name cli --add-host foo:172.17.0.2 --link web:w nginx');
    run(m, 'docker pull alpine');
    run(m, 'docker pull busybox');
    expect(run(m, "docker exec cli curl -s -o /dev/null -w '%{http_code}\\n' http://foo/").output).toBe('200\n');
    expect(run(m, "docker exec cli curl -s -o /dev/null -w '%{http_code}\\n' http://w/").output).toBe('200\n');
    expect(run(m, 'docker run --rm --add-host foo:172.17.0.2 alpine wget -q -O /dev/null http://foo/')).toMatchObject({ output: '', exitCode: 0 });
    expect(run(m, 'docker run --rm --add-host foo:172.17.0.2 busybox nc -z -w1 foo 80').exitCode).toBe(0);
    expect(received(run(m, 'docker run --rm --link web:w alpine ping -c1 w').output)).toBe('1');
  });

  it('what a process writes to /etc/hosts, the next exec resolves', () => {
    const m = createMachine({ seed: 22, world: 'docker-host' });
    run(m, 'docker run -d --name one alpine sleep 1000');
    expect(run(m, 'docker exec one ping -c1 gw')).toMatchObject({ output: "ping: bad address 'gw'\n", exitCode: 1 });
    run(m, `docker exec one sh -c 'echo "172.17.0.1 gw" >> /etc/hosts'`);
    expect(run(m, 'docker exec one cat /etc/hosts').output).toMatch(/\n172\.17\.0\.1 gw\n$/);
    expect(received(run(m, 'docker exec one ping -c1 gw').output)).toBe('1');
  });

  it('the embedded DNS answers only a resolver that asks 127.0.0.11', () => {
    const m = createMachine({ seed: 23, world: 'docker-host' });
    run(m, 'docker network create mynet');
    run(m, 'docker run -d --name one --network mynet alpine sleep 1000');
    run(m, 'docker run -d --name two --network mynet alpine sleep 1000');
    expect(received(run(m, 'docker exec one ping -c1 two').output)).toBe('1');
    // --dns changes the embedded server's upstreams, not the container's nameserver line.
    expect(received(run(m, 'docker run --rm --network mynet --dns 8.8.8.8 alpine ping -c1 two').output)).toBe('1');
    run(m, "docker exec one sh -c 'echo nameserver 192.0.2.1 > /etc/resolv.conf'");
    expect(run(m, 'docker exec one ping -c1 two')).toMatchObject({ output: "ping: bad address 'two'\n", exitCode: 1 });
    expect(received(run(m, 'docker exec two ping -c1 one').output)).toBe('1');
  });

  it('a shell image runs `sh -c SCRIPT` as its command: output in the logs, exited with its status', () => {
    const m = createMachine({ seed: 24, world: 'docker-host' });
    run(m, "docker run -d --name lg alpine sh -c 'echo hi; exit 3'");
    expect(run(m, 'docker logs lg').output).toBe('hi\n');
    expect(run(m, "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' lg").output).toBe('exited 3\n');
  });
});
