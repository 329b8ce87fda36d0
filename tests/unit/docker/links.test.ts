/**
 * `--link` on both kinds of network (docker/cli opts.go applyContainerOptions, moby
 * daemon_unix.go registerLinks, container_operations_unix.go, network.go buildJoinOptions):
 * a legacy link on the default bridge, an alias only the linking container resolves on a
 * user-defined network, and the errors and their order per Engine version.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

type M = ReturnType<typeof createMachine>;
/** One command line: exit code and stdout+stderr. */
const sh = (m: M, line: string) => {
  const r = m.run(line, { mode: 'bash-c' });
  return { code: r.exitCode, out: r.output };
};
/** Output without the implicit pull's lines. */
const quiet = (m: M, line: string) => {
  const r = sh(m, line);
  return { code: r.code, out: r.out.split('\n').filter((l) => !/^(Unable to find|latest: Pulling|[0-9a-f]{12}: Pull complete|Digest:|Status:)/.test(l)).join('\n') };
};

function host(version = '29') {
  return createMachine({ seed: 7, world: version === '27' ? 'docker-host-27' : 'docker-host' });
}

const WARN = 'WARNING: Links on the default bridge network are deprecated and will be removed in a future release. Use a custom network instead.\n';

describe('docker --link', () => {
  it('on a user-defined network: no warning, no /etc/hosts line, an alias only the linking container resolves', () => {
    const m = host();
    sh(m, 'docker network create mynet');
    sh(m, 'docker run -d --name db --network mynet redis');
    const hosts = quiet(m, 'docker run --rm --network mynet --link db:dbal alpine cat /etc/hosts');
    expect(hosts.code).toBe(0);
    expect(hosts.out).not.toContain('WARNING');
    expect(hosts.out).not.toMatch(/dbal/);
    expect(quiet(m, 'docker run --rm --network mynet --link db:dbal alpine ping -c1 dbal').out).toMatch(/^PING dbal \(172\.18\.0\.2\): 56 data bytes\n64 bytes from 172\.18\.0\.2/);
    expect(quiet(m, 'docker run --rm --network mynet alpine ping -c1 dbal')).toEqual({ code: 1, out: "ping: bad address 'dbal'\n" });
    // A link to a container that does not exist is only an alias that resolves to nothing.
    expect(quiet(m, 'docker run --rm --network mynet --link nosuch:x alpine true').code).toBe(0);
  });

  it('keeps the link in the endpoint settings, not in HostConfig.Links', () => {
    const m = host();
    sh(m, 'docker network create mynet');
    sh(m, 'docker run -d --name db --network mynet redis');
    sh(m, 'docker run -d --name c1 --network mynet --link db:d2 alpine sleep 100');
    expect(sh(m, "docker inspect -f '{{json .NetworkSettings.Networks.mynet.Links}} {{json .HostConfig.Links}}' c1").out).toBe('["db:d2"] null\n');
  });

  it('network connect --link adds an alias the connected container resolves on that network', () => {
    const m = host();
    sh(m, 'docker network create mynet');
    sh(m, 'docker run -d --name db --network mynet redis');
    sh(m, 'docker run -d --name c2 alpine sleep 100');
    expect(sh(m, 'docker network connect --link db:zz mynet c2')).toEqual({ code: 0, out: '' });
    expect(sh(m, 'docker exec c2 ping -c1 zz').out).toMatch(/^PING zz \(172\.18\.0\.2\)/);
  });

  it('on the default bridge: the warning, the /etc/hosts line (alias, hostname, name)', () => {
    const m = host();
    const id = sh(m, 'docker run -d --name web nginx').out.trim().split('\n').pop()!;
    const r = quiet(m, 'docker run --rm --link web:w alpine cat /etc/hosts');
    expect(r.out.startsWith(WARN)).toBe(true);
    expect(r.out).toContain(`172.17.0.2\tw ${id.slice(0, 12)} web\n`);
    // The name is left out when the alias is the name.
    expect(quiet(m, 'docker run --rm --link web alpine cat /etc/hosts').out).toContain(`172.17.0.2\tweb ${id.slice(0, 12)}\n`);
  });

  it('bad link values fail in the CLI flag parser', () => {
    const m = host();
    expect(sh(m, 'docker run --link a:b:c alpine')).toEqual({
      code: 125,
      out: 'invalid argument "a:b:c" for "--link" flag: bad format for links: a:b:c\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun \'docker run --help\' for more information\n',
    });
  });

  it('default bridge errors: missing child at create; stopped or elsewhere at start, in the 29.x order', () => {
    const m = host();
    sh(m, 'docker pull alpine');
    expect(sh(m, 'docker run --rm --link nosuch alpine true')).toEqual({
      code: 125,
      out: "docker: Error response from daemon: could not get container for nosuch: No such container: nosuch\n\nRun 'docker run --help' for more information\n",
    });
    sh(m, 'docker network create mynet');
    const db = sh(m, 'docker run -d --name db --network mynet redis').out.trim().split('\n').pop()!;
    expect(sh(m, 'docker run --name p1 --link db alpine true').out).toBe(
      `${WARN}docker: Error response from daemon: container ${db} not attached to default bridge network\n\nRun 'docker run --help' for more information\n`,
    );
    sh(m, 'docker run -d --name web nginx');
    sh(m, 'docker stop web');
    expect(sh(m, 'docker run --name p2 --link web:w alpine true').out).toContain('Error response from daemon: Cannot link to a non running container: /web AS /p2/w\n');
  });

  it('27.x sets up networking first: a child off the default bridge does not belong to it', () => {
    const m = host('27');
    sh(m, 'docker pull alpine');
    sh(m, 'docker network create mynet');
    sh(m, 'docker run -d --name db --network mynet redis');
    expect(sh(m, 'docker run --link db alpine true')).toEqual({
      code: 125,
      out: "docker: Error response from daemon: Cannot link to /db, as it does not belong to the default network.\nSee 'docker run --help'.\n",
    });
  });

  it('host-mode children and host-mode parents are refused', () => {
    const m = host();
    sh(m, 'docker run -d --name hn --network host nginx');
    const msg = "conflicting options: host type networking can't be used with links. This would result in undefined behavior";
    expect(quiet(m, 'docker run --link hn alpine true').out).toContain(msg);
    expect(quiet(m, 'docker run --network host --link hn alpine true').out).toContain(msg);
  });
});
