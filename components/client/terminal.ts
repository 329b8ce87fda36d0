/**
 * The Terminal widget: xterm.js over a LabSession. It draws the prompt, edits the line
 * (src/lab/line-editor.ts), completes with Tab, runs lines through the session and streams
 * their output; Ctrl+C interrupts. Text stays in the DOM (xterm's DOM renderer plus its
 * screen-reader mode) for assistive technology.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { $labs, lab, loadOnEngagement, type LabHandle } from '../../src/lab/labs.ts';
import { END_OF_INPUT, type LabSession } from '../../src/lab/session.ts';
import { LineEditor, decodeInput, renderLine } from '../../src/lab/line-editor.ts';
import { applyCompletion, formatCandidates, normalizeCompletion } from '../../src/lab/completion.ts';
import { takeEarlyInput, type EarlyInput } from './early-prompt.ts';

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

  private session: LabSession | undefined;

  constructor(
    private readonly term: Terminal,
    private readonly handle: LabHandle,
    private readonly host: HTMLElement,
  ) {
    this.editor = new LineEditor(handle.savedHistory);
    term.onData((data) => this.input(data));
    term.attachCustomKeyEventHandler((e) => this.keyFilter(e));
    this.redraw();
    // Ready once the prompt is on screen: xterm parses writes in a later task and renders the
    // rows in an animation frame queued by that parse, so a frame callback queued after the
    // parse runs once the rows hold the prompt, just before the frame is painted. Input is
    // taken from here on. The mark lets the site benchmark read the moment from the page's
    // own clock (tests/bench/site.bench.ts).
    term.write('', () => requestAnimationFrame(() => {
      host.dataset.ready = 'true';
      performance.mark('netlab:terminal-ready');
    }));
    // Whoever loads the simulator (this terminal, a run button, the editor), attach then.
    $labs.subscribe((labs) => {
      const s = labs[handle.id];
      if (s && !this.session) this.attach(s);
    });
  }

  /** The simulator has loaded: show what an earlier visit left, then follow the session. */
  private attach(session: LabSession): void {
    this.session = session;
    if (session.transcript) {
      // Replace the bare prompt with the restored transcript, keeping any line being typed.
      this.term.write('\r\x1b[J');
      this.term.write(session.transcript);
      this.row = 0;
      this.redraw();
    }
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
    // The shell's COLUMNS follows the terminal's width, now and on every resize (fit addon).
    session.resize(this.term.cols);
    this.term.onResize(({ cols }) => session.resize(cols));
    this.host.dataset.loaded = 'true';
  }

  private prompt(): string {
    return this.session?.prompt() ?? this.handle.config.start.prompt;
  }

  /** The session, loading the simulator first if needed (the terminal shows it is busy). */
  private async ready(): Promise<LabSession> {
    if (this.session) return this.session;
    this.host.dataset.busy = 'true';
    const s = await this.handle.session();
    if (!this.running) delete this.host.dataset.busy;
    return s;
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
    const r = renderLine(this.editor.view(this.prompt()), this.term.cols, this.row);
    this.row = r.row;
    this.term.write(r.bytes);
  }

  /** Ends the edited line on screen (the cursor goes below it). */
  private newline(): void {
    const view = this.editor.view(this.prompt());
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
        this.session?.interrupt();
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
          // Ctrl+D on an empty line ends a container's shell (the host's login shell stays).
          if (this.session?.nested()) return this.execute(END_OF_INPUT);
          break;
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
    if (!this.session) {
      void this.ready().then(() => this.complete());
      return;
    }
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

  /**
   * Takes over what the learner typed into the early prompt: the lines entered there run in
   * order, then the unfinished text is left on the line with the cursor where it was.
   */
  adopt(early: EarlyInput): void {
    if (early.lines.length === 0) {
      this.editor.setLine(early.pending, early.cursor);
      this.redraw();
      return;
    }
    this.partial = early.pending;
    this.enqueue(early.lines);
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
    void this.ready().then((session) => session.run(line)).then(() => {
      this.running = false;
      delete this.host.dataset.busy;
      // Output that did not end its line leaves the prompt on a fresh line, as bash's PS1 does not.
      const buf = this.term.buffer.active;
      if (buf.cursorX !== 0) this.term.write('\r\n');
      this.row = 0;
      this.redraw();
      this.markDone();
      this.drain();
    });
  }

  private done = 0;

  /**
   * Counts finished commands in `data-runs` once their output and the new prompt are on screen
   * (xterm parses writes asynchronously and paints on the next animation frame), so tools and
   * tests can wait for "this command is finished and visible" without guessing at timing.
   */
  private markDone(): void {
    const n = ++this.done;
    this.term.write('', () => requestAnimationFrame(() => requestAnimationFrame(() => {
      if (n === this.done) this.host.dataset.runs = String(n);
    })));
  }
}

function mount(host: HTMLElement): void {
  const handle = lab(host.dataset.lab!);
  loadOnEngagement(host.closest<HTMLElement>('[data-lab-config]') ?? host, handle);
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
  const early = takeEarlyInput(screen);
  term.open(screen);
  fit.fit();
  // A session booted from here on replays its saved log at this width (the shell's COLUMNS).
  handle.config.columns = term.cols;
  new ResizeObserver(() => {
    if (screen.offsetWidth > 0) fit.fit();
  }).observe(screen);
  document.addEventListener('netlab:theme', () => (term.options.theme = theme()));
  const controller = new TerminalController(term, handle, host);
  if (early) controller.adopt(early);
  if (host.dataset.autofocus === 'true' || early?.focused) term.focus();
}

for (const host of document.querySelectorAll<HTMLElement>('[data-terminal]')) mount(host);
