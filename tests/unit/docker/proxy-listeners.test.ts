/**
 * docker-proxy's listening sockets as `ss` shows them on the host: one per published binding,
 * `0.0.0.0` on AF_INET and `::` on an AF_INET6 socket with IPV6_V6ONLY (moby portallocator
 * osallocator_linux.go; portmapper proxy_linux.go), IPv4 sockets listed before IPv6 ones.
 * The expected table layout was recorded on the real kernel (iproute2 6.1.0) with a V6ONLY
 * `::` listener and a `0.0.0.0` listener on the same port.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

const run = (m: ReturnType<typeof createMachine>, line: string) => m.run(line, { mode: 'bash-c' });
const trimEnds = (s: string) => s.split('\n').map((l) => l.trimEnd()).join('\n');

describe('docker-proxy listeners', () => {
  it('-p 8080:80 listens on 0.0.0.0:8080 and [::]:8080', () => {
    const m = createMachine({ seed: 11, world: 'docker-host' });
    run(m, 'docker run -d --name web -p 8080:80 nginx');
    expect(trimEnds(run(m, 'ss -tln').output)).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' +
        'LISTEN 0      4096         0.0.0.0:8080      0.0.0.0:*\n' +
        'LISTEN 0      4096            [::]:8080         [::]:*\n',
    );
    const p = run(m, 'ss -tlnp').output;
    expect(p).toMatch(/0\.0\.0\.0:8080 +0\.0\.0\.0:\* +users:\(\("docker-proxy",pid=\d+,fd=\d+\)\)/);
    expect(p).toMatch(/\[::\]:8080 +\[::\]:\* +users:\(\("docker-proxy",pid=\d+,fd=\d+\)\)/);
    expect(run(m, 'ss -tln6').output).not.toContain('0.0.0.0');
    expect(run(m, 'ss -tln4').output).not.toContain('[::]');
  });

  it('IPv4 sockets come before IPv6 ones across containers; a 127.0.0.1 binding has no [::] twin', () => {
    const m = createMachine({ seed: 12, world: 'docker-host' });
    run(m, 'docker run -d --name a1 -p 8080:80 nginx');
    run(m, 'docker run -d --name a2 -p 127.0.0.1:8081:80 -p 5353:53/udp nginx');
    const rows = run(m, 'ss -tln').output.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[3]);
    expect(rows.map((r) => r.includes('[') ? 6 : 4)).toEqual([4, 4, 6]);
    expect(rows).toContain('127.0.0.1:8081');
    expect(rows).not.toContain('[::]:8081');
    const udp = run(m, 'ss -uln').output.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[3]);
    expect(udp).toEqual(['0.0.0.0:5353', '[::]:5353']);
  });

  it('the V6ONLY socket leaves the IPv4 port alone: a host program still cannot take 0.0.0.0:8080, and stopping frees both', () => {
    const m = createMachine({ seed: 13, world: 'docker-host' });
    run(m, 'docker run -d --name web -p 8080:80 nginx');
    expect(run(m, 'nc -l -w 1 0.0.0.0 8080')).toMatchObject({ output: 'nc: Address already in use\n', exitCode: 1 });
    run(m, 'docker stop web');
    expect(run(m, 'ss -tln').output.trim().split('\n')).toHaveLength(1);
  });
});
