import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

/** Host bridge br0 (10.1.0.1) with namespaces a (10.1.0.2) and b (10.1.0.3) on ports pa and pb, IPv6 off. */
function lab() {
  const m = createMachine({ seed: 1, world: 'bare' });
  const run = (line: string) => m.run(line, { mode: 'bash-c' });
  for (const line of [
    'sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1',
    'ip netns add a',
    'ip netns add b',
    'ip netns exec a sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1',
    'ip netns exec b sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1',
    'ip link add br0 type bridge',
    'ip link add pa type veth peer name va netns a',
    'ip link add pb type veth peer name vb netns b',
    'ip link set pa master br0',
    'ip link set pb master br0',
    'ip addr add 10.1.0.1/24 dev br0',
    'ip link set br0 up',
    'ip link set pa up',
    'ip link set pb up',
    'ip -n a addr add 10.1.0.2/24 dev va',
    'ip -n b addr add 10.1.0.3/24 dev vb',
    'ip -n a link set va up',
    'ip -n b link set vb up',
  ]) expect(run(line).exitCode).toBe(0);
  return run;
}

/** RX packets of a's va. */
function rxPackets(run: (l: string) => { stdout: string }): number {
  const lines = run('ip -n a -s link show va').stdout.split('\n');
  return Number(lines[3].trim().split(/\s+/)[1]);
}

describe('bridge hairpin mode', () => {
  it('reflects a flooded broadcast back to its sender only when the port is in hairpin mode', () => {
    const run = lab();
    run('ip netns exec a ping -c1 -W1 10.1.0.3');
    // ARP reply and echo reply only: the bridge does not send a's ARP request back to it.
    const off = rxPackets(run);
    expect(off).toBe(2);
    expect(run('bridge link set dev pa hairpin on').exitCode).toBe(0);
    run('ip -n a neigh flush dev va');
    run('ip netns exec a ping -c1 -W1 10.1.0.3');
    // Second round: the ARP request comes back too, so one packet more than the first round.
    // Now a also receives its own ARP request, flooded back out of pa (the real kernel: +3 too).
    expect(rxPackets(run) - off).toBe(3);
  });

  it('forwards a packet DNATed to its own sender back out of the ingress port only with hairpin on', () => {
    const run = lab();
    run('sysctl -q -w net.bridge.bridge-nf-call-iptables=1 net.ipv4.ip_forward=1');
    run('iptables -t nat -A PREROUTING -d 10.1.0.1 -p icmp -j DNAT --to-destination 10.1.0.2');
    run('iptables -t nat -A POSTROUTING -s 10.1.0.2 -d 10.1.0.2 -j MASQUERADE');
    expect(run('ip netns exec a ping -c1 -W1 10.1.0.1').exitCode).toBe(1);
    run('bridge link set dev pa hairpin on');
    expect(run('bridge -d link show dev pa').stdout).toContain('    hairpin on guard off');
    expect(run('ip netns exec a ping -c1 -W1 10.1.0.1').exitCode).toBe(0);
    run('bridge link set dev pa hairpin off');
    expect(run('ip netns exec a ping -c1 -W1 10.1.0.1').exitCode).toBe(1);
  });
});
