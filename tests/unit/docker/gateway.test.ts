/**
 * The gateway endpoint of a container on several networks: libnetwork orders endpoints
 * (non-internal first, then by network name) and the first one gets the default route and
 * the published ports, moving them on connect and disconnect.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

const run = (m: ReturnType<typeof createMachine>, line: string) => m.run(line, { mode: 'bash-c' }).output;

function twoNetworks() {
  const m = createMachine({ seed: 5, world: 'docker-host' });
  run(m, 'docker network create front');
  run(m, 'docker network create back');
  run(m, 'docker run -d --name web --network front -p 8080:80 nginx');
  return m;
}

describe('gateway endpoint', () => {
  it('a network whose name sorts first takes the default route and the published port on connect', () => {
    const m = twoNetworks();
    expect(run(m, 'docker exec web ip route')).toMatch(/^default via 172\.18\.0\.1 dev eth0 /);
    run(m, 'docker network connect back web');
    expect(run(m, 'docker exec web ip route')).toMatch(/^default via 172\.19\.0\.1 dev eth1 \n/);
    expect(run(m, 'iptables -t nat -S DOCKER')).toContain('--dport 8080 -j DNAT --to-destination 172.19.0.2:80');
    expect(run(m, 'iptables -t nat -S DOCKER')).not.toContain('172.18.0.2:80');
    expect(run(m, 'curl -s -m 2 http://192.0.2.10:8080/')).toContain('Welcome to nginx!');
  });

  it('disconnecting the gateway network moves both back', () => {
    const m = twoNetworks();
    run(m, 'docker network connect back web');
    run(m, 'docker network disconnect back web');
    expect(run(m, 'docker exec web ip route')).toMatch(/^default via 172\.18\.0\.1 dev eth0 /);
    expect(run(m, 'iptables -t nat -S DOCKER')).toContain('--to-destination 172.18.0.2:80');
    expect(run(m, 'curl -s -m 2 http://192.0.2.10:8080/')).toContain('Welcome to nginx!');
  });

  it('a network that sorts later leaves the route where it is (bridge before mynet)', () => {
    const m = createMachine({ seed: 6, world: 'docker-host' });
    run(m, 'docker network create mynet');
    run(m, 'docker run -d --name web -p 8080:80 nginx');
    run(m, 'docker network connect mynet web');
    expect(run(m, 'docker exec web ip route')).toMatch(/^default via 172\.17\.0\.1 dev eth0 /);
    expect(run(m, 'iptables -t nat -S DOCKER')).toContain('--to-destination 172.17.0.2:80');
  });
});
