import { describe, expect, it } from 'vitest';
import { pair } from './helpers.ts';
import { Procs } from './procs.ts';
import { curlCommand } from '../../../sim/commands/curl/curl.ts';
import { ncCommand } from '../../../sim/commands/nc/nc.ts';
import { behaviourProgram } from '../../../sim/programs/index.ts';
import { NGINX_INDEX } from '../../../sim/programs/http-pages.ts';
import type { CommandModule } from '../../../sim/shell/process.ts';

const daemon = (name: string, b: Parameters<typeof behaviourProgram>[0]): CommandModule => ({ name, run: behaviourProgram(b)! });

describe('daemons for images and worlds', () => {
  it('docker-proxy relays a connection to the container and back, half-closes included', () => {
    const p = pair();
    const { a, b } = p;
    const procs = new Procs(p.lab);
    p.lab.k.linkSetUp(p.lab.link(a, 'lo'), true);
    procs.start(daemon('nginx', { kind: 'http', port: 80, banner: 'nginx/1.29.2' }), ['nginx'], b.id);
    procs.start(daemon('docker-proxy', { kind: 'proxy', proto: 'tcp', hostIp: '0.0.0.0', hostPort: 8080, ctrIp: '10.0.0.2', ctrPort: 80 }), ['docker-proxy'], a.id);
    const get = procs.start(curlCommand, ['curl', '-s', 'http://127.0.0.1:8080/'], a.id);
    procs.wait(get);
    expect([get.out, get.code]).toEqual([NGINX_INDEX, 0]);
    // The backend refuses: the proxy closes the client's connection with the request unread,
    // so the kernel resets it (the well-known "Recv failure" of a published port with no server).
    procs.start(daemon('docker-proxy', { kind: 'proxy', proto: 'tcp', hostIp: '0.0.0.0', hostPort: 8081, ctrIp: '10.0.0.2', ctrPort: 81 }), ['docker-proxy'], a.id);
    const refused = procs.start(curlCommand, ['curl', '-sS', 'http://127.0.0.1:8081/'], a.id);
    procs.wait(refused);
    expect([refused.out, refused.code]).toEqual(['curl: (56) Recv failure: Connection reset by peer\n', 56]);
  });

  it('the redis-like server answers inline commands', () => {
    const p = pair();
    const procs = new Procs(p.lab);
    procs.start(daemon('redis-server', { kind: 'tcp', port: 6379, banner: 'redis' }), ['redis-server'], p.b.id);
    const c = procs.start(ncCommand, ['nc', '-N', '10.0.0.2', '6379'], p.a.id, 'PING\r\nFOO bar\r\nQUIT\r\n');
    procs.wait(c);
    expect(c.out).toBe("+PONG\r\n-ERR unknown command 'FOO', with args beginning with: 'bar' \r\n+OK\r\n");
    expect(c.code).toBe(0);
  });
});
