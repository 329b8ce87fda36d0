import { describe, expect, it } from 'vitest';
import { applyCompletion, formatCandidates, normalizeCompletion } from '../../../src/lab/completion.ts';

describe('Tab completion', () => {
  it('completes a single candidate with a space', () => {
    const c = normalizeCompletion(['netns'], 'ip net', 6);
    expect(applyCompletion('ip net', 6, c)).toEqual({ line: 'ip netns ', cursor: 9, list: [] });
  });
  it('completes the common prefix of several candidates', () => {
    const c = normalizeCompletion({ start: 3, candidates: ['veth-host', 'veth-c1'] }, 'ip veth', 7);
    expect(applyCompletion('ip veth', 7, c)).toEqual({ line: 'ip veth-', cursor: 8, list: [] });
  });
  it('lists candidates when nothing more can be added', () => {
    const c = normalizeCompletion(['link', 'addr', 'address'], 'ip ', 3);
    expect(applyCompletion('ip ', 3, c).list).toEqual(['addr', 'address', 'link']);
  });
  it('ignores candidates that do not extend the word', () => {
    const c = normalizeCompletion(['link'], 'ip ad', 5);
    expect(applyCompletion('ip ad', 5, c)).toEqual({ line: 'ip ad', cursor: 5, list: [] });
  });
  it('keeps text after the cursor', () => {
    const c = normalizeCompletion(['netns'], 'ip ne c1', 5);
    expect(applyCompletion('ip ne c1', 5, c).line).toBe('ip netns c1');
  });
  it('lays out candidates in columns, down then across', () => {
    expect(formatCandidates(['a', 'b', 'c', 'd', 'e'], 9)).toBe('a  c  e\nb  d\n');
  });
});
