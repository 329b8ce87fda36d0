/**
 * The Terminal widget: xterm.js over a LabSession. It draws the prompt, edits the line
 * (src/lab/line-editor.ts), completes with Tab, runs lines through the session and streams
 * their output; Ctrl+C interrupts. Text stays in the DOM (xterm's DOM renderer plus its
 * screen-reader mode) for assistive technology.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { openLab } from '../../src/lab/labs.ts';
import type { LabSession } from '../../src/lab/session.ts';
import { LineEditor, decodeInput, renderLine } from '../../src/lab/line-editor.ts';
import { applyCompletion, formatCandidates, normalizeCompletion } from '../../src/lab/completion.ts';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function theme() {
  return {
    background: cssVar('--term-bg') || '#111',
    foreground: cssVar('--term-fg') || '#eee',
    cursor: cssVar('--term-cursor') || '#eee',
    selectionBackground: cssVar('--term-selection') || '#555',
  };
}

/** One terminal bound to one session. */
class TerminalController {
  private readonly editor: LineEditor;
  private row = 0;
  private running = false;
  /** Lines waiting to run: pasted multi-line text and "run" button requests. */
  private readonly queue: string[] = [];
  /** Escape was just pressed: a following Tab leaves the terminal (keyboard users). */
  private escapeArmed = false;
  /** Text pasted after the last newline: typed into the line once the queue is done. */
  private partial = '';

  constructor(
    private readonly term: Terminal,
    private readonly session: LabSession,
    private readonly host: HTMLElement,
  ) {
    this.editor = new LineEditor(session.history());
    if (session.transcript) term.write(session.transcript);
    this.redraw();
    term.onData((data) => this.input(data));
    term.attachCustomKeyEventHandler((e) => this.keyFilter(e));
    session.on((e) => {
      if (e.type === 'output') this.term.write(e.text);
      else if (e.type === 'type') this.enqueue([e.line]);
      else if (e.type === 'reset') {
        this.queue.length = 0;
        this.term.reset();
        this.editor.setLine('');
        this.row = 0;
        this.redraw();
      }
    });
    host.dataset.ready = 'true';
  }

  /** Keys xterm should not turn into input: copy/paste shortcuts, and Esc-then-Tab to leave. */
  private keyFilter(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown') return true;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'c' && (e.shiftKey || this.term.hasSelection())) {
      void navigator.clipboard?.writeText(this.term.getSelection()).catch(() => {});
      e.preventDefault();
      return false;
    }
    // Let the browser paste into xterm's textarea; xterm then delivers the text as input.
    if (mod && e.key.toLowerCase() === 'v') return false;
    if (e.key === 'Tab' && this.escapeArmed) {
      this.escapeArmed = false;
      return false;
    }
    this.escapeArmed = e.key === 'Escape';
    return true;
  }

  private redraw(): void {
    const r = renderLine(this.editor.view(this.session.prompt()), this.term.cols, this.row);
    this.row = r.row;
    this.term.write(r.bytes);
  }

  /** Ends the edited line on screen (the cursor goes below it). */
  private newline(): void {
    const view = this.editor.view(this.session.prompt());
    const r = renderLine({ ...view, cursor: view.text.length }, this.term.cols, this.row);
    this.term.write(r.bytes + '\r\n');
    this.row = 0;
  }

  private input(data: string): void {
    if (this.running) {
      // While a command runs, only Ctrl+C matters (no job reads the terminal).
      if (data.includes('\x03')) {
        // The tty echoes ^C; the program prints its own ending (ping's statistics) after it.
        this.term.write('^C');
        this.session.interrupt();
      }
      return;
    }
    const items = decodeInput(data);
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (typeof item !== 'string') {
        this.editor.insert(item.text);
        this.redraw();
        continue;
      }
      const action = this.editor.key(item);
      switch (action.kind) {
        case 'render':
          this.redraw();
          break;
        case 'submit':
          this.row = 0;
          this.term.write('\r\n');
          if (this.running || i < items.length - 1) {
            // Pasted lines after this one wait their turn; a last partial line is typed after them.
            this.queueRest(items.slice(i + 1));
          }
          this.execute(action.line);
          return;
        case 'interrupt':
          this.term.write('^C\r\n');
          this.row = 0;
          this.queue.length = 0;
          this.redraw();
          break;
        case 'clear':
          this.term.clear();
          this.term.write('\x1b[H\x1b[2J');
          this.row = 0;
          this.redraw();
          break;
        case 'complete':
          this.complete();
          break;
        case 'eof':
        case 'none':
          break;
      }
    }
  }

  private queueRest(rest: ReturnType<typeof decodeInput>): void {
    const text = rest.map((k) => (typeof k === 'string' ? (k === 'enter' ? '\n' : '') : k.text)).join('');
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    this.queue.push(...lines);
  }

  private complete(): void {
    const { buffer, cursor } = this.editor;
    const c = normalizeCompletion(this.session.complete(buffer, cursor), buffer, cursor);
    const r = applyCompletion(buffer, cursor, c);
    if (r.list.length > 0) {
      this.newline();
      this.term.write(formatCandidates(r.list, this.term.cols));
    }
    this.editor.setLine(r.line, r.cursor);
    this.redraw();
  }

  private enqueue(lines: string[]): void {
    this.queue.push(...lines);
    if (!this.running) this.drain();
  }

  /** Types the next queued line as if the learner did, and runs it. */
  private drain(): void {
    const next = this.queue.shift();
    if (next === undefined) {
      if (this.partial) {
        this.editor.insert(this.partial);
        this.partial = '';
        this.redraw();
      }
      return;
    }
    this.editor.setLine(next);
    this.redraw();
    this.editor.key('enter');
    this.row = 0;
    this.term.write('\r\n');
    this.execute(next);
  }

  private execute(line: string): void {
    if (!line.trim()) {
      this.redraw();
      return this.drain();
    }
    this.running = true;
    this.host.dataset.busy = 'true';
    void this.session.run(line).then(() => {
      this.running = false;
      delete this.host.dataset.busy;
      // Output that did not end its line leaves the prompt on a fresh line, as bash's PS1 does not.
      const buf = this.term.buffer.active;
      if (buf.cursorX !== 0) this.term.write('\r\n');
      this.row = 0;
      this.redraw();
      this.drain();
    });
  }
}

async function mount(host: HTMLElement): Promise<void> {
  const session = await openLab(host.dataset.lab!);
  const term = new Terminal({
    convertEol: true,
    screenReaderMode: true,
    cursorBlink: true,
    scrollback: 5000,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    theme: theme(),
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  const screen = host.querySelector<HTMLElement>('[data-terminal-screen]') ?? host;
  term.open(screen);
  fit.fit();
  new ResizeObserver(() => {
    if (screen.offsetWidth > 0) fit.fit();
  }).observe(screen);
  document.addEventListener('netlab:theme', () => (term.options.theme = theme()));
  new TerminalController(term, session, host);
  if (host.dataset.autofocus === 'true') term.focus();
}

for (const host of document.querySelectorAll<HTMLElement>('[data-terminal]')) void mount(host);
