/**
 * The TCP conntrack state machine through the hooks of a router: the kernel's transition
 * table driven by the flags of forwarded segments, ASSURED, the RST-before-reply kill, the
 * ignored retransmitted SYN, reopening a TIME_WAIT entry, timeouts from the sysctls and the
 * acct counters, all read back through `conntrack -L`.
 */
import { describe, expect, it } from 'vitest';
import { makeKernel, runCmd } from './helpers.ts';
import { iptablesCommand } from '../../../sim/commands/iptables/index.ts';
import { conntrackCommand } from '../../../sim/commands/conntrack/index.ts';
import type { Ipv4Packet, SkbMeta, TcpFlags } from '../../../sim/kernel/packet.ts';
import type { NfHookName } from '../../../sim/observe/trace.ts';
import type { Link } from '../../../sim/kernel/types.ts';
import type { Kernel } from '../../../sim/kernel/kernel.ts';
import { tcpTransition } from '../../../sim/kernel/netfilter/conntrack-tcp.ts';

const C = '10.0.0.2';
const S = '10.1.0.2';

function link(k: Kernel, name: string, index: number, address: string): Link {
  k.host.addrs4.push({ index, address, prefixLen: 24, scope: 'global', secondary: false, validLft: 'forever', preferredLft: 'forever' });
  return { index, name, kind: 'veth', netnsId: 0, mtu: 1500, mac: '02:00:00:00:00:0' + index, flags: { up: true, lowerUp: true }, txqlen: 1000,
    stats: { rxPackets: 0, rxBytes: 0, rxErrors: 0, rxDropped: 0, txPackets: 0, txBytes: 0, txErrors: 0, txDropped: 0 } };
}

/** A router between a client (10.0.0.2:40000) and a server (10.1.0.2:80) dropping INVALID packets. */
function router() {
  const k = makeKernel();
  const cl = link(k, 'c0', 2, '10.0.0.1');
  const sv = link(k, 's0', 3, '10.1.0.1');
  expect(runCmd(k, iptablesCommand, ['iptables', '-A', 'FORWARD', '-m', 'conntrack', '--ctstate', 'INVALID', '-j', 'DROP']).all).toBe('');
  /** Sends a segment from the client (`c`) or the server (`s`); returns the verdict. */
  function send(from: 'c' | 's', flags: TcpFlags, seq = 1, data = ''): string {
    const [src, sport, dst, dport, i, o] = from === 'c' ? [C, 40000, S, 80, cl, sv] : [S, 80, C, 40000, sv, cl];
    const pkt: Ipv4Packet = { src, dst, ttl: 64, tos: 0, id: 2, df: true,
      l4: { proto: 'tcp', tcp: { sport, dport, seq, ack: 1, flags, window: 100, data, headerLen: flags.syn ? 40 : 32 } } };
    const skb: SkbMeta = { traceId: 1, mark: 0 };
    for (const [hook, inDev, outDev] of [['PREROUTING', i, undefined], ['FORWARD', i, o], ['POSTROUTING', undefined, o]] as [NfHookName, Link?, Link?][]) {
      if (k.nf!.hook({ netns: k.host, hook, pkt, skb, inDev, outDev, sendLocal: () => {} }).verdict === 'drop') return 'drop';
    }
    return 'accept';
  }
  const list = () => runCmd(k, conntrackCommand, ['conntrack', '-L']).out;
  /** The state word and remaining seconds of the only entry, or '' when there is none. */
  const state = () => list().split(' ').filter(Boolean).slice(2, 4).reverse().join(' ');
  return { k, send, list, state };
}

describe('TCP conntrack state machine', () => {
  it('follows a handshake and a close where the server answers FIN with FIN/ACK to TIME_WAIT, assured from the third packet', () => {
    const r = router();
    const seen: string[] = [];
    const step = (from: 'c' | 's', f: TcpFlags) => { expect(r.send(from, f)).toBe('accept'); seen.push(r.state() + (r.list().includes('[ASSURED]') ? ' A' : '')); };
    step('c', { syn: true });
    step('s', { syn: true, ack: true });
    step('c', { ack: true });
    step('c', { fin: true, ack: true });
    step('s', { fin: true, ack: true });
    step('c', { ack: true });
    expect(seen).toEqual(['SYN_SENT 119', 'SYN_RECV 59', 'ESTABLISHED 431999 A', 'FIN_WAIT 119 A', 'LAST_ACK 29 A', 'TIME_WAIT 119 A']);
    expect(r.list()).toBe(`tcp      6 119 TIME_WAIT src=${C} dst=${S} sport=40000 dport=80 src=${S} dst=${C} sport=80 dport=40000 [ASSURED] mark=0 use=1\n`);
  });

  it('a FIN answered by a bare ACK is CLOSE_WAIT (60 s), then the other FIN LAST_ACK', () => {
    const r = router();
    r.send('c', { syn: true });
    r.send('s', { syn: true, ack: true });
    r.send('c', { ack: true });
    r.send('c', { fin: true, ack: true });
    r.send('s', { ack: true });
    expect(r.state()).toBe('CLOSE_WAIT 59');
    r.send('s', { fin: true, ack: true });
    expect(r.state()).toBe('LAST_ACK 29');
  });

  it('a RST answering an unreplied SYN removes the entry; a RST later leaves CLOSE for 10 s', () => {
    const r = router();
    r.send('c', { syn: true });
    expect(r.send('s', { rst: true, ack: true })).toBe('accept');
    expect(r.list()).toBe('');
    r.send('c', { syn: true });
    r.send('s', { syn: true, ack: true });
    r.send('s', { rst: true });
    expect(r.state()).toBe('CLOSE 9');
    r.k.state.clock.advance(10000);
    expect(r.list()).toBe('');
  });

  it('invalid transitions are INVALID and change nothing; a retransmitted SYN is neither counted nor refreshes', () => {
    const r = router();
    r.k.host.sysctl.set('net.netfilter.nf_conntrack_acct', '1');
    expect(r.send('s', { syn: true, ack: true })).toBe('drop'); // no entry starts with a SYN/ACK
    expect(r.send('c', { syn: true }, 7)).toBe('accept');
    expect(r.send('c', { ack: true })).toBe('drop'); // ACK before any SYN/ACK
    expect(r.send('c', { fin: true })).toBe('drop');
    r.k.state.clock.advance(1000);
    expect(r.send('c', { syn: true }, 7)).toBe('accept');
    expect(r.state()).toBe('SYN_SENT 118');
    expect(r.list()).toContain('dport=80 packets=1 bytes=60 [UNREPLIED]');
    expect(r.list()).toContain('dport=40000 packets=0 bytes=0 mark=0');
  });

  it('a new SYN on a TIME_WAIT entry starts a fresh, unassured connection', () => {
    const r = router();
    r.k.host.sysctl.set('net.netfilter.nf_conntrack_acct', '1');
    for (const [from, f] of [['c', { syn: true }], ['s', { syn: true, ack: true }], ['c', { ack: true }], ['c', { ack: true, psh: true }],
      ['c', { fin: true, ack: true }], ['s', { fin: true, ack: true }], ['c', { ack: true }]] as ['c' | 's', TcpFlags][]) r.send(from, f);
    expect(r.state()).toBe('TIME_WAIT 119');
    expect(r.list()).toContain('packets=5 bytes=268 src=');
    expect(r.send('c', { syn: true }, 99)).toBe('accept');
    expect(r.list()).toBe(`tcp      6 119 SYN_SENT src=${C} dst=${S} sport=40000 dport=80 packets=1 bytes=60 [UNREPLIED] ` +
      `src=${S} dst=${C} sport=80 dport=40000 packets=0 bytes=0 mark=0 use=1\n`);
  });

  it('takes its timeouts from the nf_conntrack_tcp_timeout_* sysctls; an ACK mid-stream is picked up as ESTABLISHED', () => {
    const r = router();
    r.k.host.sysctl.set('net.netfilter.nf_conntrack_tcp_timeout_established', '100');
    r.k.host.sysctl.set('net.netfilter.nf_conntrack_tcp_timeout_syn_sent', '5');
    expect(r.send('c', { ack: true })).toBe('accept');
    expect(r.state()).toBe('ESTABLISHED 99');
    expect(r.list()).not.toContain('[ASSURED]');
    r.send('s', { ack: true });
    // The reply bit is set after the handler ran: the answer itself does not assure yet.
    expect(r.list()).not.toContain('[ASSURED]');
    r.send('c', { ack: true });
    expect(r.list()).toContain('[ASSURED]');
    r.k.state.clock.advance(100000);
    r.send('c', { syn: true });
    expect(r.state()).toBe('SYN_SENT 4');
  });

  it('the table matches the kernel for a few cells', () => {
    expect(tcpTransition(undefined, 'original', { syn: true })).toBe('SYN_SENT');
    expect(tcpTransition('SYN_SENT', 'reply', { syn: true })).toBe('SYN_SENT2');
    expect(tcpTransition('ESTABLISHED', 'original', { syn: true })).toBe('IGNORE');
    expect(tcpTransition('TIME_WAIT', 'reply', { syn: true })).toBe('INVALID');
    expect(tcpTransition('FIN_WAIT', 'reply', { fin: true, ack: true })).toBe('LAST_ACK');
    expect(tcpTransition('SYN_SENT', 'original', { rst: true, syn: true })).toBe('CLOSE');
    expect(tcpTransition('ESTABLISHED', 'reply', {})).toBe('INVALID');
  });
});
