import { describe, expect, it } from 'vitest';
import { pair, drive } from './helpers.ts';
import { SocketApi } from '../../../sim/kernel/transport/socket-api.ts';

describe('UDP', () => {
  it('queues datagrams on a bound socket and tells the sender where they came from', () => {
    const { lab, t, a, b } = pair();
    const sb = new SocketApi(t, b.id);
    const srv = sb.socket('udp');
    expect(sb.bind(srv, '0.0.0.0', 53).ok).toBe(true);
    const sa = new SocketApi(t, a.id);
    const cli = sa.socket('udp');
    expect(sa.send(cli, 'q', { addr: '10.0.0.2', port: 53 })).toEqual({ ok: true, value: 1 });
    const got = drive(lab, sb.recv(srv)).value;
    expect(got).toEqual({ kind: 'data', data: 'q', from: { addr: '10.0.0.1', port: cli.lport } });
    // bind(0) and unconnected sends prefer odd ephemeral ports.
    expect(cli.lport % 2).toBe(1);
    sb.send(srv, 'r', { addr: '10.0.0.1', port: cli.lport });
    expect(drive(lab, sa.recv(cli)).value).toMatchObject({ kind: 'data', data: 'r' });
  });

  it('answers a datagram to a closed port with ICMP port unreachable: a connected socket sees ECONNREFUSED', () => {
    const { lab, t, a } = pair();
    const sa = new SocketApi(t, a.id);
    const c = sa.socket('udp');
    expect(drive(lab, sa.connect(c, '10.0.0.2', 54)).value).toEqual({ ok: true });
    expect(c.laddr).toBe('10.0.0.1');
    const pos = lab.k.trace.length;
    expect(sa.send(c, 'X').ok).toBe(true);
    lab.advance(1);
    const icmp = lab.k.trace.since(pos).filter((e) => e.packet.startsWith('ICMP 10.0.0.2 > 10.0.0.1 destination unreachable (port unreachable)'));
    expect(icmp.length).toBeGreaterThan(0);
    expect(sa.send(c, 'X')).toEqual({ ok: false, errno: 'ECONNREFUSED' });
    // The error is reported once.
    expect(sa.send(c, 'X').ok).toBe(true);
  });

  it('keeps quiet for an unconnected socket and for host unreachable (a soft error)', () => {
    const { lab, t, a } = pair();
    const sa = new SocketApi(t, a.id);
    const c = sa.socket('udp');
    sa.send(c, 'X', { addr: '10.0.0.2', port: 54 });
    lab.advance(1);
    expect(sa.send(c, 'X', { addr: '10.0.0.2', port: 54 }).ok).toBe(true);
    const d = sa.socket('udp');
    drive(lab, sa.connect(d, '10.0.0.7', 53));
    sa.send(d, 'X');
    lab.advance(4000);
    expect(sa.send(d, 'X').ok).toBe(true);
  });

  it('refuses a second bind of a UDP port unless both set SO_REUSEADDR', () => {
    const { t, b } = pair();
    const sb = new SocketApi(t, b.id);
    const u1 = sb.socket('udp');
    const u2 = sb.socket('udp');
    sb.bind(u1, '0.0.0.0', 53);
    expect(sb.bind(u2, '0.0.0.0', 53)).toEqual({ ok: false, errno: 'EADDRINUSE' });
    const r1 = sb.socket('udp');
    const r2 = sb.socket('udp');
    r1.reuseAddr = r2.reuseAddr = true;
    expect(sb.bind(r1, '0.0.0.0', 5353).ok).toBe(true);
    expect(sb.bind(r2, '0.0.0.0', 5353).ok).toBe(true);
    // TCP and UDP ports are separate spaces.
    const tcp = sb.socket('tcp');
    expect(sb.bind(tcp, '0.0.0.0', 53).ok).toBe(true);
  });
});

describe('listen backlog', () => {
  it('lets backlog+1 connections wait for accept and drops further SYNs, which then retransmit', () => {
    const { lab, t, a, b } = pair();
    const sb = new SocketApi(t, b.id);
    const l = sb.socket('tcp');
    sb.bind(l, '0.0.0.0', 80);
    sb.listen(l, 1);
    const sa = new SocketApi(t, a.id);
    const c1 = sa.socket('tcp');
    const c2 = sa.socket('tcp');
    const c3 = sa.socket('tcp');
    expect(drive(lab, sa.connect(c1, '10.0.0.2', 80, 100)).value).toEqual({ ok: true });
    expect(drive(lab, sa.connect(c2, '10.0.0.2', 80, 100)).value).toEqual({ ok: true });
    expect(drive(lab, sa.connect(c3, '10.0.0.2', 80, 500)).value).toEqual({ ok: false, timeout: true });
    expect(l.acceptQueue.length).toBe(2);
    // Accepting one makes room: c3's SYN retransmitted at 1 s gets through.
    expect(drive(lab, sb.accept(l)).value).toBeDefined();
    lab.advance(600);
    expect(c3.state).toBe('ESTABLISHED');
  });

  it('resets the connections nobody accepted when the listener closes', () => {
    const { lab, t, a, b } = pair();
    const sb = new SocketApi(t, b.id);
    const l = sb.socket('tcp');
    sb.bind(l, '0.0.0.0', 80);
    sb.listen(l, 5);
    const sa = new SocketApi(t, a.id);
    const c = sa.socket('tcp');
    drive(lab, sa.connect(c, '10.0.0.2', 80));
    sb.close(l);
    lab.advance(1);
    expect(drive(lab, sa.recv(c)).value).toEqual({ kind: 'error', errno: 'ECONNRESET' });
    expect(t.sockets(b.id)).toEqual([]);
  });
});
