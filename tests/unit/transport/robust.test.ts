import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pair } from './helpers.ts';
import { Procs } from './procs.ts';
import { ncCommand } from '../../../sim/commands/nc/nc.ts';
import { curlCommand } from '../../../sim/commands/curl/curl.ts';
import type { Ipv4Packet } from '../../../sim/kernel/packet.ts';

const word = fc.constantFrom('-l', '-k', '-p', '-z', '-w', '-u', '-v', '-s', '-N', '-n', '-q', '-lvp', '-zvw1', '80', '0', '99999', 'http', '10.0.0.2', '10.0.0.9', 'localhost', 'x', '-', '--', '1-3', '-x', '-m', '--max-time', 'http://10.0.0.2/', 'foo://x');

describe('robustness', () => {
  it('nc and curl end with a status and never throw, whatever the arguments', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), fc.boolean(), (args, useCurl) => {
        const p = pair();
        const procs = new Procs(p.lab);
        const proc = procs.start(useCurl ? curlCommand : ncCommand, [useCurl ? 'curl' : 'nc', ...args], p.a.id, 'data\n');
        procs.wait(proc, 5000);
        if (!proc.done) proc.kill();
        expect(proc.done).toBe(true);
        expect(proc.code).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it('random segments to a namespace with a listener leave the socket table consistent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ syn: fc.boolean(), ack: fc.boolean(), fin: fc.boolean(), rst: fc.boolean(), seq: fc.nat(), ackNo: fc.nat(), dport: fc.constantFrom(80, 81), sport: fc.constantFrom(1000, 1001), data: fc.constantFrom('', 'x') }), { maxLength: 20 }),
        (segs) => {
          const p = pair();
          const l = p.t.socket(p.b.id, 'tcp');
          p.t.bind(l, '0.0.0.0', 80);
          p.t.listen(l, 1);
          for (const s of segs) {
            const pkt: Ipv4Packet = { src: '10.0.0.1', dst: '10.0.0.2', ttl: 64, tos: 0, id: 1, df: true, l4: { proto: 'tcp', tcp: { sport: s.sport, dport: s.dport, seq: s.seq, ack: s.ackNo, flags: { syn: s.syn, ack: s.ack, fin: s.fin, rst: s.rst }, window: 100, data: s.data, headerLen: 32 } } };
            p.t.receive(p.b, pkt, { traceId: 0, mark: 0 }, p.lab.link(p.b, 'vb'));
            p.lab.advance(300);
          }
          p.lab.advance(200000);
          // Only the listener may be left once every timer ran (children timed out or were accepted).
          for (const s of p.t.sockets(p.b.id)) expect(['LISTEN', 'ESTABLISHED', 'CLOSE_WAIT']).toContain(s.state);
          expect(l.acceptQueue.length).toBeLessThanOrEqual(2);
        },
      ),
      { numRuns: 40 },
    );
  });
});
