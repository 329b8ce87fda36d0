/**
 * The harness's own pieces: record-real's skip rules and transcript format (sim/replay.ts)
 * and the command-by-command comparison that explains a mismatch.
 */
import { describe, expect, it } from 'vitest';
import { scenarioCommands, transcriptBlock } from '../../sim/replay.ts';
import { explainDifference, firstDifference, lineDiff, splitTranscript } from './transcript-diff.ts';

describe('scenarioCommands (record-real skip rules)', () => {
  it('skips empty, space-only and #-first lines, keeps tabs and indented #', () => {
    const text = '# comment\nip link\n\n   \n\t\n  # indented\nip addr # trailing\n';
    expect(scenarioCommands(text)).toEqual([
      { line: 2, text: 'ip link' },
      { line: 5, text: '\t' },
      { line: 6, text: '  # indented' },
      { line: 7, text: 'ip addr # trailing' },
    ]);
  });
  it('reads a last line without a newline', () => {
    expect(scenarioCommands('true\nfalse').map((c) => c.text)).toEqual(['true', 'false']);
  });
});

describe('transcriptBlock', () => {
  it('prints the output as written and [exit N] only when N != 0', () => {
    expect(transcriptBlock('true', { output: '', exitCode: 0 } as never)).toBe('$ true\n');
    expect(transcriptBlock('x', { output: 'bash: x: command not found\n', exitCode: 127 } as never)).toBe(
      '$ x\nbash: x: command not found\n[exit 127]\n',
    );
    // No newline is added, exactly as `cat "$tmp"` in record-real.
    expect(transcriptBlock('printf a', { output: 'a', exitCode: 1 } as never)).toBe('$ printf a\na[exit 1]\n');
  });
});

const headers = ['$ one', '$ two', '$ three'];
const real = '$ one\n1\n$ two\n2\n[exit 1]\n$ three\n3\n';

describe('splitTranscript', () => {
  it('cuts at the expected headers only, in order', () => {
    const t = '$ one\n$ two\n$ three\nx\n';
    expect(splitTranscript(t, headers).map((b) => [b.header, b.body])).toEqual([
      ['$ one', ''],
      ['$ two', ''],
      ['$ three', 'x\n'],
    ]);
    // Output that looks like a later header, before its turn, stays in its block.
    expect(splitTranscript('$ one\n$ three\n$ two\n$ three\n', headers)[0]).toEqual({ header: '$ one', body: '$ three\n' });
  });
});

describe('firstDifference', () => {
  it('is null for equal transcripts', () => {
    expect(firstDifference(real, real, headers)).toBeNull();
  });
  it('names the first differing command and counts the others', () => {
    const sim = '$ one\n1\n$ two\n2\n$ three\nthree\n';
    const d = firstDifference(real, sim, headers)!;
    expect(d.index).toBe(1);
    expect(d.header).toBe('$ two');
    expect(d.expected).toBe('2\n[exit 1]\n');
    expect(d.actual).toBe('2\n');
    expect(d.differing).toBe(2);
    expect(d.total).toBe(3);
  });
  it('reports a transcript that stops early', () => {
    const d = firstDifference(real, '$ one\n1\n', headers)!;
    expect(d.header).toBe('$ two');
    expect(d.actual).toBe('(transcript ends before this command)\n');
  });
});

describe('lineDiff and explainDifference', () => {
  it('marks common, removed and added lines', () => {
    expect(lineDiff('a\nb\nc\n', 'a\nB\nc\n')).toBe(['   a', '  -b', '  +B', '   c'].join('\n'));
  });
  it('keeps three lines of context around changes and elides the rest', () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const b = a.map((l, i) => (i === 10 ? 'changed' : l));
    expect(lineDiff(a.join('\n'), b.join('\n'))).toBe(
      ['   ...', '   line 7', '   line 8', '   line 9', '  -line 10', '  +changed', '   line 11', '   line 12', '   line 13', '   ...'].join('\n'),
    );
  });
  it('shows tabs, so brctl-style columns cannot hide a difference', () => {
    expect(lineDiff('a\tb\n', 'a b\n')).toContain('a→b');
  });
  it('explains in a few lines', () => {
    const text = explainDifference(firstDifference(real, '$ one\n1\n$ two\n$ three\n3\n', headers)!, {
      expected: 'real kernel',
      actual: 'simulator',
    });
    expect(text).toBe(
      [
        'first difference at command 2 of 3:',
        '  $ two',
        '  (- real kernel, + simulator)',
        '  -2',
        '  -[exit 1]',
        '  (simulator: no output)',
      ].join('\n'),
    );
  });
});
