import { describe, expect, it } from 'vitest';
import { pair, drive } from './helpers.ts';
import { SocketApi } from '../../../sim/kernel/transport/socket-api.ts';
import { socketViews } from '../../../sim/kernel/transport/view.ts';

describe('TCP between two namespaces', () => {
  it('completes the three-way handshake and carries data both ways', () => {
    const { lab, t, a, b } = pair();
    const sa = new SocketApi(t, a.id);
    const sb = new SocketApi(t, b.id);
    const l = sb.socket('tcp');
    expect(sb.bind(l, '0.0.0.0', 80)).toEqual({ ok: true, value: undefined });
    expect(sb.listen(l, 1).ok).toBe(true);
    const c = sa.socket('tcp');
    const r = drive(lab, sa.connect(c, '10.0.0.2', 80, 5000));
    expect(r.value).toEqual({ ok: true });
    expect(c.state).toBe('ESTABLISHED');
    expect(c.laddr).toBe('10.0.0.1');
    expect(c.lport).toBeGreaterThanOrEqual(32768);
    expect(c.lport).toBeLessThanOrEqual(60999);
    expect(c.lport % 2).toBe(0);
    const srv = drive(lab, sb.accept(l)).value!;
    expect(srv.state).toBe('ESTABLISHED');
    expect([srv.raddr, srv.rport]).toEqual(['10.0.0.1', c.lport]);
    expect(sa.send(c, 'hello\n').ok).toBe(true);
    expect(drive(lab, sb.recv(srv)).value).toEqual({ kind: 'data', data: 'hello\n' });
    sb.send(srv, 'back');
    expect(drive(lab, sa.recv(c)).value).toEqual({ kind: 'data', data: 'back' });
    // Client closes first: it ends in TIME_WAIT, the server sees end of file.
    sa.close(c);
    expect(drive(lab, sb.recv(srv)).value).toEqual({ kind: 'eof' });
    expect(srv.state).toBe('CLOSE_WAIT');
    sb.close(srv);
    lab.advance(1);
    expect(srv.state).toBe('CLOSED');
    expect(c.state).toBe('TIME_WAIT');
    lab.advance(60000);
    expect(c.state).toBe('CLOSED');
    expect(t.sockets(a.id)).toEqual([]);
  });

  it('answers a SYN to a closed port with a reset: Connection refused at once', () => {
    const { lab, t, a } = pair();
    const sa = new SocketApi(t, a.id);
    const c = sa.socket('tcp');
    const r = drive(lab, sa.connect(c, '10.0.0.2', 81, 5000));
    expect(r.value).toEqual({ ok: false, errno: 'ECONNREFUSED' });
    expect(r.elapsed).toBe(0);
    expect(t.sockets(a.id)).toEqual([]);
  });

  it('gives ENETUNREACH without a route, before sending anything', () => {
    const { lab, t, a } = pair();
    const sa = new SocketApi(t, a.id);
    expect(drive(lab, sa.connect(sa.socket('tcp'), '10.9.0.3', 80)).value).toEqual({ ok: false, errno: 'ENETUNREACH' });
  });

  it('retransmits a dropped SYN with exponential backoff (1, 2, 4, 8... s on the timer wheel) and fails with ETIMEDOUT after ~127 s', () => {
    const { lab, t, a, b } = pair();
    const sent: number[] = [];
    // Swallow every segment b would see: b's INPUT drops them (as a DROP rule would).
    const orig = t.env.output.send;
    (t.env as { output: { send: typeof orig } }).output = {
      send: (ns, pkt, c) => {
        if (pkt.l4.proto === 'tcp' && pkt.l4.tcp.flags.syn) sent.push(lab.k.state.clock.now());
        if (ns.id === a.id) return { ok: true };
        return orig(ns, pkt, c);
      },
    };
    void b;
    const sa = new SocketApi(t, a.id);
    const c = sa.socket('tcp');
    const r = drive(lab, sa.connect(c, '10.0.0.2', 80));
    // On the timer wheel: a little after 1, 3, 7, 15, 31 and 63 s.
    expect(sent).toEqual([0, 1024, 3040, 7168, 15360, 31488, 65536]);
    expect(r.value).toEqual({ ok: false, errno: 'ETIMEDOUT' });
    expect(r.elapsed).toBeGreaterThanOrEqual(127000);
    expect(r.elapsed).toBeLessThan(132000);
  });

  it('times out a connect after the caller\'s limit while the SYN is unanswered', () => {
    const { lab, t, a } = pair();
    (t.env as { output: unknown }).output = { send: () => ({ ok: true }) };
    const sa = new SocketApi(t, a.id);
    const c = sa.socket('tcp');
    const r = drive(lab, sa.connect(c, '10.0.0.2', 80, 1000));
    expect(r.value).toEqual({ ok: false, timeout: true });
    expect(r.elapsed).toBe(1000);
    expect(c.state).toBe('SYN_SENT');
    sa.close(c);
    expect(t.sockets(a.id)).toEqual([]);
  });

  it('refuses a second bind of a port, unless both sockets ask for SO_REUSEPORT', () => {
    const { t, b } = pair();
    const sb = new SocketApi(t, b.id);
    const l1 = sb.socket('tcp');
    expect(sb.bind(l1, '0.0.0.0', 80).ok).toBe(true);
    sb.listen(l1, 5);
    const l2 = sb.socket('tcp');
    expect(sb.bind(l2, '127.0.0.1', 80)).toEqual({ ok: false, errno: 'EADDRINUSE' });
    expect(sb.bind(l2, '10.0.0.9', 90)).toEqual({ ok: false, errno: 'EADDRNOTAVAIL' });
    const r1 = sb.socket('tcp');
    const r2 = sb.socket('tcp');
    r1.reusePort = r2.reusePort = true;
    expect(sb.bind(r1, '0.0.0.0', 8080).ok).toBe(true);
    sb.listen(r1, 1);
    expect(sb.bind(r2, '0.0.0.0', 8080).ok).toBe(true);
    // A socket bound to one address and one bound to another share a port.
    const x = sb.socket('tcp');
    const y = sb.socket('tcp');
    expect(sb.bind(x, '10.0.0.2', 9000).ok).toBe(true);
    expect(sb.bind(y, '127.0.0.1', 9000).ok).toBe(true);
  });

  it('only reaches a 127.0.0.1 listener from inside the namespace', () => {
    const { lab, t, a, b } = pair();
    const sb = new SocketApi(t, b.id);
    const l = sb.socket('tcp');
    sb.bind(l, '127.0.0.1', 80);
    sb.listen(l, 1);
    const sa = new SocketApi(t, a.id);
    expect(drive(lab, sa.connect(sa.socket('tcp'), '10.0.0.2', 80, 5000)).value).toEqual({ ok: false, errno: 'ECONNREFUSED' });
    const local = sb.socket('tcp');
    expect(drive(lab, sb.connect(local, '127.0.0.1', 80, 5000)).value).toEqual({ ok: true });
    expect(local.laddr).toBe('127.0.0.1');
  });

  it('draws ephemeral ports from the seeded generator within ip_local_port_range', () => {
    const { lab, t, a, b } = pair();
    a.sysctl.set('net.ipv4.ip_local_port_range', '40000\t40003');
    const sb = new SocketApi(t, b.id);
    const l = sb.socket('tcp');
    sb.bind(l, '0.0.0.0', 80);
    sb.listen(l, 16);
    const sa = new SocketApi(t, a.id);
    const ports: number[] = [];
    for (let i = 0; i < 4; i++) {
      const c = sa.socket('tcp');
      expect(drive(lab, sa.connect(c, '10.0.0.2', 80, 1000)).value).toEqual({ ok: true });
      ports.push(c.lport);
    }
    expect([...ports].sort()).toEqual([40000, 40001, 40002, 40003]);
    const c5 = sa.socket('tcp');
    expect(drive(lab, sa.connect(c5, '10.0.0.2', 80, 1000)).value).toEqual({ ok: false, errno: 'EADDRNOTAVAIL' });
  });

  it('resets the connection when a program closes with unread data', () => {
    const { lab, t, a, b } = pair();
    const sa = new SocketApi(t, a.id);
    const sb = new SocketApi(t, b.id);
    const l = sb.socket('tcp');
    sb.bind(l, '0.0.0.0', 80);
    sb.listen(l, 1);
    const c = sa.socket('tcp');
    drive(lab, sa.connect(c, '10.0.0.2', 80));
    const srv = drive(lab, sb.accept(l)).value!;
    sa.send(c, 'GET / HTTP/1.1\r\n\r\n');
    lab.advance(1);
    sb.close(srv);
    expect(drive(lab, sa.recv(c)).value).toEqual({ kind: 'error', errno: 'ECONNRESET' });
  });
});

describe('socket views', () => {
  it('shows listeners, pending connections and TIME_WAIT as ss does, and serializes without cycles', () => {
    const { lab, t, a, b } = pair();
    const sb = new SocketApi(t, b.id);
    const l = sb.socket('tcp');
    sb.bind(l, '0.0.0.0', 80);
    sb.listen(l, 1);
    const sa = new SocketApi(t, a.id);
    const c = sa.socket('tcp');
    drive(lab, sa.connect(c, '10.0.0.2', 80));
    expect(() => JSON.stringify(b.ext.sockets)).not.toThrow();
    expect(socketViews(b)).toEqual([
      { netid: 'tcp', state: 'LISTEN', recvQ: 1, sendQ: 1, local: '0.0.0.0', localPort: 80, peer: '0.0.0.0', peerPort: '*', pid: undefined },
      { netid: 'tcp', state: 'ESTAB', recvQ: 0, sendQ: 0, local: '10.0.0.2', localPort: 80, peer: '10.0.0.1', peerPort: c.lport, pid: undefined },
    ]);
    sa.close(c);
    lab.advance(100);
    expect(socketViews(a).map((v) => v.state)).toEqual(['FIN-WAIT-2']);
    expect(socketViews(b).map((v) => v.state)).toEqual(['LISTEN', 'CLOSE-WAIT']);
  });
});
