import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';
import { NGINX_INDEX } from '../../../sim/programs/http-pages.ts';

describe('the host world\'s remote web server (203.0.113.80:80)', () => {
  it('serves nginx\'s page to curl and wget from the host, through the gateway', () => {
    const m = createMachine({ seed: 1, world: 'host' });
    expect(m.run('curl -s http://203.0.113.80/', { mode: 'bash-c' })).toMatchObject({ output: NGINX_INDEX, exitCode: 0 });
    expect(m.run('wget -qO- http://203.0.113.80/', { mode: 'bash-c' })).toMatchObject({ output: NGINX_INDEX, exitCode: 0 });
    expect(m.run('curl -s -o /dev/null -w "%{http_code}\\n" http://203.0.113.80/missing', { mode: 'bash-c' }).output).toBe('404\n');
    expect(m.run('nc -zv 203.0.113.80 80', { mode: 'bash-c' }).output).toBe('Connection to 203.0.113.80 80 port [tcp/http] succeeded!\n');
    expect(m.run('nc -zv 203.0.113.80 443', { mode: 'bash-c' })).toMatchObject({ output: 'nc: connect to 203.0.113.80 port 443 (tcp) failed: Connection refused\n', exitCode: 1 });
    // The remote is another machine: its server is no process of this one.
    expect(m.procs.list().some((p) => p.argv.join(' ').includes('nginx'))).toBe(false);
  });

  it('keeps a connection open with keep-alive until the client closes', () => {
    const m = createMachine({ seed: 2, world: 'host' });
    const r = m.run("printf 'GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n' | nc -N 203.0.113.80 80", { mode: 'bash-c' });
    expect(r.exitCode).toBe(0);
    expect(r.output.startsWith('HTTP/1.1 200 OK\r\nServer: nginx/1.29.2\r\n')).toBe(true);
    expect(r.output.endsWith(NGINX_INDEX)).toBe(true);
  });
});
