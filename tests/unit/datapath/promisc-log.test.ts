import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

/** Kernel log lines without their timestamps. */
const logLines = (out: string) => out.split('\n').filter(Boolean).map((l) => l.replace(/^\[[ \d.]+\] /, ''));

describe('promiscuity references in the kernel log', () => {
  it('logs bridge port states and promiscuous/allmulticast mode as the real kernel did', () => {
    const m = createMachine({ seed: 1, world: 'bare' });
    // The same steps as a real-kernel recording (6.x, Debian 12 tools); the expected lines are
    // that kernel's dmesg, timestamps cut.
    for (const line of [
      'ip link add va type veth peer name vb',
      'ip link add br0 type bridge',
      'ip link set vb master br0',
      'ip link set va up',
      'ip link set vb up',
      'ip link set br0 up',
      'tcpdump -n -i vb -c1 & sleep 1; ping -c1 -W1 10.9.9.9 -I va; sleep 0.5; kill %1; wait',
      'tcpdump -n -i va -c1 & sleep 1; kill %1; wait',
      'ip link set vb nomaster',
    ]) m.run(line, { mode: 'bash-c' });
    const r = m.run('dmesg', { mode: 'bash-c' });
    expect(logLines(r.stdout)).toEqual([
      'br0: port 1(vb) entered blocking state',
      'br0: port 1(vb) entered disabled state',
      'vb: entered allmulticast mode',
      'vb: entered promiscuous mode',
      'br0: port 1(vb) entered blocking state',
      'br0: port 1(vb) entered forwarding state',
      'va: entered promiscuous mode',
      'va: left promiscuous mode',
      'vb: left allmulticast mode',
      'vb: left promiscuous mode',
      'br0: port 1(vb) entered disabled state',
    ]);
  });

  it('counts references: a second capture on a device logs nothing, -p takes none', () => {
    const m = createMachine({ seed: 1, world: 'bare' });
    m.run('ip link add va type veth peer name vb', { mode: 'bash-c' });
    m.run('ip link set va up', { mode: 'bash-c' });
    m.run('tcpdump -n -i va & tcpdump -n -i va & sleep 1; kill %1 %2; wait', { mode: 'bash-c' });
    m.run('tcpdump -p -n -i va & sleep 1; kill %1; wait', { mode: 'bash-c' });
    m.run('tcpdump -n -i any & sleep 1; kill %1; wait', { mode: 'bash-c' });
    expect(logLines(m.run('dmesg', { mode: 'bash-c' }).stdout)).toEqual(['va: entered promiscuous mode', 'va: left promiscuous mode']);
  });
});
