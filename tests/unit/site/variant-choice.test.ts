/** Each learner draws one variant of an exercise and keeps it across visits. */
import { describe, expect, it } from 'vitest';
import { chooseVariant } from '../../../src/lab/variant-choice.ts';
import { memoryStore } from './session-support.ts';

const options = [
  { id: 'a', setup: ['sysctl -w net.ipv4.ip_forward=0'] },
  { id: 'b', setup: [] },
  { id: 'c', setup: [] },
];

describe('chooseVariant', () => {
  it('draws with the random source and remembers the draw per lab', () => {
    const store = memoryStore();
    expect(chooseVariant('docker/troubleshooting', options, store, () => 0.5)?.id).toBe('b');
    // A later visit keeps it whatever the random source says now.
    expect(chooseVariant('docker/troubleshooting', options, store, () => 0.99)?.id).toBe('b');
    expect(store.map.get('netlab:variant:docker/troubleshooting')).toBe('b');
    // Another lab draws on its own.
    expect(chooseVariant('other', options, store, () => 0.99)?.id).toBe('c');
  });
  it('draws again when the remembered variant no longer exists, and copes without storage', () => {
    const store = memoryStore();
    store.setItem('netlab:variant:x', 'gone');
    expect(chooseVariant('x', options, store, () => 0)?.id).toBe('a');
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(chooseVariant('x', options, broken, () => 0.7)?.id).toBe('c');
    expect(chooseVariant('x', [], store, () => 0.7)).toBeUndefined();
  });
});
