/**
 * "New fault": a different variant is drawn and remembered, and the session starts over from
 * the new start state (fresh machine, empty log) whose log then survives a reload.
 */
import { describe, expect, it } from 'vitest';
import { redrawVariant } from '../../../src/lab/variant-choice.ts';
import { LabSession } from '../../../src/lab/session.ts';
import { simulatorFactory } from '../../../src/lab/machine-port.ts';
import { instant, memoryStore, output } from './session-support.ts';

const options = [
  { id: 'a', setup: ['sysctl -w net.ipv4.ip_forward=0'] },
  { id: 'b', setup: [] },
  { id: 'c', setup: [] },
];

describe('redrawVariant', () => {
  it('never draws the current variant, and remembers the new one', () => {
    const store = memoryStore();
    for (const r of [0, 0.3, 0.6, 0.99]) {
      const v = redrawVariant('lab', options, 'b', store, () => r);
      expect(v?.id).not.toBe('b');
      expect(store.map.get('netlab:variant:lab')).toBe(v?.id);
    }
    // Both others are reachable: the draw spreads over the rest.
    expect(redrawVariant('lab', options, 'b', store, () => 0)?.id).toBe('a');
    expect(redrawVariant('lab', options, 'b', store, () => 0.99)?.id).toBe('c');
  });

  it('gives nothing when there is no other variant, and copes without storage', () => {
    expect(redrawVariant('lab', options.slice(0, 1), 'a', memoryStore(), () => 0)).toBeUndefined();
    expect(redrawVariant('lab', [], undefined, memoryStore(), () => 0)).toBeUndefined();
    const broken = { getItem: () => null, setItem: () => { throw new Error('denied'); } };
    expect(redrawVariant('lab', options, 'a', broken, () => 0)?.id).toBe('b');
  });
});

describe('LabSession.restart', () => {
  it('starts over from the new setup, and the new log is kept under it', async () => {
    const store = memoryStore();
    const config = { id: 'capstone', world: 'host' as const, setup: ['ip link add oldfault type bridge'], seed: 1 };
    const s = new LabSession(config, simulatorFactory, store, instant);
    expect(await output(s, 'ip -br link show oldfault')).toMatch(/^oldfault /);
    await output(s, 'ip link add d0 type bridge');
    let resets = 0;
    s.on((e) => void (e.type === 'reset' && resets++));
    s.restart(['ip link add fault0 type bridge']);
    expect(resets).toBe(1);
    expect(s.log()).toEqual([]);
    expect(s.config.setup).toEqual(['ip link add fault0 type bridge']);
    expect(await output(s, 'ip -br link show oldfault')).toContain('does not exist');
    expect(await output(s, 'ip -br link show d0')).toContain('does not exist');
    await output(s, 'ip link set fault0 up');
    // A reload with the new setup finds the work done since the restart; the old setup does not.
    const again = new LabSession({ ...config, setup: ['ip link add fault0 type bridge'] }, simulatorFactory, store, instant);
    expect(again.history()).toEqual(['ip -br link show oldfault', 'ip -br link show d0', 'ip link set fault0 up']);
    expect(new LabSession(config, simulatorFactory, store, instant).history()).toEqual([]);
  });
});
