/**
 * The course's core story, end to end on the docker-host world, and reachability for each
 * network mode, published-port path and isolation rule. Behaviour comes from the kernel
 * (datapath, netfilter, transport): the Engine only built what Docker builds.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';
import { NGINX_INDEX } from '../../../sim/programs/http-pages.ts';
import { runOutside, routeOutside } from './outside.ts';
import { dockerOf, type MachineLike } from '../../../sim/docker/machine-host.ts';

const run = (m: ReturnType<typeof createMachine>, line: string) => m.run(line, { mode: 'bash-c' });
// BusyBox ping (alpine): "N packets transmitted, M packets received".
const received = (out: string) => /(\d+) packets received/.exec(out)?.[1];

describe('core story (Engine 29.x, docker-host world)', () => {
  it('two containers on docker0 reach each other', () => {
    const m = createMachine({ seed: 3, world: 'docker-host' });
    run(m, 'docker run -d --name one alpine sleep 1000');
    run(m, 'docker run -d --name two alpine sleep 1000');
    expect(received(run(m, 'docker exec one ping -c1 -W1 172.17.0.3').output)).toBe('1');
    // The default bridge has no embedded DNS: names do not resolve there.
    expect(run(m, 'docker exec one ping -c1 -W1 two').exitCode).not.toBe(0);
  });

  it('a container reaches the outside world only through MASQUERADE', () => {
    const m = createMachine({ seed: 4, world: 'docker-host' });
    run(m, 'docker run -d --name one alpine sleep 1000');
    // Alpine has BusyBox wget, not curl.
    expect(run(m, 'docker exec one wget -qO- -T 2 http://203.0.113.80/')).toMatchObject({ output: NGINX_INDEX, exitCode: 0 });
    expect(run(m, 'iptables -t nat -D POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE').exitCode).toBe(0);
    // The remote has no route back to 172.17.0.0/16: without SNAT the reply never comes.
    expect(run(m, 'docker exec one wget -qO- -T 2 http://203.0.113.80/')).toMatchObject({ output: 'wget: download timed out\n', exitCode: 1 });
  });

  it('the outside world reaches a published port through DNAT (the client address survives)', () => {
    const m = createMachine({ seed: 5, world: 'docker-host' });
    run(m, 'docker run -d --name web -p 8080:80 nginx');
    expect(runOutside(m, 'client', ['curl', '-s', '-m', '2', 'http://192.0.2.10:8080/'])).toBe(NGINX_INDEX);
    expect(run(m, 'docker logs web').output).toMatch(/^192\.0\.2\.50 - - \[/m);
    expect(run(m, 'iptables -t nat -S DOCKER').output).toContain('-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80');
  });

  it('removing the DNAT rule leaves docker-proxy carrying the port (nginx then sees the bridge address)', () => {
    const m = createMachine({ seed: 6, world: 'docker-host' });
    run(m, 'docker run -d --name web -p 8080:80 nginx');
    run(m, 'iptables -t nat -F DOCKER');
    expect(runOutside(m, 'client', ['curl', '-s', '-m', '2', 'http://192.0.2.10:8080/'])).toBe(NGINX_INDEX);
    expect(run(m, 'docker logs web').output).toMatch(/^172\.17\.0\.1 - - \[/m);
  });

  it('without the userland proxy, the published port lives only in the DNAT rule', () => {
    const m = createMachine({ seed: 7, world: 'host' });
    run(m, 'systemctl start docker');
    expect(run(m, 'systemctl stop docker').exitCode).toBe(0);
    const m2 = createMachine({ seed: 7, world: 'host' });
    expect(m2.run('dockerd --userland-proxy=false &', { mode: 'bash-c' }).exitCode).toBe(0);
    m2.idle(10);
    run(m2, 'docker run -d --name web -p 8080:80 nginx');
    expect(m2.procs.list().some((p) => p.argv[0] === '/usr/bin/docker-proxy')).toBe(false);
    expect(runOutside(m2, 'client', ['curl', '-s', '-m', '2', 'http://192.0.2.10:8080/'])).toBe(NGINX_INDEX);
    run(m2, 'iptables -t nat -F DOCKER');
    expect(runOutside(m2, 'client', ['curl', '-s', '-m', '2', '-o', '/dev/null', '-w', '%{http_code}', 'http://192.0.2.10:8080/'])).toBe('000');
  });

  it('localhost reaches a published port through docker-proxy', () => {
    const m = createMachine({ seed: 8, world: 'docker-host' });
    run(m, 'docker run -d --name web -p 8080:80 nginx');
    expect(run(m, 'curl -s -m 2 http://127.0.0.1:8080/')).toMatchObject({ output: NGINX_INDEX, exitCode: 0 });
    expect(run(m, 'docker logs web').output).toMatch(/^172\.17\.0\.1 - - \[/m);
  });

  it('direct routing to a container address is dropped in raw PREROUTING, then by DOCKER\'s DROP, then by the FORWARD policy', () => {
    const m = createMachine({ seed: 9, world: 'docker-host' });
    run(m, 'docker run -d --name web nginx');
    routeOutside(m, 'client', '172.17.0.0', 16, '192.0.2.10');
    const fetch = () => runOutside(m, 'client', ['curl', '-s', '-m', '1', '-o', '/dev/null', '-w', '%{http_code}', 'http://172.17.0.2/']);
    expect(fetch()).toBe('000');
    expect(run(m, 'iptables -t raw -S PREROUTING').output).toBe('-P PREROUTING ACCEPT\n-A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP\n');
    expect(run(m, 'iptables -t raw -v -n -L PREROUTING').output).toMatch(/\n +[1-9]\d* +\d+ DROP /);
    run(m, 'iptables -t raw -F PREROUTING');
    expect(fetch()).toBe('000');
    expect(run(m, 'iptables -v -n -L DOCKER').output).toMatch(/\n +[1-9]\d* +\d+ DROP /);
    run(m, 'iptables -D DOCKER ! -i docker0 -o docker0 -j DROP');
    // Nothing accepts it any more, so the FORWARD policy Docker set drops it.
    expect(fetch()).toBe('000');
    run(m, 'iptables -P FORWARD ACCEPT');
    expect(fetch()).toBe('200');
  });

  it('user-defined networks: names and aliases resolve, other networks are isolated', () => {
    const m = createMachine({ seed: 10, world: 'docker-host' });
    run(m, 'docker network create mynet');
    run(m, 'docker run -d --name app --network mynet alpine sleep 1000');
    run(m, 'docker run -d --name db --network mynet --network-alias database nginx');
    run(m, 'docker run -d --name other nginx');
    expect(run(m, 'docker exec app wget -qO- -T 2 http://database/')).toMatchObject({ output: NGINX_INDEX, exitCode: 0 });
    expect(run(m, 'docker exec app wget -qO- -T 2 http://db/')).toMatchObject({ output: NGINX_INDEX, exitCode: 0 });
    expect(run(m, 'docker exec app ping -c1 -W1 db').exitCode).toBe(0);
    // v29: DOCKER's per-bridge DROP isolates docker0 from mynet.
    expect(run(m, 'docker exec app wget -qO- -T 1 http://172.17.0.2/')).toMatchObject({ output: 'wget: download timed out\n', exitCode: 1 });
    run(m, 'docker network connect mynet other');
    expect(run(m, 'docker exec other ip -br addr show eth1').output).toMatch(/^eth1@if\d+\s+UP\s+172\.18\.0\.4\/16 \n$/);
    expect(run(m, 'docker exec app wget -qO- -T 2 http://other/')).toMatchObject({ output: NGINX_INDEX, exitCode: 0 });
  });
});

describe('network modes', () => {
  it('host: no namespace of its own; -p discarded with the warning', () => {
    const m = createMachine({ seed: 11, world: 'docker-host' });
    const r = run(m, 'docker run --rm --network host -p 80:80 alpine ip -br addr show eth0');
    expect(r.output).toMatch(/WARNING: Published ports are discarded when using host network mode\neth0\s+UP\s+192\.0\.2\.10\/24/);
  });
  it('none: only lo', () => {
    const m = createMachine({ seed: 12, world: 'docker-host' });
    expect(run(m, 'docker run --rm --network none alpine ip -br link').output).toMatch(/Pull complete[\s\S]*\nlo\s+UNKNOWN\s+00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n$/);
  });
  it('container:NAME shares the other container\'s namespace; a stopped one cannot be joined', () => {
    const m = createMachine({ seed: 13, world: 'docker-host' });
    run(m, 'docker run -d --name web nginx');
    expect(run(m, 'docker run --rm --network container:web alpine ip -br addr show eth0').output).toMatch(/eth0@if\d+\s+UP\s+172\.17\.0\.2\/16 \n$/);
    expect(run(m, 'docker run --rm --network container:web alpine wget -qO- -T 1 http://127.0.0.1/').output).toBe(NGINX_INDEX);
    run(m, 'docker stop web');
    expect(run(m, 'docker run --rm --network container:web alpine true').output).toContain(
      "docker: Error response from daemon: cannot join network namespace of a non running container: container web is exited\n\nRun 'docker run --help' for more information\n",
    );
  });
  it('bridge: eth0 with the lowest free address, default route, disable_ipv6; the address is reused after rm', () => {
    const m = createMachine({ seed: 14, world: 'docker-host' });
    run(m, 'docker run -d --name one alpine sleep 1000');
    run(m, 'docker run -d --name two alpine sleep 1000');
    expect(run(m, 'docker exec two ip route').output).toBe('default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.3 \n');
    expect(run(m, 'docker exec two sysctl net.ipv6.conf.eth0.disable_ipv6').output).toBe('net.ipv6.conf.eth0.disable_ipv6 = 1\n');
    run(m, 'docker rm -f one');
    run(m, 'docker run -d --name three alpine sleep 1000');
    expect(run(m, "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' three").output).toBe('172.17.0.2\n');
    expect(run(m, 'ip -br link').output).toMatch(/^veth[0-9a-f]{7}@if\d+ +UP/m);
    expect(run(m, 'brctl show docker0').output.split('\n').filter((l) => /veth[0-9a-f]{7}/.test(l))).toHaveLength(2);
  });
});

describe('embedded DNS', () => {
  it('programs the resolver NAT rules in the namespace of a container on a user-defined network only', () => {
    const m = createMachine({ seed: 15, world: 'docker-host' });
    run(m, 'docker network create mynet');
    run(m, 'docker run -d --name c1 --network mynet alpine sleep 1000');
    run(m, 'docker run -d --name c2 alpine sleep 1000');
    // Alpine has no iptables: run the host's in the container's namespace, as nsenter -n would.
    const inNs = (name: string) => m.run('iptables -t nat -S', { mode: 'bash-c', netnsId: dockerOf(m as unknown as MachineLike).findContainer(name)!.netnsId });
    const rules = inNs('c1').output.replace(/127\.0\.0\.11:\d+/g, '127.0.0.11:P').replace(/--sport \d+/g, '--sport P');
    // The layout recorded on the real kernel (tests/fidelity/recorded/docker-iptables-resolver.txt), ports masked.
    expect(rules).toBe([
      '-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT', '-N DOCKER_OUTPUT', '-N DOCKER_POSTROUTING',
      '-A OUTPUT -d 127.0.0.11/32 -j DOCKER_OUTPUT', '-A POSTROUTING -d 127.0.0.11/32 -j DOCKER_POSTROUTING',
      '-A DOCKER_OUTPUT -d 127.0.0.11/32 -p tcp -m tcp --dport 53 -j DNAT --to-destination 127.0.0.11:P',
      '-A DOCKER_OUTPUT -d 127.0.0.11/32 -p udp -m udp --dport 53 -j DNAT --to-destination 127.0.0.11:P',
      '-A DOCKER_POSTROUTING -s 127.0.0.11/32 -p tcp -m tcp --sport P -j SNAT --to-source :53',
      '-A DOCKER_POSTROUTING -s 127.0.0.11/32 -p udp -m udp --sport P -j SNAT --to-source :53', '',
    ].join('\n'));
    expect(inNs('c2').output).toBe('-P PREROUTING ACCEPT\n-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT\n');
  });
});
