import { describe, expect, it } from 'vitest';
import { LineEditor, decodeInput, renderLine } from '../../../src/lab/line-editor.ts';

/** Feeds raw terminal input to an editor, returning the actions' kinds. */
function feed(ed: LineEditor, data: string): string[] {
  const kinds: string[] = [];
  for (const item of decodeInput(data)) {
    const a = typeof item === 'string' ? ed.key(item) : ed.insert(item.text);
    kinds.push(a.kind === 'submit' ? `submit:${a.line}` : a.kind);
  }
  return kinds;
}

describe('decodeInput', () => {
  it('splits text, control keys and escape sequences', () => {
    expect(decodeInput('ip\x1b[Dx\r')).toEqual([{ text: 'ip' }, 'left', { text: 'x' }, 'enter']);
    expect(decodeInput('\x01\x05\x15\x0b\x17\x03\x0c\x12\t')).toEqual([
      'home', 'end', 'kill-line-start', 'kill-line-end', 'kill-word-back', 'interrupt', 'clear', 'reverse-search', 'tab',
    ]);
    expect(decodeInput('\x1b[3~\x1b[H\x1b[F\x1bOH')).toEqual(['delete', 'home', 'end', 'home']);
  });
  it('drops unknown escape sequences instead of inserting them', () => {
    expect(decodeInput('a\x1b[15~b')).toEqual([{ text: 'a' }, { text: 'b' }]);
  });
  it('treats CRLF in pasted text as one Enter', () => {
    expect(decodeInput('a\r\nb\r\n')).toEqual([{ text: 'a' }, 'enter', { text: 'b' }, 'enter']);
  });
});

describe('LineEditor', () => {
  it('edits in the middle of the line', () => {
    const ed = new LineEditor();
    feed(ed, 'ip link');
    feed(ed, '\x01'); // home
    feed(ed, 'sudo ');
    expect(ed.buffer).toBe('sudo ip link');
    expect(ed.cursor).toBe(5);
    feed(ed, '\x1b[3~\x1b[3~'); // delete twice
    expect(ed.buffer).toBe('sudo  link');
    feed(ed, '\x05\x7f'); // end, backspace
    expect(ed.buffer).toBe('sudo  lin');
  });
  it('kills to either end and by word, and yanks back', () => {
    const ed = new LineEditor();
    feed(ed, 'ip netns add c1');
    feed(ed, '\x17');
    expect(ed.buffer).toBe('ip netns add ');
    feed(ed, '\x19');
    expect(ed.buffer).toBe('ip netns add c1');
    feed(ed, '\x1b[D\x1b[D\x0b');
    expect(ed.buffer).toBe('ip netns add ');
    feed(ed, '\x1b[D\x15');
    expect(ed.buffer).toBe(' ');
    expect(ed.cursor).toBe(0);
  });
  it('submits the line and remembers it, skipping blanks and repeats', () => {
    const ed = new LineEditor();
    expect(feed(ed, 'ip a\r')).toContain('submit:ip a');
    feed(ed, 'ip a\r');
    feed(ed, '   \r');
    expect(ed.entries()).toEqual(['ip a']);
  });
  it('browses history with up/down and keeps the draft', () => {
    const ed = new LineEditor(['one', 'two']);
    feed(ed, 'dra');
    feed(ed, '\x1b[A');
    expect(ed.buffer).toBe('two');
    feed(ed, '\x1b[A\x1b[A');
    expect(ed.buffer).toBe('one');
    feed(ed, '\x1b[B\x1b[B');
    expect(ed.buffer).toBe('dra');
  });
  it('searches history backwards with Ctrl+R', () => {
    const ed = new LineEditor(['ip netns add c1', 'ping 10.0.0.2', 'ip netns add c2']);
    feed(ed, '\x12netns');
    expect(ed.buffer).toBe('ip netns add c2');
    expect(ed.view('$ ').prefix).toBe("(reverse-i-search)`netns': ");
    feed(ed, '\x12');
    expect(ed.buffer).toBe('ip netns add c1');
    feed(ed, 'zzz');
    expect(ed.view('$ ').prefix).toContain('failed reverse-i-search');
    feed(ed, '\x7f\x7f\x7f');
    expect(feed(ed, '\r')).toEqual(['submit:ip netns add c2']);
  });
  it('Ctrl+G leaves the search and restores the line', () => {
    const ed = new LineEditor(['ping x']);
    feed(ed, 'abc\x12ping\x07');
    expect(ed.buffer).toBe('abc');
    expect(ed.searching).toBe(false);
  });
  it('Ctrl+C drops the line', () => {
    const ed = new LineEditor();
    expect(feed(ed, 'half\x03')).toEqual(['render', 'interrupt']);
    expect(ed.buffer).toBe('');
  });
});

describe('renderLine', () => {
  it('redraws in place and places the cursor', () => {
    const r = renderLine({ prefix: '# ', text: 'abc', cursor: 1 }, 80, 0);
    expect(r.bytes).toBe('\r\x1b[J# abc\r\x1b[3C');
    expect(r.row).toBe(0);
  });
  it('moves up over wrapped rows of the previous draw', () => {
    const r = renderLine({ prefix: '# ', text: 'x'.repeat(20), cursor: 20 }, 10, 2);
    expect(r.bytes.startsWith('\x1b[2A\r\x1b[J')).toBe(true);
    // 22 characters on a 10-column terminal: the cursor ends on the third row, column 2.
    expect(r.row).toBe(2);
    expect(r.bytes.endsWith('\r\x1b[2C')).toBe(true);
  });
  it('makes a pending wrap real when the line fills the row exactly', () => {
    const r = renderLine({ prefix: '# ', text: 'x'.repeat(8), cursor: 8 }, 10, 0);
    expect(r.bytes).toBe('\r\x1b[J# xxxxxxxx \r\r');
    expect(r.row).toBe(1);
  });
});
