import { describe, expect, it } from 'vitest';
import { pair } from './helpers.ts';
import { Procs } from './procs.ts';
import { ncCommand } from '../../../sim/commands/nc/nc.ts';
import { HELP, USAGE } from '../../../sim/commands/nc/options.ts';

function setup() {
  const p = pair();
  return { ...p, procs: new Procs(p.lab) };
}

const nc = (procs: Procs, ns: number, args: string, stdin = '') => procs.start(ncCommand, ['nc', ...args.split(' ').filter(Boolean)], ns, stdin);

describe('nc (netcat-openbsd 1.219)', () => {
  it('carries piped stdin to a one-shot listener in another namespace, which then exits', () => {
    const { a, b, procs } = setup();
    const srv = nc(procs, b.id, '-l -p 80');
    const cli = nc(procs, a.id, '-N 10.0.0.2 80', 'hi\n');
    procs.wait(cli);
    procs.idle(10);
    expect(cli).toMatchObject({ done: true, code: 0, out: '' });
    expect(srv).toMatchObject({ done: true, code: 0, out: 'hi\n' });
    const again = nc(procs, a.id, '-zv 10.0.0.2 80');
    procs.wait(again);
    expect(again.out).toBe('nc: connect to 10.0.0.2 port 80 (tcp) failed: Connection refused\n');
    expect(again.code).toBe(1);
  });

  it('scans a port range against a -k listener: success lines, refusals, exit 0 when one succeeded', () => {
    const { a, b, procs } = setup();
    nc(procs, b.id, '-lk -p 80');
    nc(procs, b.id, '-lkv -p 81');
    const scan = nc(procs, a.id, '-zv 10.0.0.2 79-82');
    procs.wait(scan);
    expect(scan.out).toBe(
      'nc: connect to 10.0.0.2 port 79 (tcp) failed: Connection refused\n' +
        'Connection to 10.0.0.2 80 port [tcp/http] succeeded!\n' +
        'Connection to 10.0.0.2 81 port [tcp/*] succeeded!\n' +
        'nc: connect to 10.0.0.2 port 82 (tcp) failed: Connection refused\n',
    );
    expect(scan.code).toBe(0);
  });

  it('times out after -w when nothing answers the SYN, and reports No route to host after ARP fails', () => {
    const { a, procs } = setup();
    const t = nc(procs, a.id, '-zv -w1 10.0.0.3 80');
    expect(procs.wait(t)).toBe(1000);
    expect(t.out).toBe('nc: connect to 10.0.0.3 port 80 (tcp) timed out: Operation now in progress\n');
    const u = nc(procs, a.id, '-zv 10.0.0.5 80');
    procs.wait(u);
    expect(u.out).toBe('nc: connect to 10.0.0.5 port 80 (tcp) failed: No route to host\n');
    const n = nc(procs, a.id, '-zv 10.9.0.3 80');
    procs.wait(n);
    expect(n.out).toBe('nc: connect to 10.9.0.3 port 80 (tcp) failed: Network is unreachable\n');
  });

  it('prints the real usage and option errors', () => {
    const { a, procs } = setup();
    const run = (args: string) => {
      const p = nc(procs, a.id, args);
      procs.wait(p);
      return [p.out, p.code];
    };
    expect(run('')).toEqual([USAGE, 1]);
    expect(run('-l')).toEqual(['nc: missing port number\n', 1]);
    expect(run('10.0.0.2')).toEqual(['nc: missing port number\n', 1]);
    expect(run('-x')).toEqual([`nc: option requires an argument -- 'x'\n${USAGE}`, 1]);
    expect(run('-zv 10.0.0.2 99999')).toEqual(['nc: port number too large: 99999\n', 1]);
    expect(run('-zv 10.0.0.2 foo')).toEqual(['nc: port number invalid: foo\n', 1]);
    expect(run('-zv 10.0.0.2 -5')).toEqual([`nc: invalid option -- '5'\n${USAGE}`, 1]);
    expect(run('-k 10.0.0.2 80')).toEqual(['nc: must use -l with -k\n', 1]);
    expect(run('-lz -p 80')).toEqual(['nc: cannot use -z and -l\n', 1]);
    expect(run('-l -p 80 10.0.0.1')).toEqual([USAGE, 1]);
    expect(run('-l -p foo')).toEqual(['nc: getaddrinfo: Servname not supported for ai_socktype\n', 1]);
    expect(run('-l 10.0.0.9 90')).toEqual(['nc: Cannot assign requested address\n', 1]);
    expect(run('-zv -s 10.0.0.9 10.0.0.2 80')).toEqual(['nc: bind failed: Cannot assign requested address\n', 1]);
    expect(run('-zv nosuchhost 22')).toEqual(['nc: getaddrinfo for host "nosuchhost" port 22: Temporary failure in name resolution\n', 1]);
    expect(run('-zvn nosuch 80')).toEqual(['nc: getaddrinfo for host "nosuch" port 80: Name or service not known\n', 1]);
    expect(run('-zv -w abc 10.0.0.2 80')).toEqual(['nc: timeout invalid: abc\n', 1]);
    expect(run('-h')).toEqual([HELP, 0]);
  });

  it('tests UDP ports only with -v: a port unreachable makes it fail silently', () => {
    const { a, b, procs } = setup();
    const closed = nc(procs, a.id, '-zvu -w1 10.0.0.2 54');
    procs.wait(closed);
    expect([closed.out, closed.code]).toEqual(['', 1]);
    const quiet = nc(procs, a.id, '-zu -w1 10.0.0.2 54');
    procs.wait(quiet);
    expect([quiet.out, quiet.code]).toEqual(['', 0]);
    const srv = nc(procs, b.id, '-luvn -p 53');
    const send = nc(procs, a.id, '-u -w1 10.0.0.2 53', 'udp1\n');
    procs.wait(send);
    expect(send.code).toBe(0);
    expect(srv.out).toMatch(/^Bound on 0\.0\.0\.0 53\nConnection received on 10\.0\.0\.1 \d+\nudp1\n$/);
    const open = nc(procs, a.id, '-zvu -w1 10.0.0.2 53');
    procs.wait(open);
    // The one-shot UDP listener is connected to the first client: a second one is refused.
    expect([open.out, open.code]).toEqual(['', 1]);
  });
});
