import { describe, expect, test } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

const cands = (m: ReturnType<typeof createMachine>, line: string) => m.complete(line, line.length).candidates;

describe('Tab completion of the network tools', () => {
  test('ip: objects, verbs, devices and namespaces', () => {
    const m = createMachine({ seed: 1, world: 'host' });
    m.run('ip netns add c1');
    m.run('ip link add veth0 type veth peer name veth1 netns c1');
    expect(cands(m, 'ip l')).toEqual(['link']);
    expect(cands(m, 'ip link s')).toEqual(['set', 'show']);
    expect(cands(m, 'ip link set v')).toEqual(['veth0']);
    expect(cands(m, 'ip link set veth0 netns ')).toEqual(['c1']);
    expect(cands(m, 'ip -n c1 link set ')).toEqual(['lo', 'veth1']);
    expect(cands(m, 'ip netns exec ')).toEqual(['c1']);
  });

  test('iptables: tables, chains (user chains included) and targets', () => {
    const m = createMachine({ seed: 1, world: 'host' });
    m.run('iptables -t nat -N DOCKER');
    expect(cands(m, 'iptables -t n')).toEqual(['nat']);
    expect(cands(m, 'iptables -t nat -A D')).toEqual(['DOCKER']);
    expect(cands(m, 'iptables -A F')).toEqual(['FORWARD']);
    expect(cands(m, 'iptables -A INPUT -j MA')).toEqual(['MASQUERADE']);
  });

  test('docker: verbs and container names', () => {
    const m = createMachine({ seed: 1, world: 'docker-host' });
    m.run('docker run -d --name web nginx');
    expect(cands(m, 'docker ins')).toEqual(['inspect']);
    expect(cands(m, 'docker exec w')).toEqual(['web']);
  });
});
