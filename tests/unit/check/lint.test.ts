import { describe, expect, test } from 'vitest';
import { lintLesson, type LessonFiles } from '../../../sim/lint/lesson.ts';
import { shownCommands } from '../../../sim/lint/commands.ts';
import { internalLinks, lessonUrl } from '../../../sim/lint/links.ts';
import { lintEnv } from '../../../sim/cli/lint.ts';

const lesson = (body: string, front = 'world: bare\n') =>
  `---\ntitle: T\ndescription: D\nchapter: C\norder: 1\nreadingMinutes: 1\n${front}---\n${body}`;

const exercise = (o: { checks?: string; hints?: string; solution?: string } = {}) => `title: X
goal: Make c1.
checks:
${o.checks ?? '  - { id: c1, label: c1 exists, kind: netns, name: c1 }'}
hints:
${o.hints ?? '  - { text: a, check: c1 }\n  - { text: b }'}
solution:
${o.solution ?? '  - ip netns add c1'}
`;

const lint = (f: Partial<LessonFiles> & { text: string }) => lintLesson({ path: 'l.mdx', ...f }, lintEnv).map((d) => `${d.line ?? ''}|${d.field ?? ''}|${d.message}`);

describe('course linter', () => {
  test('a sound lesson and exercise pass', () => {
    expect(lint({ text: lesson('```sh\nip netns add x\nip netns list\n```\n'), exercise: { path: 'e.yaml', text: exercise() } })).toEqual([]);
  });

  test('a failing shown command is reported with its line, unless its block says fails', () => {
    const text = lesson('```sh\nip link set nope up\n```\n\n```sh fails\nip link set nope up\n```\n');
    expect(lint({ text })).toEqual(['10||`ip link set nope up` exits 1: Cannot find device "nope" (if the lesson means it to fail, mark its block ```sh fails)']);
  });

  test('frontmatter errors name the field and line', () => {
    const r = lint({ text: lesson('', 'world: moon\n') });
    expect(r).toHaveLength(1);
    expect(r[0]).toMatch(/^7\|world\|/);
  });

  test('a solution that misses a check, a start that already passes, a hint that cannot fire', () => {
    const ex = exercise({
      checks: '  - { id: c1, label: c1, kind: netns, name: c1 }\n  - { id: lo, label: lo down, kind: link, name: lo, up: false }',
      hints: '  - { text: a, check: lo }\n  - { text: b }',
      solution: '  - ip link set lo up',
    });
    expect(lint({ text: lesson(''), exercise: { path: 'e.yaml', text: ex } })).toEqual([
      '4|checks.0|the reference solution fails check "c1": there is no network namespace named c1',
      '5|checks.1|the reference solution fails check "lo": lo in the host is UP',
      '7|hints.0.check|hint is tied to check "lo", which already passes at the start, so it can never be the one that matters',
    ]);
    const already = exercise({ checks: '  - { id: lo, label: lo, kind: link, name: lo }', hints: '  - { text: a }\n  - { text: b }', solution: '  - "true"' });
    expect(lint({ text: lesson(''), exercise: { path: 'e.yaml', text: already } })).toEqual(['3|checks|the start state already passes every check: the learner would be done before typing anything']);
  });

  test('exercise schema errors point at the field', () => {
    const r = lint({ text: lesson(''), exercise: { path: 'e.yaml', text: exercise({ hints: '  - { text: only one }' }) } });
    expect(r).toEqual(['5|hints|needs at least 2 entries, has 1 (At least two hints, revealed one at a time.)']);
  });
});

describe('what the linter reads', () => {
  test('shell blocks and <Cmd> in order; comments and prompts handled; fails blocks marked', () => {
    const mdx = lesson('Run <Cmd>ip -br link</Cmd> first.\n\n```sh\n# a comment\n$ ip netns add a\nping -c1 &lt;x\n```\n\n```sh fails\nip foo\n```\n\n```text\nnot a command\n```\n');
    expect(shownCommands(mdx)).toEqual([
      { line: 9, command: 'ip -br link', mayFail: false },
      { line: 13, command: 'ip netns add a', mayFail: false },
      { line: 14, command: 'ping -c1 &lt;x', mayFail: false },
      { line: 18, command: 'ip foo', mayFail: true },
    ]);
  });

  test('internal links and lesson URLs', () => {
    expect(lessonUrl('01-linux-by-hand/02-veth-pairs.mdx')).toBe('/linux-by-hand/veth-pairs/');
    expect(internalLinks('see [veth](/linux-by-hand/veth-pairs/#x) and <a href="/sandbox/">x</a> or [ext](https://a.b/)')).toEqual([
      { line: 1, href: '/linux-by-hand/veth-pairs/' },
      { line: 1, href: '/sandbox/' },
    ]);
  });
});
