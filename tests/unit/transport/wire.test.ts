import { describe, expect, it } from 'vitest';
import { pair } from './helpers.ts';
import { Procs } from './procs.ts';
import { ncCommand } from '../../../sim/commands/nc/nc.ts';
import { ipLength } from '../../../sim/kernel/packet.ts';
import type { Ipv4Packet } from '../../../sim/kernel/packet.ts';

/** TCP segments each side sent, with IP lengths, as iptables counters would count them. */
function tap() {
  const p = pair();
  const sent: { from: string; pkt: Ipv4Packet }[] = [];
  const orig = p.t.env.output.send;
  (p.t.env as { output: { send: typeof orig } }).output = {
    send: (ns, pkt, c) => {
      if (pkt.l4.proto === 'tcp') sent.push({ from: ns.name!, pkt: structuredClone(pkt) });
      return orig(ns, pkt, c);
    },
  };
  const count = (from: string) => {
    const l = sent.filter((s) => s.from === from);
    return [l.length, l.reduce((n, s) => n + ipLength(s.pkt), 0)];
  };
  return { ...p, procs: new Procs(p.lab), sent, count };
}

describe('segments on the wire (the counts iptables -v shows on the real kernel)', () => {
  it('nc -z: SYN, ACK, FIN and ACK from the client; SYN-ACK and FIN-ACK from the server', () => {
    const { a, b, procs, count } = tap();
    procs.start(ncCommand, ['nc', '-lk', '-p', '80'], b.id);
    const c = procs.start(ncCommand, ['nc', '-z', '10.0.0.2', '80'], a.id);
    procs.wait(c);
    procs.idle(200);
    expect(count('a')).toEqual([4, 216]);
    expect(count('b')).toEqual([2, 112]);
  });

  it('echo hi | nc -N: the data is acknowledged at once, the FIN\'s ACK rides on the server\'s FIN', () => {
    const { a, b, procs, count } = tap();
    procs.start(ncCommand, ['nc', '-lk', '-p', '80'], b.id);
    const c = procs.start(ncCommand, ['nc', '-N', '10.0.0.2', '80'], a.id, 'hi\n');
    procs.wait(c);
    procs.idle(200);
    expect(count('a')).toEqual([5, 271]);
    expect(count('b')).toEqual([3, 164]);
  });

  it('a SYN to a closed port: one 40-byte reset', () => {
    const { a, procs, count } = tap();
    const c = procs.start(ncCommand, ['nc', '-z', '10.0.0.2', '81'], a.id);
    procs.wait(c);
    expect(count('a')).toEqual([1, 60]);
    expect(count('b')).toEqual([1, 40]);
  });
});
