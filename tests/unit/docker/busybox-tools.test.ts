/**
 * Inside Alpine and BusyBox containers the image's own tools run: BusyBox ping prints what
 * networking/ping.c prints (header `PING host (addr): N data bytes`, `seq=` from 0, the
 * `round-trip min/avg/max` summary, exit 1 without replies or short of -c under -w), and
 * Alpine's musl words errors its own way (`Network unreachable`). The host keeps iputils.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/machine.ts';

function host() {
  const m = createMachine({ world: 'docker-host', seed: 7 });
  const run = (line: string) => m.run(line, { mode: 'bash-c' });
  run('docker network create mynet');
  run('docker run -d --name a1 --network mynet alpine sleep infinity');
  run('docker run -d --name b1 --network mynet busybox sleep infinity');
  return run;
}
const masked = (s: string) => s.replace(/time=\d+\.\d{3} ms/g, 'time=T ms').replace(/= \d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3} ms/, '= A/B/C ms');

describe('BusyBox ping in containers', () => {
  it('replies, statistics and round-trip summary in BusyBox format; by name through the embedded DNS', () => {
    const run = host();
    const r = run('docker exec a1 ping -c 2 b1');
    expect(r.exitCode).toBe(0);
    expect(masked(r.output)).toBe(
      'PING b1 (172.18.0.3): 56 data bytes\n' +
        '64 bytes from 172.18.0.3: seq=0 ttl=64 time=T ms\n' +
        '64 bytes from 172.18.0.3: seq=1 ttl=64 time=T ms\n' +
        '\n--- b1 ping statistics ---\n' +
        '2 packets transmitted, 2 packets received, 0% packet loss\n' +
        'round-trip min/avg/max = A/B/C ms\n',
    );
    // time=%u.%03u: always three decimals.
    expect(r.output).toMatch(/time=\d+\.\d{3} ms\n/);
  });

  it('no reply: no round-trip line, exit 1, after the -W wait', () => {
    const run = host();
    const r = run('docker exec b1 ping -c 1 -W 2 10.99.0.1');
    expect([r.output, r.exitCode]).toEqual([
      'PING 10.99.0.1 (10.99.0.1): 56 data bytes\n\n--- 10.99.0.1 ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n',
      1,
    ]);
  });

  it('-w stops at the deadline when the next probe is due; fewer replies than -c is failure', () => {
    const run = host();
    const r = run('docker exec a1 ping -c 3 -w 1 -q b1');
    expect([masked(r.output), r.exitCode]).toEqual([
      'PING b1 (172.18.0.3): 56 data bytes\n\n--- b1 ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\nround-trip min/avg/max = A/B/C ms\n',
      1,
    ]);
  });

  it('small payloads carry no timestamp: no time= and no round-trip line', () => {
    const run = host();
    expect(run('docker exec a1 ping -c 1 -s 2 172.18.0.1').output).toBe(
      'PING 172.18.0.1 (172.18.0.1): 2 data bytes\n10 bytes from 172.18.0.1: seq=0 ttl=64\n\n--- 172.18.0.1 ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\n',
    );
  });

  it('errors: bad address, usage, sendto failure in musl (alpine) and glibc (busybox) words', () => {
    const run = host();
    expect(run('docker exec a1 ping nosuch')).toMatchObject({ output: "ping: bad address 'nosuch'\n", exitCode: 1 });
    const usage = run('docker exec a1 ping');
    expect(usage.exitCode).toBe(1);
    expect(usage.output).toMatch(/^BusyBox v[\d.]+ .*multi-call binary\.\n\nUsage: ping \[OPTIONS\] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n\t-4,-6\t\tForce IP or IPv6 name resolution\n\t-c CNT\t\tSend only CNT pings\n/);
    expect(run('docker run --rm --network none alpine ping -c 1 8.8.8.8').output).toMatch(/PING 8\.8\.8\.8 \(8\.8\.8\.8\): 56 data bytes\nping: sendto: Network unreachable\n$/);
    expect(run('docker run --rm --network none busybox ping -c 1 8.8.8.8')).toMatchObject({ output: expect.stringMatching(/\nping: sendto: Network is unreachable\n$/), exitCode: 1 });
  });

  it('the host keeps iputils ping', () => {
    const run = host();
    expect(run('ping -c 1 172.18.0.2').output).toMatch(/^PING 172\.18\.0\.2 \(172\.18\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 172\.18\.0\.2: icmp_seq=1 ttl=64 time=/);
  });
});
