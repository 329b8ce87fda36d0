/**
 * ss -o -e -m -i -s beyond what the fidelity scenarios (ss-*) can pin down: terminal layout
 * (recorded on the reference system with `script -qc 'stty cols N; ss ...'`), values that
 * depend on virtual time, machine-wide counters and ss's number formats.
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';
import { fmtBw, fmtG, fmtMsTimer } from '../../../sim/commands/ss/format.ts';

function machine() {
  const m = createMachine({ seed: 1, world: 'bare' });
  m.run('ip link set lo up');
  return m;
}

function listening() {
  const m = machine();
  m.run('nc -l -p 8080 > /dev/null &');
  return m;
}

const maskIds = (s: string) => s.replace(/ino:\d+ sk:[0-9a-f]+/g, 'ino:I sk:C');

describe('ss details on a terminal', () => {
  it('does not widen the process column for the last socket (its token is never measured)', () => {
    expect(listening().run('COLUMNS=100 ss -tlnm').output).toBe(
      'State      Recv-Q     Send-Q         Local Address:Port           Peer Address:Port     Process     \n' +
        'LISTEN     0          1                    0.0.0.0:8080                0.0.0.0:*        \n' +
        '\t skmem:(r0,rb131072,t0,tb16384,f0,w0,o0,bl0,d0)\n',
    );
    expect(maskIds(listening().run('COLUMNS=100 ss -tlne').output)).toBe(
      'State      Recv-Q     Send-Q         Local Address:Port           Peer Address:Port     Process     \n' +
        'LISTEN     0          1                    0.0.0.0:8080                0.0.0.0:*         ino:I sk:C cgroup:/ <->\n',
    );
  });
  it('breaks the header at 60 columns with memory and tcp_info', () => {
    expect(listening().run('COLUMNS=60 ss -tlnmi').output).toBe(
      'State  Recv-Q Send-Q Local Address:Port   Peer Address:Port Process                                                     \n' +
        'LISTEN 0      1            0.0.0.0:8080        0.0.0.0:*    \n' +
        '\t skmem:(r0,rb131072,t0,tb16384,f0,w0,o0,bl0,d0) bbr cwnd:10\n',
    );
  });
});

describe('ss timers and times follow virtual time', () => {
  it('counts TIME-WAIT down and drops the socket after 60 s', () => {
    const m = machine();
    m.run('nc -l -p 80 > /dev/null &');
    m.run('echo hi | nc -N 127.0.0.1 80');
    m.run('sleep 30.2');
    expect(m.run('ss -Htano | cat').output).toMatch(/^TIME-WAIT 0 +0 +127\.0\.0\.1:\d+ +127\.0\.0\.1:80 +timer:\(timewait,29sec,0\)\n$/);
    m.run('sleep 30');
    expect(m.run('ss -Htan').output).toBe('');
  });
  it('reports idle time since the handshake in lastsnd/lastrcv/lastack', () => {
    const m = listening();
    m.run('nc 127.0.0.1 8080 &');
    m.run('sleep 2');
    const info = m.run('ss -Htni dport = :8080').output;
    expect(info).toMatch(/ lastsnd:2\d{3} lastrcv:2\d{3} lastack:2\d{3} /);
  });
});

describe('ss -m -i before the handshake', () => {
  it('shows what the kernel knows of a SYN-SENT connection (recorded, times since boot masked)', () => {
    const m = machine();
    for (const l of [
      'ip link add va type veth peer name vb', 'ip netns add p', 'ip link set vb netns p',
      'ip addr add 10.0.0.1/24 dev va', 'ip link set va up', 'ip -n p addr add 10.0.0.2/24 dev vb',
      'ip -n p link set vb up', 'ip netns exec p iptables -A INPUT -p tcp -j DROP', 'ping -c1 -q 10.0.0.2 > /dev/null',
      'nc -w 5 10.0.0.2 80 &', 'sleep 0.3',
    ]) m.run(l);
    const out = m.run('ss -Htnmi | sed -E "s/last(snd|rcv|ack):[0-9]+/last\\1:T/g"').output;
    expect(out.split('\n')[1]).toBe(
      '\t skmem:(r0,rb131072,t0,tb16384,f3264,w832,o0,bl0,d0) bbr rto:1000 mss:524 pmtu:1500 rcvmss:88 advmss:1460 cwnd:10 segs_out:1 ' +
        'bbr:(bw:0bps,mrtt:0) lastsnd:T lastrcv:T lastack:T app_limited unacked:1 rcv_ssthresh:64240',
    );
  });
});

describe('ss -i number formats', () => {
  it('prints rates with SI prefixes unless -n (sprint_bw)', () => {
    const m = listening();
    m.run('nc 127.0.0.1 8080 &');
    // The reference kernel's numbers for a loopback client with rtt 0.07 ms:
    // send 37418285714bps, pacing_rate 106935899920bps.
    const numeric = m.run('ss -Htni dport = :8080').output;
    expect(numeric).toContain(' send 37418285714bps ');
    expect(numeric).toContain(' pacing_rate 106935899920bps ');
    const named = m.run('ss -Hti dport = :http-alt').output;
    expect(named).toContain(' send 37.4Gbps ');
    expect(named).toContain(' pacing_rate 107Gbps ');
  });
  it('formats as printf %g, sprint_bw and print_ms_timer do', () => {
    expect(fmtG(739 / 256)).toBe('2.88672');
    expect(fmtG(0.035)).toBe('0.035');
    expect(fmtG(0.0000123)).toBe('1.23e-05');
    expect(fmtBw(0, false)).toBe('0');
    expect(fmtBw(4729335784, false)).toBe('4.73G');
    expect(fmtBw(999, false)).toBe('999');
    expect(fmtMsTimer(59800)).toBe('59sec');
    expect(fmtMsTimer(1524)).toBe('1.524ms');
    expect(fmtMsTimer(660)).toBe('660ms');
    expect(fmtMsTimer(125000)).toBe('2min5sec');
  });
});

describe('ss -s', () => {
  it('counts allocated TCP sockets of every namespace, the rest per namespace', () => {
    const m = machine();
    m.run('ip netns add other');
    m.run('ip netns exec other nc -l -p 80 > /dev/null &');
    const out = m.run('ss -s').output;
    expect(out.split('\n').slice(0, 2)).toEqual(['Total: 0', 'TCP:   1 (estab 0, closed 1, orphaned 0, timewait 0)']);
    expect(m.run('ip netns exec other ss -s').output).toMatch(/\nTCP\t  1 {9}1 {9}0 +\n/);
  });
  it('prints only the summary when no socket table was asked for, without the dump error', () => {
    const r = listening().run('ss -s', { mode: 'bash-c' });
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('FRAG\t  0         0         0        \n\n')).toBe(true);
  });
});
