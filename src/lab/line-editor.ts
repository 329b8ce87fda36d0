/**
 * The terminal's line editor, without any terminal: a buffer, a cursor, the history with
 * bash-style reverse search, and the readline keys learners expect. The xterm adapter feeds
 * it keys and draws `view()`; tests drive it directly.
 */

/** What the adapter must do after a key. */
export type EditorAction =
  | { kind: 'none' }
  | { kind: 'render' }
  | { kind: 'submit'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'clear' }
  | { kind: 'complete' }
  | { kind: 'eof' };

/** Named keys the adapter decodes from terminal input. */
export type EditorKey =
  | 'enter' | 'backspace' | 'delete' | 'left' | 'right' | 'up' | 'down' | 'home' | 'end'
  | 'word-left' | 'word-right' | 'kill-line-start' | 'kill-line-end' | 'kill-word-back'
  | 'yank' | 'interrupt' | 'clear' | 'reverse-search' | 'abort' | 'tab' | 'eof' | 'escape';

/** Decodes one xterm `onData` chunk into keys and literal text runs. */
export function decodeInput(data: string): Array<EditorKey | { text: string }> {
  const table: Record<string, EditorKey> = {
    '\r': 'enter', '\n': 'enter', '\x7f': 'backspace', '\b': 'backspace', '\x1b[3~': 'delete',
    '\x1b[D': 'left', '\x1bOD': 'left', '\x02': 'left', '\x1b[C': 'right', '\x1bOC': 'right', '\x06': 'right',
    '\x1b[A': 'up', '\x1bOA': 'up', '\x10': 'up', '\x1b[B': 'down', '\x1bOB': 'down', '\x0e': 'down',
    '\x1b[H': 'home', '\x1bOH': 'home', '\x1b[1~': 'home', '\x01': 'home',
    '\x1b[F': 'end', '\x1bOF': 'end', '\x1b[4~': 'end', '\x05': 'end',
    '\x1b[1;5D': 'word-left', '\x1bb': 'word-left', '\x1b[1;5C': 'word-right', '\x1bf': 'word-right',
    '\x15': 'kill-line-start', '\x0b': 'kill-line-end', '\x17': 'kill-word-back', '\x1b\x7f': 'kill-word-back',
    '\x19': 'yank', '\x03': 'interrupt', '\x0c': 'clear', '\x12': 'reverse-search', '\x07': 'abort',
    '\t': 'tab', '\x04': 'eof', '\x1b': 'escape',
  };
  const out: Array<EditorKey | { text: string }> = [];
  // Bracketed paste markers carry no meaning for us; the pasted text is handled as typed.
  const input = data.replace(/\x1b\[20[01]~/g, '');
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) out.push({ text });
    text = '';
  };
  while (i < input.length) {
    let matched = '';
    if (input[i] === '\x1b') {
      // The longest escape sequence that we know, else a lone Escape.
      for (const seq of Object.keys(table)) {
        if (seq.startsWith('\x1b') && input.startsWith(seq, i) && seq.length > matched.length) matched = seq;
      }
      if (!matched || (matched === '\x1b' && /[[O]/.test(input[i + 1] ?? ''))) {
        const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|.)?/.exec(input.slice(i))!;
        flush();
        i += m[0].length; // unknown escape sequence: ignored rather than inserted as text
        continue;
      }
    } else if (input[i] === '\r' && input[i + 1] === '\n') {
      matched = '\r\n';
    } else if (table[input[i]!]) {
      matched = input[i]!;
    }
    if (matched) {
      flush();
      out.push(matched === '\r\n' ? 'enter' : table[matched]!);
      i += matched.length;
    } else {
      const ch = input[i]!;
      if (ch >= ' ' || ch > '\x7f') text += ch; // other control characters are dropped
      i += 1;
    }
  }
  flush();
  return out;
}

interface SearchState {
  query: string;
  /** Index in history of the current match, or -1 when nothing matched yet. */
  match: number;
  failed: boolean;
  /** Buffer and cursor before the search, restored on abort. */
  saved: { buffer: string; cursor: number };
}

/** The editable command line and its history. */
export class LineEditor {
  buffer = '';
  cursor = 0;
  private history: string[] = [];
  /** Position while browsing history; history.length means "the line being typed". */
  private historyPos = 0;
  private draft = '';
  private killed = '';
  private search: SearchState | undefined;

  constructor(history: readonly string[] = [], private readonly maxHistory = 1000) {
    for (const line of history) this.remember(line);
    this.historyPos = this.history.length;
  }

  /** Adds a line to the history (blank lines and immediate repeats are skipped, as bash's ignoreboth). */
  remember(line: string): void {
    if (!line.trim() || line.startsWith(' ')) return;
    if (this.history[this.history.length - 1] === line) return;
    this.history.push(line);
    if (this.history.length > this.maxHistory) this.history.shift();
    this.historyPos = this.history.length;
  }

  /** The history, oldest first. */
  entries(): readonly string[] {
    return this.history;
  }

  /** True while Ctrl+R search is active. */
  get searching(): boolean {
    return this.search !== undefined;
  }

  /** What to draw: a prefix (the prompt, or the search label), the text and the cursor within it. */
  view(prompt: string): { prefix: string; text: string; cursor: number } {
    const s = this.search;
    if (!s) return { prefix: prompt, text: this.buffer, cursor: this.cursor };
    const label = `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
    return { prefix: label, text: this.buffer, cursor: Math.max(0, this.buffer.indexOf(s.query)) };
  }

  /** Replaces the line (a "run" button typing a command, completion). */
  setLine(text: string, cursor = text.length): void {
    this.buffer = text;
    this.cursor = Math.min(Math.max(cursor, 0), text.length);
  }

  /** Inserts text at the cursor. */
  insert(text: string): EditorAction {
    if (this.search) {
      this.search.query += text;
      this.findMatch(this.search.match === -1 ? this.history.length - 1 : this.search.match);
      return { kind: 'render' };
    }
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
    return { kind: 'render' };
  }

  /** Handles one key. */
  key(k: EditorKey): EditorAction {
    if (this.search) return this.searchKey(k);
    const b = this.buffer;
    const c = this.cursor;
    switch (k) {
      case 'enter': {
        const line = b;
        this.buffer = '';
        this.cursor = 0;
        this.remember(line);
        this.historyPos = this.history.length;
        this.draft = '';
        return { kind: 'submit', line };
      }
      case 'backspace':
        if (c === 0) return { kind: 'none' };
        this.buffer = b.slice(0, c - 1) + b.slice(c);
        this.cursor = c - 1;
        return { kind: 'render' };
      case 'delete':
        if (c >= b.length) return { kind: 'none' };
        this.buffer = b.slice(0, c) + b.slice(c + 1);
        return { kind: 'render' };
      case 'left':
        return this.moveTo(c - 1);
      case 'right':
        return this.moveTo(c + 1);
      case 'home':
        return this.moveTo(0);
      case 'end':
        return this.moveTo(b.length);
      case 'word-left':
        return this.moveTo(wordStart(b, c));
      case 'word-right':
        return this.moveTo(wordEnd(b, c));
      case 'kill-line-start':
        this.killed = b.slice(0, c);
        this.buffer = b.slice(c);
        this.cursor = 0;
        return { kind: 'render' };
      case 'kill-line-end':
        this.killed = b.slice(c);
        this.buffer = b.slice(0, c);
        return { kind: 'render' };
      case 'kill-word-back': {
        // Ctrl+W kills back to the previous whitespace, like bash's unix-word-rubout.
        let i = c;
        while (i > 0 && b[i - 1] === ' ') i--;
        while (i > 0 && b[i - 1] !== ' ') i--;
        this.killed = b.slice(i, c);
        this.buffer = b.slice(0, i) + b.slice(c);
        this.cursor = i;
        return { kind: 'render' };
      }
      case 'yank':
        return this.killed ? this.insert(this.killed) : { kind: 'none' };
      case 'up':
        return this.browse(-1);
      case 'down':
        return this.browse(1);
      case 'interrupt':
        this.buffer = '';
        this.cursor = 0;
        this.historyPos = this.history.length;
        return { kind: 'interrupt' };
      case 'clear':
        return { kind: 'clear' };
      case 'tab':
        return { kind: 'complete' };
      case 'eof':
        // bash deletes forward on a non-empty line; on an empty one we do not log out.
        return b ? this.key('delete') : { kind: 'eof' };
      case 'reverse-search':
        this.search = { query: '', match: -1, failed: false, saved: { buffer: b, cursor: c } };
        return { kind: 'render' };
      case 'abort':
      case 'escape':
        return { kind: 'none' };
    }
  }

  private moveTo(pos: number): EditorAction {
    const p = Math.min(Math.max(pos, 0), this.buffer.length);
    if (p === this.cursor) return { kind: 'none' };
    this.cursor = p;
    return { kind: 'render' };
  }

  private browse(dir: -1 | 1): EditorAction {
    const next = this.historyPos + dir;
    if (next < 0 || next > this.history.length) return { kind: 'none' };
    if (this.historyPos === this.history.length) this.draft = this.buffer;
    this.historyPos = next;
    this.buffer = next === this.history.length ? this.draft : this.history[next]!;
    this.cursor = this.buffer.length;
    return { kind: 'render' };
  }

  /** Finds the newest history entry at or before `from` that contains the query. */
  private findMatch(from: number): void {
    const s = this.search!;
    for (let i = Math.min(from, this.history.length - 1); i >= 0; i--) {
      if (this.history[i]!.includes(s.query)) {
        s.match = i;
        s.failed = false;
        this.buffer = this.history[i]!;
        this.cursor = this.buffer.indexOf(s.query);
        return;
      }
    }
    s.failed = true;
  }

  private searchKey(k: EditorKey): EditorAction {
    const s = this.search!;
    switch (k) {
      case 'reverse-search':
        if (s.query) this.findMatch(s.match === -1 ? this.history.length - 1 : s.match - 1);
        return { kind: 'render' };
      case 'backspace':
        s.query = s.query.slice(0, -1);
        s.failed = false;
        if (s.query) this.findMatch(this.history.length - 1);
        return { kind: 'render' };
      case 'abort':
      case 'interrupt':
        this.buffer = s.saved.buffer;
        this.cursor = s.saved.cursor;
        this.search = undefined;
        return { kind: 'render' };
      case 'enter':
        this.search = undefined;
        return this.key('enter');
      case 'escape':
        this.search = undefined;
        return { kind: 'render' };
      default:
        // Any editing or moving key ends the search with the match as the line, then acts.
        this.search = undefined;
        this.historyPos = s.match === -1 ? this.history.length : s.match;
        if (s.match !== -1) this.draft = s.saved.buffer;
        this.key(k);
        return { kind: 'render' };
    }
  }
}

function wordStart(b: string, c: number): number {
  let i = c;
  while (i > 0 && !/[A-Za-z0-9]/.test(b[i - 1]!)) i--;
  while (i > 0 && /[A-Za-z0-9]/.test(b[i - 1]!)) i--;
  return i;
}

function wordEnd(b: string, c: number): number {
  let i = c;
  while (i < b.length && !/[A-Za-z0-9]/.test(b[i]!)) i++;
  while (i < b.length && /[A-Za-z0-9]/.test(b[i]!)) i++;
  return i;
}

/**
 * Terminal bytes that redraw the edited line in place, for a terminal `cols` wide. The line
 * may wrap: `prevRow` is the row (relative to the line's first row) where the cursor was left
 * by the previous draw. Returns the bytes and the new cursor row.
 */
export function renderLine(
  view: { prefix: string; text: string; cursor: number },
  cols: number,
  prevRow: number,
): { bytes: string; row: number } {
  const width = Math.max(cols, 1);
  const full = view.prefix + view.text;
  let bytes = (prevRow > 0 ? `\x1b[${prevRow}A` : '') + '\r\x1b[J' + full;
  const total = full.length;
  let endRow = Math.floor(total / width);
  if (total > 0 && total % width === 0) {
    // The cursor sits in xterm's pending-wrap state at the last column; make the wrap real.
    bytes += ' \r';
  } else if (total === 0) {
    endRow = 0;
  }
  const target = view.prefix.length + view.cursor;
  const targetRow = Math.floor(target / width);
  const targetCol = target % width;
  if (endRow > targetRow) bytes += `\x1b[${endRow - targetRow}A`;
  bytes += '\r';
  if (targetCol > 0) bytes += `\x1b[${targetCol}C`;
  return { bytes, row: targetRow };
}
