import { describe, expect, it } from 'vitest';
import { parse } from '../../../sim/shell/parse/parser.ts';
import type { List } from '../../../sim/shell/parse/ast.ts';

/** A compact rendering of a parsed list, to compare structure in tables. */
function show(l: List): string {
  return l.items
    .map((it) => {
      const pl = (p: List['items'][0]['andOr']['first']) =>
        (p.negate ? '!' : '') +
        p.commands
          .map((c) =>
            c.type === 'simple'
              ? [...c.assigns.map((a) => `${a.name}=${a.value.raw}`), ...c.words.map((w) => w.raw), ...c.redirs.map((r) => `${r.fd}${r.op}${r.target.raw}`)].join(' ')
              : `${c.type}{${c.type === 'subshell' || c.type === 'group' ? show(c.body) : ''}}`,
          )
          .join(' | ');
      return [pl(it.andOr.first), ...it.andOr.rest.map((r) => `${r.op} ${pl(r.pipeline)}`)].join(' ') + (it.background ? ' &' : '');
    })
    .join(' ; ');
}

describe('parser: structure', () => {
  const cases: [string, string][] = [
    ['echo a b', 'echo a b'],
    ['echo a; echo b', 'echo a ; echo b'],
    ['a && b || c', 'a && b || c'],
    ['a | b | c', 'a | b | c'],
    ['sleep 1 & echo x', 'sleep 1 & ; echo x'],
    ['! true', '!true'],
    ['X=1 Y=2 env', 'X=1 Y=2 env'],
    ['echo a > f 2>&1', 'echo a 1>f 2>&1'],
    ['cat < in >> out', 'cat 0<in 1>>out'],
    ['ls &> /dev/null', 'ls 1&>/dev/null'],
    ["echo 'a;b' \"c|d\"", "echo 'a;b' \"c|d\""],
    ['(cd /tmp; pwd)', 'subshell{cd /tmp ; pwd}'],
    ['{ echo a; echo b; } | wc -l', 'group{echo a ; echo b} | wc -l'],
    ['echo a # comment', 'echo a'],
    ['echo a\necho b', 'echo a ; echo b'],
    ['', ''],
  ];
  it.each(cases)('%j', (src, want) => {
    const r = parse(src);
    expect(r.ok).toBe(true);
    if (r.ok) expect(show(r.list)).toBe(want);
  });
});

describe('parser: errors', () => {
  const cases: [string, unknown][] = [
    ['echo )', { kind: 'unexpected', token: ')' }],
    ['| cat', { kind: 'unexpected', token: '|' }],
    [';', { kind: 'unexpected', token: ';' }],
    [';;', { kind: 'unexpected', token: ';;' }],
    ['a && ; b', { kind: 'unexpected', token: ';' }],
    ['echo a >', { kind: 'unexpected', token: 'newline' }],
    ['echo (', { kind: 'unexpected', token: 'newline' }],
    ['echo a ||', { kind: 'eof' }],
    ['echo a |', { kind: 'eof' }],
    ["echo 'x", { kind: 'eof-in-quote', quote: "'" }],
    ['echo "x', { kind: 'eof-in-quote', quote: '"' }],
    ['echo $(ls', { kind: 'eof-in-quote' }],
    ['if true; then echo', { kind: 'eof' }],
    ['fi', { kind: 'unexpected', token: 'fi' }],
  ];
  it.each(cases)('%j', (src, want) => {
    const r = parse(src);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject(want as object);
  });
});

describe('lexer: word parts', () => {
  it('keeps quoting so that only unquoted expansions split', () => {
    const r = parse('echo "$X" $Y \'$Z\' a\\ b ~/x');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.list.items[0].andOr.first.commands[0];
    if (c.type !== 'simple') throw new Error('simple expected');
    expect(c.words.map((w) => w.parts)).toEqual([
      [{ t: 'lit', v: 'echo', q: false }],
      [{ t: 'var', name: 'X', q: true }],
      [{ t: 'var', name: 'Y', q: false }],
      [{ t: 'lit', v: '$Z', q: true }],
      [{ t: 'lit', v: 'a', q: false }, { t: 'lit', v: ' ', q: true }, { t: 'lit', v: 'b', q: false }],
      [{ t: 'tilde' }, { t: 'lit', v: '/x', q: false }],
    ]);
  });
  it('reads an fd number only right before a redirection', () => {
    const r = parse('echo 2 2>x');
    if (!r.ok) throw new Error('parse failed');
    const c = r.list.items[0].andOr.first.commands[0];
    if (c.type !== 'simple') throw new Error('simple expected');
    expect(c.words.map((w) => w.raw)).toEqual(['echo', '2']);
    expect(c.redirs).toMatchObject([{ fd: 2, op: '>' }]);
  });
});
