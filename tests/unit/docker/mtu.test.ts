/**
 * `docker network create -o com.docker.network.driver.mtu=N`: the bridge driver sets the
 * bridge's MTU (setupMTU) and both ends of each veth (Join, before the host end is
 * enslaved); bad values fail as fromLabels/Validate say (moby bridge_linux.go).
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

type M = ReturnType<typeof createMachine>;
const run = (m: M, line: string) => m.run(line, { mode: 'bash-c' });
const mtuOf = (out: string) => /\bmtu (\d+)\b/.exec(out)?.[1];

describe('network MTU option', () => {
  it('the bridge, the host veth and the container eth0 take the MTU; docker0 keeps 1500', () => {
    const m = createMachine({ seed: 31, world: 'docker-host' });
    const id = run(m, 'docker network create -o com.docker.network.driver.mtu=1400 small').output.trim();
    expect(mtuOf(run(m, `ip link show br-${id.slice(0, 12)}`).output)).toBe('1400');
    run(m, 'docker run -d --name s1 --network small alpine sleep 100');
    expect(mtuOf(run(m, 'docker exec s1 ip link show eth0').output)).toBe('1400');
    const veths = run(m, 'ip -o link show type veth').output.trim().split('\n');
    expect(veths).toHaveLength(1);
    expect(mtuOf(veths[0]!)).toBe('1400');
    expect(mtuOf(run(m, 'ip link show docker0').output)).toBe('1500');
    run(m, 'docker run -d --name d1 alpine sleep 100');
    expect(mtuOf(run(m, 'docker exec d1 ip link show eth0').output)).toBe('1500');
    expect(run(m, "docker network inspect -f '{{json .Options}}' small").output).toBe('{"com.docker.network.driver.mtu":"1400"}\n');
  });

  it('bad values are refused and create nothing', () => {
    const m = createMachine({ seed: 32, world: 'docker-host' });
    expect(run(m, 'docker network create -o com.docker.network.driver.mtu=abc bad1')).toMatchObject({
      output: 'Error response from daemon: failed to parse com.docker.network.driver.mtu value: abc (strconv.Atoi: parsing "abc": invalid syntax)\n',
      exitCode: 1,
    });
    expect(run(m, 'docker network create -o com.docker.network.driver.mtu=-5 bad2')).toMatchObject({ output: 'Error response from daemon: invalid MTU number: -5\n', exitCode: 1 });
    expect(run(m, 'docker network ls').output).not.toMatch(/bad/);
    expect(run(m, 'ip -o link show type bridge').output.trim().split('\n')).toHaveLength(1);
  });
});
