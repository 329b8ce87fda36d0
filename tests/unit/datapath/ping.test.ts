import { describe, expect, it } from 'vitest';
import { newLab, vethPair, must } from './helpers.ts';
import { runProgram } from './run-program.ts';
import { ping } from '../../../sim/commands/ping/ping.ts';

const mask = (s: string) => s.replace(/time=[0-9.]+ ms/g, 'time=T ms').replace(/rtt min\/avg\/max\/mdev = \S+ ms/, 'rtt min/avg/max/mdev = T ms').replace(/, time [0-9]+ms/, ', time Tms');

function twoNs() {
  const lab = newLab();
  const a = lab.ns('a');
  const b = lab.ns('b');
  lab.k.linkSetUp(lab.link(a, 'lo'), true);
  const [va, vb] = vethPair(lab, a, 'va', '10.0.0.1/24', b, 'vb', '10.0.0.2/24');
  return { lab, a, b, va, vb };
}

describe('ping', () => {
  it('prints replies and statistics', () => {
    const { lab, a } = twoNs();
    const r = runProgram(lab, ping, ['ping', '-c', '2', '10.0.0.2'], { netnsId: a.id });
    expect(mask(r.output)).toBe(`PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.
64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=T ms
64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=T ms

--- 10.0.0.2 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time Tms
rtt min/avg/max/mdev = T ms
`);
    expect(r.exitCode).toBe(0);
    expect(r.elapsedMs).toBe(1000);
  });

  it('reports an unresolvable neighbour three seconds in, with pipe', () => {
    const { lab, a } = twoNs();
    const r = runProgram(lab, ping, ['ping', '-c', '3', '10.0.0.9'], { netnsId: a.id });
    expect(mask(r.output)).toBe(`PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.
From 10.0.0.1 icmp_seq=1 Destination Host Unreachable
From 10.0.0.1 icmp_seq=2 Destination Host Unreachable
From 10.0.0.1 icmp_seq=3 Destination Host Unreachable

--- 10.0.0.9 ping statistics ---
3 packets transmitted, 0 received, +3 errors, 100% packet loss, time Tms
pipe 3
`);
    expect(r.exitCode).toBe(1);
    expect(r.elapsedMs).toBe(3000);
  });

  it('says Network is unreachable without a route', () => {
    const { lab, a } = twoNs();
    const r = runProgram(lab, ping, ['ping', '-c', '1', '192.168.9.9'], { netnsId: a.id });
    expect(r.output).toBe('ping: connect: Network is unreachable\n');
    expect(r.exitCode).toBe(2);
  });

  it('waits -W for a silent peer and exits 1', () => {
    const { lab, a, b } = twoNs();
    must(lab.k.sysctlSet(b.id, 'net.ipv4.icmp_echo_ignore_all', '1'));
    const r = runProgram(lab, ping, ['ping', '-c', '1', '-W', '1', '10.0.0.2'], { netnsId: a.id });
    expect(mask(r.output)).toBe(`PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.

--- 10.0.0.2 ping statistics ---
1 packets transmitted, 0 received, 100% packet loss, time Tms

`);
    expect(r.exitCode).toBe(1);
    expect(r.elapsedMs).toBe(1000);
  });

  it('prints the statistics when interrupted', () => {
    const { lab, a } = twoNs();
    const r = runProgram(lab, ping, ['ping', '10.0.0.2'], { netnsId: a.id, interruptAfterMs: 2500 });
    expect(r.output.match(/icmp_seq/g)?.length).toBe(3);
    expect(mask(r.output)).toContain('3 packets transmitted, 3 received, 0% packet loss');
    expect(r.exitCode).toBe(0);
  });
});
