import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

/** A host with a veth pair to namespace a (10.0.0.1 <-> 10.0.0.2), IPv6 off. */
function vethLab() {
  const m = createMachine({ seed: 1, world: 'bare' });
  for (const line of [
    'sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1',
    'ip netns add a',
    'ip netns exec a sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1',
    'ip link add va type veth peer name vb netns a',
    'ip addr add 10.0.0.1/24 dev va',
    'ip link set va up',
    'ip -n a addr add 10.0.0.2/24 dev vb',
    'ip -n a link set vb up',
  ]) expect(m.run(line, { mode: 'bash-c' }).exitCode).toBe(0);
  return m;
}

const TS = /^\d\d:\d\d:\d\d\.\d{6} /;
/** Packet lines without their timestamps. */
const packets = (out: string) => out.split('\n').filter((l) => TS.test(l)).map((l) => l.replace(TS, ''));

describe('tcpdump', () => {
  it('prints the ARP exchange and the ping in both directions, then the statistics', () => {
    const m = vethLab();
    const r = m.run('tcpdump -n -i va & sleep 1; ping -c1 10.0.0.2 >/dev/null; sleep 1; kill %1; wait', { mode: 'bash-c' });
    expect(r.stderr).toBe(
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n' +
        'listening on va, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n' +
        '4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n',
    );
    expect(packets(r.stdout)).toEqual([
      'ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28',
      expect.stringMatching(/^ARP, Reply 10\.0\.0\.2 is-at [0-9a-f:]{17}, length 28$/),
      expect.stringMatching(/^IP 10\.0\.0\.1 > 10\.0\.0\.2: ICMP echo request, id \d+, seq 1, length 64$/),
      expect.stringMatching(/^IP 10\.0\.0\.2 > 10\.0\.0\.1: ICMP echo reply, id \d+, seq 1, length 64$/),
    ]);
    // Killed: the loop breaks and tcpdump ends its output with an empty line.
    expect(r.stdout.endsWith('length 64\n\n')).toBe(true);
  });

  it('holds its lines back until exit when stdout is a file; with -l prints each batch (every 100 ms)', () => {
    const m = vethLab();
    const buffered = m.run('tcpdump -n -i va icmp & sleep 1; ping -c1 10.0.0.2; sleep 1; kill %1; wait', { mode: 'bash-c' });
    expect(buffered.output.indexOf('ICMP echo request')).toBeGreaterThan(buffered.output.indexOf('ping statistics'));
    const lined = m.run('tcpdump -l -n -i va icmp & sleep 1; ping -c2 10.0.0.2; sleep 1; kill %1; wait', { mode: 'bash-c' });
    expect(lined.output.indexOf('ICMP echo request')).toBeLessThan(lined.output.indexOf('ping statistics'));
  });

  it('stops after -c packets without the empty line, counting what the filter matched meanwhile', () => {
    const m = vethLab();
    m.run('ping -c1 10.0.0.2', { mode: 'bash-c' });
    const r = m.run('tcpdump -n -c 2 -i va icmp & sleep 0.5; ping -c3 -i 0.1 10.0.0.2 >/dev/null; wait', { mode: 'bash-c' });
    expect(packets(r.stdout)).toHaveLength(2);
    expect(r.stdout.endsWith('length 64\n')).toBe(true);
    expect(r.stderr).toContain('2 packets captured\n6 packets received by filter\n');
  });

  it('is interrupted like Ctrl+C when a foreground capture hits the time cap', () => {
    const m = vethLab();
    const r = m.run('tcpdump -n -i va', { timeCapMs: 2000 });
    expect(r.exitCode).toBe(0);
    expect(r.output.endsWith('\n\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n')).toBe(true);
  });

  it('answers bad input with the real errors and exit 1', () => {
    const m = vethLab();
    expect(m.run('tcpdump -i nosuch', { mode: 'bash-c' }).output).toBe('tcpdump: nosuch: No such device exists\n(No such device exists)\n');
    m.run('ip link set va down', { mode: 'bash-c' });
    expect(m.run('tcpdump -i va', { mode: 'bash-c' })).toMatchObject({ output: 'tcpdump: va: That device is not up\n', exitCode: 1 });
    m.run('ip link set va up', { mode: 'bash-c' });
    expect(m.run('tcpdump -i va port 99999', { mode: 'bash-c' })).toMatchObject({ output: 'tcpdump: illegal port number 99999 > 65535\n', exitCode: 1 });
    const usage = m.run('tcpdump -i va -c', { mode: 'bash-c' });
    expect(usage.exitCode).toBe(1);
    expect(usage.output.startsWith("tcpdump: option requires an argument -- 'c'\ntcpdump version 4.99.3\n")).toBe(true);
  });

  it('shows a TCP handshake with absolute then relative sequence numbers and Linux options', () => {
    const m = vethLab();
    m.run('ip netns exec a nc -lk -p 80 >/dev/null 2>&1 &', { mode: 'bash-c' });
    const r = m.run('tcpdump -n -c 5 -i va tcp & sleep 0.5; echo hello | nc -N -p 4000 10.0.0.2 80; wait', { mode: 'bash-c' });
    const lines = packets(r.stdout);
    expect(lines[0]).toMatch(/^IP 10\.0\.0\.1\.4000 > 10\.0\.0\.2\.80: Flags \[S\], seq (\d+), win 64240, options \[mss 1460,sackOK,TS val \d+ ecr 0,nop,wscale 10\], length 0$/);
    const isn = Number(/seq (\d+)/.exec(lines[0])![1]);
    expect(lines[1]).toMatch(new RegExp(`^IP 10\\.0\\.0\\.2\\.80 > 10\\.0\\.0\\.1\\.4000: Flags \\[S\\.\\], seq \\d+, ack ${(isn + 1) >>> 0}, win 65160, options \\[mss 1460,sackOK,TS val \\d+ ecr \\d+,nop,wscale 10\\], length 0$`));
    expect(lines[2]).toMatch(/Flags \[\.\], ack 1, win 63, options \[nop,nop,TS val \d+ ecr \d+\], length 0$/);
    expect(lines[3]).toMatch(/Flags \[P\.\], seq 1:7, ack 1, win 63, options \[nop,nop,TS val \d+ ecr \d+\], length 6: HTTP$/);
    expect(lines[4]).toMatch(/^IP 10\.0\.0\.2\.80 > 10\.0\.0\.1\.4000: Flags \[\.\], ack 7, win 64,/);
  });

  it('sees the addresses as MASQUERADE left them on each side of a router', () => {
    const m = createMachine({ seed: 1, world: 'bare' });
    for (const line of [
      'sysctl -q -w net.ipv4.ip_forward=1', 'ip netns add c', 'ip netns add s',
      'ip link add vc type veth peer name eth0 netns c', 'ip link add vs type veth peer name eth0 netns s',
      'ip addr add 10.0.0.1/24 dev vc', 'ip link set vc up', 'ip addr add 203.0.113.1/24 dev vs', 'ip link set vs up',
      'ip -n c addr add 10.0.0.2/24 dev eth0', 'ip -n c link set eth0 up', 'ip -n c route add default via 10.0.0.1',
      'ip -n s addr add 203.0.113.2/24 dev eth0', 'ip -n s link set eth0 up',
      'iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o vs -j MASQUERADE',
    ]) expect(m.run(line, { mode: 'bash-c' }).exitCode).toBe(0);
    const r = m.run('tcpdump -n -i any icmp & sleep 0.5; ip netns exec c ping -c1 203.0.113.2 >/dev/null; sleep 1; kill %1; wait', { mode: 'bash-c' });
    expect(packets(r.stdout).map((l) => l.replace(/, id \d+/, ''))).toEqual([
      'vc    In  IP 10.0.0.2 > 203.0.113.2: ICMP echo request, seq 1, length 64',
      'vs    Out IP 203.0.113.1 > 203.0.113.2: ICMP echo request, seq 1, length 64',
      'vs    In  IP 203.0.113.2 > 203.0.113.1: ICMP echo reply, seq 1, length 64',
      'vc    Out IP 203.0.113.2 > 10.0.0.2: ICMP echo reply, seq 1, length 64',
    ]);
  });

  it('on a bridge in promiscuous mode also sees the frames it bridges; with -p only its own', () => {
    const m = createMachine({ seed: 1, world: 'bare' });
    for (const line of [
      'ip netns add a', 'ip netns add b', 'ip link add br0 type bridge', 'ip link set br0 up',
      'ip link add veth-a type veth peer name eth0 netns a', 'ip link add veth-b type veth peer name eth0 netns b',
      'ip link set veth-a master br0 up', 'ip link set veth-b master br0 up',
      'ip -n a addr add 10.0.0.2/24 dev eth0', 'ip -n a link set eth0 up',
      'ip -n b addr add 10.0.0.3/24 dev eth0', 'ip -n b link set eth0 up',
      'sysctl -q -w net.bridge.bridge-nf-call-iptables=0',
    ]) expect(m.run(line, { mode: 'bash-c' }).exitCode).toBe(0);
    m.run('ip netns exec a ping -c1 10.0.0.3', { mode: 'bash-c' });
    const promisc = m.run('tcpdump -n -i br0 icmp & sleep 0.5; ip netns exec a ping -c1 10.0.0.3 >/dev/null; sleep 1; kill %1; wait', { mode: 'bash-c' });
    expect(packets(promisc.stdout)).toHaveLength(2);
    const plain = m.run('tcpdump -p -n -i br0 icmp & sleep 0.5; ip netns exec a ping -c1 10.0.0.3 >/dev/null; sleep 1; kill %1; wait', { mode: 'bash-c' });
    expect(packets(plain.stdout)).toHaveLength(0);
  });
});
