import { describe, expect, it } from 'vitest';
import { pair } from './helpers.ts';
import { Procs } from './procs.ts';
import { wgetCommand } from '../../../sim/commands/wget/wget.ts';
import { ncCommand } from '../../../sim/commands/nc/nc.ts';

describe('BusyBox wget (Alpine images)', () => {
  it('prints what BusyBox 1.3x prints: connecting, the progress bar, errors with exit 1', () => {
    const p = pair();
    const procs = new Procs(p.lab, new Map([['/etc/hosts', '127.0.0.1\tlocalhost\n'], ['/etc/alpine-release', '3.22.2\n']]));
    procs.start(ncCommand, ['nc', '-N', '-l', '-p', '8080'], p.b.id, 'HTTP/1.0 200 OK\r\n\r\nhello\n');
    const ok = procs.start(wgetCommand, ['wget', '-O-', 'http://10.0.0.2:8080/'], p.a.id);
    procs.wait(ok);
    expect([ok.out, ok.code]).toEqual([
      'Connecting to 10.0.0.2:8080 (10.0.0.2:8080)\nwriting to stdout\nhello\n' +
        '-                    100% |********************************|     6  0:00:00 ETA\nwritten to stdout\n',
      0,
    ]);
    const refused = procs.start(wgetCommand, ['wget', '-qO-', 'http://10.0.0.2:8081/'], p.a.id);
    procs.wait(refused);
    expect([refused.out, refused.code]).toEqual(["wget: can't connect to remote host (10.0.0.2): Connection refused\n", 1]);
    const bad = procs.start(wgetCommand, ['wget', '-O-', 'http://nosuch/'], p.a.id);
    procs.wait(bad);
    expect([bad.out, bad.code]).toEqual(["wget: bad address 'nosuch'\n", 1]);
    const scheme = procs.start(wgetCommand, ['wget', 'ftp2://x/'], p.a.id);
    procs.wait(scheme);
    expect([scheme.out, scheme.code]).toEqual(['wget: not an http or ftp url: ftp2://x/\n', 1]);
  });
});
