import { describe, expect, it } from 'vitest';
import { pair } from './helpers.ts';
import { Procs } from './procs.ts';
import { curlCommand } from '../../../sim/commands/curl/curl.ts';
import { wgetCommand } from '../../../sim/commands/wget/wget.ts';
import { ncCommand } from '../../../sim/commands/nc/nc.ts';
import { httpServer } from '../../../sim/programs/http-server.ts';
import { NGINX_INDEX } from '../../../sim/programs/http-pages.ts';
import type { CommandModule } from '../../../sim/shell/process.ts';

const nginx: CommandModule = { name: 'nginx', run: httpServer({ style: 'nginx', port: 80, banner: 'nginx/1.29.2' }) };
const python: CommandModule = { name: 'python3', run: httpServer({ style: 'python', port: 8000, banner: 'SimpleHTTP/0.6 Python/3.14.0', listing: ['bin/', 'etc/'] }) };

function setup() {
  const p = pair();
  return { ...p, procs: new Procs(p.lab) };
}

describe('curl, wget and the built-in web servers', () => {
  it('curl fetches nginx\'s welcome page; -w prints the status; -I the headers', () => {
    const { a, b, procs } = setup();
    const srv = procs.start(nginx, ['nginx'], b.id);
    const get = procs.start(curlCommand, ['curl', '-s', 'http://10.0.0.2/'], a.id);
    procs.wait(get);
    expect([get.out, get.code]).toEqual([NGINX_INDEX, 0]);
    const code = procs.start(curlCommand, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code}\\n', 'http://10.0.0.2/nope'], a.id);
    procs.wait(code);
    expect(code.out).toBe('404\n');
    const head = procs.start(curlCommand, ['curl', '-sI', 'http://10.0.0.2/'], a.id);
    procs.wait(head);
    expect(head.out).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.29\.2\r\nDate: .* GMT\r\nContent-Type: text\/html\r\nContent-Length: 615\r\n/);
    expect(srv.out).toMatch(/^10\.0\.0\.1 - - \[01\/Jan\/2026:00:00:00 \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/7\.88\.1" "-"\n/);
    expect(srv.done).toBe(false);
  });

  it('curl reports refused, unresolvable, bad URL and timeouts with curl\'s codes', () => {
    const { a, procs } = setup();
    const run = (...args: string[]) => {
      const p = procs.start(curlCommand, ['curl', ...args], a.id);
      const ms = procs.wait(p);
      return [p.out, p.code, ms];
    };
    expect(run('-sS', 'http://10.0.0.2:8081/')).toEqual(['curl: (7) Failed to connect to 10.0.0.2 port 8081 after 0 ms: Couldn\'t connect to server\n', 7, 0]);
    expect(run('-s', '-w', '%{http_code}\\n', 'http://10.0.0.2:8081/')).toEqual(['000\n', 7, 0]);
    expect(run('http://nosuchhost/')[1]).toBe(6);
    expect(run('http://')).toEqual(['curl: (3) URL using bad/illegal format or missing URL\n', 3, 0]);
    expect(run('foo://10.0.0.2/')).toEqual(['curl: (1) Protocol "foo" not supported or disabled in libcurl\n', 1, 0]);
    expect(run('--bogus', 'x')).toEqual(["curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2, 0]);
    expect(run('-m')).toEqual(["curl: option -m: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2, 0]);
    expect(run('-s', '--connect-timeout', '1', 'http://10.0.0.3/')).toEqual(['', 28, 1000]);
    // The progress meter of a failed transfer, as curl draws it when stdout is not a terminal.
    expect(run('http://10.0.0.2:8081/')[0]).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0' +
        '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n' +
        "curl: (7) Failed to connect to 10.0.0.2 port 8081 after 0 ms: Couldn't connect to server\n",
    );
  });

  it('curl reads an HTTP/1.0 answer from nc until the server closes, and nc sees the request', () => {
    const { a, b, procs } = setup();
    const srv = procs.start(ncCommand, ['nc', '-N', '-l', '-p', '8080'], b.id, 'HTTP/1.0 200 OK\r\n\r\nhello\n');
    const get = procs.start(curlCommand, ['curl', '-s', 'http://10.0.0.2:8080/'], a.id);
    procs.wait(get);
    procs.wait(srv);
    expect([get.out, get.code]).toEqual(['hello\n', 0]);
    expect(srv.out).toBe('GET / HTTP/1.1\r\nHost: 10.0.0.2:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n');
    expect(srv.code).toBe(0);
  });

  it('wget -qO- prints the body; GNU wget exits 4 on a refused connection', () => {
    const { a, b, procs } = setup();
    procs.start(python, ['python3'], b.id);
    const get = procs.start(wgetCommand, ['wget', '-qO-', 'http://10.0.0.2:8000/'], a.id);
    procs.wait(get);
    expect(get.out).toContain('<title>Directory listing for /</title>');
    expect(get.out).toContain('<li><a href="bin/">bin/</a></li>');
    const refused = procs.start(wgetCommand, ['wget', '-qO-', 'http://10.0.0.2:8081/'], a.id);
    procs.wait(refused);
    expect([refused.out, refused.code]).toEqual(['', 4]);
    const missing = procs.start(wgetCommand, ['wget'], a.id);
    procs.wait(missing);
    expect([missing.out, missing.code]).toEqual(["wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n", 1]);
  });

  it('nginx fails to start when the port is taken', () => {
    const { b, procs } = setup();
    procs.start(nginx, ['nginx'], b.id);
    const second = procs.start(nginx, ['nginx'], b.id);
    procs.wait(second);
    expect([second.out, second.code]).toEqual(['nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n', 1]);
  });
});
