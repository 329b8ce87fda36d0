/**
 * The docker CLI through its command module: output formats and error texts from the fact
 * sheet (docker/cli and moby sources), exit codes (125 for run/create failures, 1 otherwise).
 */
import { describe, expect, it } from 'vitest';
import { bareHost, dockerOf } from './harness.ts';
import { execCaptured, type MachineLike } from '../../../sim/docker/machine-host.ts';

const sh = (m: MachineLike, line: string) => execCaptured(m, line.match(/'[^']*'|\S+/g)!.map((w) => w.replace(/^'|'$/g, '')), 0);

function host(version = '29') {
  const m = bareHost();
  dockerOf(m).start({ version });
  return m;
}

describe('docker CLI', () => {
  it('refuses to talk to a stopped daemon', () => {
    const m = bareHost();
    expect(sh(m, 'docker ps')).toEqual({ code: 1, out: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' });
  });

  it('network ls: sorted by name, 12-char ids, tabwriter layout', () => {
    const m = host();
    const out = sh(m, 'docker network ls').out.split('\n');
    expect(out[0]).toBe('NETWORK ID     NAME      DRIVER    SCOPE');
    expect(out.slice(1, 4).map((l) => l.replace(/^[0-9a-f]{12}/, 'ID'))).toEqual(['ID   bridge    bridge    local', 'ID   host      host      local', 'ID   none      null      local']);
  });

  it('run -d prints the full id; ps shows the PORTS column of the sheet', () => {
    const m = host();
    const r = sh(m, 'docker run -d --name web -p 8080:80 nginx');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Unable to find image 'nginx:latest' locally\nlatest: Pulling from library\/nginx\n/);
    expect(r.out).toMatch(/Status: Downloaded newer image for nginx:latest\n[0-9a-f]{64}\n$/);
    const ps = sh(m, 'docker ps').out.split('\n');
    expect(ps[0]).toMatch(/^CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS                  PORTS                                     NAMES$/);
    expect(ps[1]).toMatch(/^[0-9a-f]{12}   nginx     "\/docker-entrypoint.…"   Less than a second ago   Up Less than a second   0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp   web$/);
    expect(sh(m, 'docker port web').out).toBe('80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n');
    expect(sh(m, 'docker port web 80').out).toBe('0.0.0.0:8080\n[::]:8080\n');
    expect(sh(m, 'docker port web 443')).toEqual({ code: 1, out: "no public port '443/tcp' published for web\n" });
  });

  it('docker-proxy runs for each binding (visible in the process table)', () => {
    const m = host();
    sh(m, 'docker run -d --name web -p 8080:80 nginx');
    const procs = (m.procs as unknown as { list(): { argv: string[] }[] }).list().map((p) => p.argv.join(' '));
    expect(procs).toContain('/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80 -use-listen-fd');
    expect(procs).toContain('/usr/bin/docker-proxy -proto tcp -host-ip :: -host-port 8080 -container-ip 172.17.0.2 -container-port 80 -use-listen-fd');
  });

  it('port clash: 29.x and 27.x wording, exit 125, container left created', () => {
    for (const v of ['29', '27']) {
      const m = host(v);
      sh(m, 'docker run -d --name web -p 8080:80 nginx');
      const r = sh(m, 'docker run -d --name web2 -p 8080:80 nginx');
      expect(r.code).toBe(125);
      const ep = /endpoint web2 \(([0-9a-f]{64})\)/.exec(r.out)?.[1];
      expect(ep).toBeDefined();
      expect(r.out).toBe(
        v === '29'
          ? `docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint web2 (${ep}): Bind for 0.0.0.0:8080 failed: port is already allocated\n\nRun 'docker run --help' for more information\n`
          : `docker: Error response from daemon: driver failed programming external connectivity on endpoint web2 (${ep}): Bind for 0.0.0.0:8080 failed: port is already allocated.\nSee 'docker run --help'.\n`,
      );
      expect(sh(m, "docker ps -a --format {{.Names}}:{{.Status}}").out).toBe('web2:Created\nweb:Up Less than a second\n');
    }
  });

  it('network errors of the sheet', () => {
    const m = host();
    expect(sh(m, 'docker network inspect foo')).toEqual({ code: 1, out: '[]\nError response from daemon: network foo not found\n' });
    expect(sh(m, 'docker network rm bridge')).toEqual({ code: 1, out: 'Error response from daemon: bridge is a pre-defined network and cannot be removed\n' });
    const id = sh(m, 'docker network create mynet');
    expect(id.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(sh(m, 'docker network create mynet')).toEqual({ code: 1, out: 'Error response from daemon: network with name mynet already exists\n' });
    expect(sh(m, 'docker network create --subnet 172.18.5.0/24 other')).toEqual({ code: 1, out: 'Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n' });
    sh(m, 'docker run -d --name web --network mynet nginx');
    const web = dockerOf(m).findContainer('web')!;
    const ep = web.endpoints[0];
    expect(sh(m, 'docker network rm mynet')).toEqual({ code: 1, out: `Error response from daemon: error while removing network: network mynet has active endpoints (name:"web" id:"${ep.id.slice(0, 12)}")\n` });
    expect(sh(m, 'docker network connect mynet web')).toEqual({ code: 1, out: 'Error response from daemon: endpoint with name web already exists in network mynet\n' });
    expect(sh(m, 'docker network connect host web')).toEqual({ code: 1, out: 'Error response from daemon: container cannot be disconnected from host network or connected to host network\n' });
  });

  it('container-mode conflicts and host-mode warning', () => {
    const m = host();
    sh(m, 'docker run -d --name web nginx');
    const e = (opt: string) => `docker: Error response from daemon: conflicting options: ${opt}\n\nRun 'docker run --help' for more information\n`;
    expect(sh(m, 'docker run -d --network container:web -p 80:80 nginx').out).toMatch(new RegExp(e('port publishing and the container type network mode').replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$'));
    expect(sh(m, 'docker run -d --network container:web --hostname x nginx').out).toContain(e('hostname and the network mode'));
    expect(sh(m, 'docker run -d --network container:web --dns 1.1.1.1 nginx').out).toContain(e('dns and the network mode'));
    expect(sh(m, 'docker run -d --network container:web --add-host a:1.2.3.4 nginx').out).toContain(e('custom host-to-IP mapping and the network mode'));
    expect(sh(m, 'docker run -d --network container:web --expose 80 nginx').out).toContain(e('port exposing and the container type network mode'));
    expect(sh(m, 'docker run -d --network host --link web:w nginx').out).toContain(e("host type networking can't be used with links. This would result in undefined behavior"));
    const r = sh(m, 'docker run -d --network host -p 80:80 nginx');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^WARNING: Published ports are discarded when using host network mode\n[0-9a-f]{64}\n$/);
    expect(sh(m, 'docker run -d --ip 172.17.0.9 nginx').out).toContain('docker: Error response from daemon: user specified IP address is supported on user defined networks only\n');
  });

  it('inspect: container-mode NetworkMode is the full id; the v29 top-level IPAddress template fails', () => {
    const m = host();
    sh(m, 'docker run -d --name web nginx');
    sh(m, 'docker run -d --name side --network container:web nginx');
    const web = dockerOf(m).findContainer('web')!;
    expect(sh(m, 'docker inspect -f {{.HostConfig.NetworkMode}} side').out).toBe(`container:${web.id}\n`);
    expect(sh(m, "docker inspect -f '{{json .NetworkSettings.Networks}}' side").out).toBe('{}\n');
    expect(sh(m, "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' web").out).toBe('172.17.0.2\n');
    expect(sh(m, 'docker inspect -f {{.NetworkSettings.IPAddress}} web')).toEqual({
      code: 1, out: 'template parsing error: template: :1:18: executing "" at <.NetworkSettings.IPAddress>: map has no entry for key "IPAddress"\n',
    });
    const m27 = host('27');
    sh(m27, 'docker run -d --name web nginx');
    expect(sh(m27, 'docker inspect -f {{.NetworkSettings.IPAddress}} web').out).toBe('172.17.0.2\n');
  });

  it('network inspect bridge: Status counts reserved addresses, gateway and containers', () => {
    const m = host();
    sh(m, 'docker run -d --name web nginx');
    const j = JSON.parse(sh(m, 'docker network inspect bridge').out)[0];
    expect(Object.keys(j)).toEqual(['Name', 'Id', 'Created', 'Scope', 'Driver', 'EnableIPv4', 'EnableIPv6', 'IPAM', 'Internal', 'Attachable', 'Ingress', 'ConfigFrom', 'ConfigOnly', 'Options', 'Labels', 'Containers', 'Status']);
    expect(j.Status).toEqual({ IPAM: { Subnets: { '172.17.0.0/16': { IPsInUse: 4, DynamicIPsAvailable: 65532 } } } });
    expect(j.IPAM.Config).toEqual([{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }]);
  });

  it('unknown image and unknown command', () => {
    const m = host();
    expect(sh(m, 'docker run foo')).toEqual({
      code: 125,
      out: "Unable to find image 'foo:latest' locally\ndocker: Error response from daemon: pull access denied for foo, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n\nRun 'docker run --help' for more information\n",
    });
    expect(sh(m, 'docker frob')).toEqual({ code: 1, out: "docker: unknown command: docker frob\n\nRun 'docker --help' for more information\n" });
  });
});
