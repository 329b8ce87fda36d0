/**
 * The `trace` command's surface: help, listing, picking a journey, errors with exit codes,
 * commands without traffic skipped, and the bounded memory of command marks and journeys.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';
import { COMMAND_MARKS, TraceLog } from '../../../sim/observe/trace.ts';
import { JOURNEY_CACHE, recentGroups } from '../../../sim/observe/journey-store.ts';

describe('trace command', () => {
  it('documents its format in --help', () => {
    const m = createMachine({ seed: 1, world: 'host' });
    const r = m.run('trace --help');
    expect(r.exitCode).toBe(0);
    expect(r.output.split('\n')[0]).toBe('Usage: trace [-a] [-v]');
    expect(r.output).toContain('  Journey N (ROLE[, answers M]): PACKET\n    STEP. PLACE: WHAT\n');
  });

  it('says so when nothing was sent yet; refuses bad options and unknown journeys', () => {
    const m = createMachine({ seed: 1, world: 'host' });
    expect(m.run('trace')).toMatchObject({ exitCode: 1, stderr: 'trace: no command has sent packets yet\n' });
    expect(m.run('trace -x')).toMatchObject({ exitCode: 2, stderr: "trace: invalid option -- 'x'\nTry 'trace --help' for more information.\n" });
    expect(m.run('trace --nope')).toMatchObject({ exitCode: 2, stderr: "trace: unrecognized option '--nope'\nTry 'trace --help' for more information.\n" });
    expect(m.run('trace 999')).toMatchObject({ exitCode: 1, stderr: 'trace: no journey 999 (see trace -l)\n' });
    expect(m.run('trace -l').output).toBe('No command has sent packets yet.\n');
  });

  it('traces the last command that sent packets, a ping and its echo reply on the host world', () => {
    const m = createMachine({ seed: 1, world: 'host' });
    m.run('ping -c 2 192.0.2.50');
    m.run('ip -br link');
    const out = m.run('trace').output.split('\n');
    expect(out[0]).toBe('Command: ping -c 2 192.0.2.50');
    expect(out[1]).toBe('Journey 1 (request): ICMP 192.0.2.10 > 192.0.2.50 echo request id 1234 seq 1 ttl 64');
    expect(out).toContain('  1. host eth0: routing output: unicast dev eth0');
    const replyHead = out.find((l) => l.startsWith('Journey ') && l.includes('(reply'));
    expect(replyHead).toMatch(/^Journey \d+ \(reply, answers 1\): ICMP 192\.0\.2\.50 > 192\.0\.2\.10 echo reply id 1234 seq 1 ttl 64$/);
    expect(out.at(-2)).toBe('  Result: delivered in host: to the ping socket');
    // -a shows both exchanges; -l lists them with numbers and outcomes.
    const all = m.run('trace -a').output;
    expect(all.match(/^Journey \d+ \(request\): ICMP .* seq 2 /m)).not.toBeNull();
    const list = m.run('trace -l').output.split('\n');
    expect(list[0]).toBe('Command 1: ping -c 2 192.0.2.50');
    expect(list.filter((l) => / request ICMP .* -> delivered$/.test(l))).toHaveLength(2);
    expect(list.filter((l) => / reply   ICMP .* -> delivered$/.test(l))).toHaveLength(2);
  });

  it('a ping to a host that does not exist: the ARP query fails and the packet dies there', () => {
    const m = createMachine({ seed: 1, world: 'host' });
    m.run('ping -c 1 -W 5 192.0.2.99');
    const out = m.run('trace').output;
    expect(out).toContain('Result: dropped in host: neighbour 192.0.2.99 unreachable (ARP failed)\n');
  });
});

describe('bounded memory', () => {
  it('keeps the newest command marks only', () => {
    const log = new TraceLog(100);
    for (let i = 0; i < COMMAND_MARKS + 10; i++) log.endCommand(log.beginCommand(`true ${i}`));
    expect(log.commands()).toHaveLength(COMMAND_MARKS);
    expect(log.commands()[0].line).toBe('true 10');
  });

  it('looks at the newest command lines only when asked to', () => {
    const log = new TraceLog(100);
    for (let i = 1; i <= 5; i++) {
      const mark = log.beginCommand(`ping ${i}`);
      log.emit({ id: i, t: 0, kind: 'tx', netnsId: 0, netns: 'host', dev: 'eth0', packet: `ICMP 10.0.0.1 > 10.0.0.${i} echo request id 1 seq 1 ttl 64` });
      log.endCommand(mark);
    }
    expect(recentGroups(log, {}, { limit: 2 }).map((g) => g.line)).toEqual(['ping 4', 'ping 5']);
    expect(recentGroups(log).map((g) => g.entries[0].journey.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('builds a group from a bounded log and marks it incomplete once events are forgotten', () => {
    const log = new TraceLog(10);
    const mark = log.beginCommand('flood');
    for (let i = 1; i <= JOURNEY_CACHE + 50; i++) log.emit({ id: i, t: 0, kind: 'tx', netnsId: 0, netns: 'host', dev: 'eth0', packet: `UDP 10.0.0.1:${i} > 10.0.0.2:9 len 0` });
    log.endCommand(mark);
    const [g] = recentGroups(log);
    expect(g.complete).toBe(false);
    expect(g.entries.length).toBeLessThanOrEqual(20);
  });
});
