/** The benchmark table: verdicts against targets and the printed layout. */
import { describe, expect, it } from 'vitest';
import { formatTable } from './table.ts';
import { verdict, type BenchRow } from './types.ts';

describe('verdict', () => {
  it('holds values to < and >= targets, and a missing value is a MISS', () => {
    expect(verdict({ name: 'a', value: 1.9, unit: 'ms', target: { op: '<', value: 2 } })).toBe('PASS');
    expect(verdict({ name: 'a', value: 2, unit: 'ms', target: { op: '<', value: 2 } })).toBe('MISS');
    expect(verdict({ name: 'b', value: 50_000, unit: 'pkt/s', target: { op: '>=', value: 50_000 } })).toBe('PASS');
    expect(verdict({ name: 'b', value: 49_999, unit: 'pkt/s', target: { op: '>=', value: 50_000 } })).toBe('MISS');
    expect(verdict({ name: 'c', value: NaN, unit: 'ms', target: { op: '<', value: 5 }, error: 'x' })).toBe('MISS');
    expect(verdict({ name: 'd', value: 3, unit: 'ms' })).toBe('');
  });
});

describe('formatTable', () => {
  it('aligns columns and prints errors in the notes', () => {
    const rows: BenchRow[] = [
      { name: 'machine creation', value: 0.4321, unit: 'ms', target: { op: '<', value: 5 }, note: 'mean of 200' },
      { name: 'packets', value: 123456.7, unit: 'pkt/s', target: { op: '>=', value: 50000 } },
      { name: 'broken', value: NaN, unit: 'ms', error: 'exit 1' },
    ];
    expect(formatTable(rows).split('\n')).toEqual([
      'benchmark                 value           target  result  notes',
      '----------------  -------------  ---------------  ------  -------------',
      'machine creation       0.432 ms           < 5 ms  PASS    mean of 200',
      'packets           123,457 pkt/s  >= 50,000 pkt/s  PASS',
      'broken                        -                           ERROR: exit 1',
    ]);
  });
});
