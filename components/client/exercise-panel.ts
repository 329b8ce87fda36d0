/**
 * The exercise panel in the browser: mounts an ExerciseRunner on the panel's lab, re-checks
 * after every command (state checks at once, probes when the learner presses "Check now" or
 * pauses), reveals hints, and shows the reference solution replayed on a fresh machine.
 * Everything the learner or the checks produce is written with textContent, never as HTML.
 * The engine (and the simulator it needs) is imported only once the lab's session exists, so
 * it is not part of the page's first load.
 */
import { $labs, drawNewVariant, lab } from '../../src/lab/labs.ts';
import type { ExerciseRunner, ExerciseView } from '../../src/lab/exercise-runner.ts';
import type { Exercise } from '../../sim/index.ts';
import type { LabSession } from '../../src/lab/session.ts';
import { markCompleted } from '../../src/lab/progress.ts';

const PROBE_DELAY_MS = 600;

function render(panel: HTMLElement, v: ExerciseView, runner: ExerciseRunner): void {
  const pct = Math.round(v.score * 100);
  panel.querySelector<HTMLProgressElement>('[data-ex-progress]')!.value = pct;
  panel.querySelector('[data-ex-score]')!.textContent = `${pct}%${v.probesPending ? ' (checking…)' : ''}`;
  for (const r of v.results) {
    const li = panel.querySelector<HTMLElement>(`[data-check="${CSS.escape(r.id)}"]`);
    if (!li) continue;
    const state = r.message === 'not checked yet' ? 'unknown' : r.pass ? 'pass' : 'fail';
    li.dataset.state = state;
    li.querySelector('.ex-mark')!.textContent = state === 'pass' ? '✓' : state === 'fail' ? '✗' : '○';
    li.querySelector('[data-ex-status]')!.textContent = state === 'pass' ? ' (done)' : state === 'fail' ? ' (not yet)' : ' (not checked yet)';
    li.querySelector('[data-ex-why]')!.textContent = state === 'fail' ? r.message : '';
  }
  panel.querySelector<HTMLElement>('[data-ex-done]')!.hidden = !v.complete;
  const list = panel.querySelector('[data-ex-hints]')!;
  if (list.children.length !== v.hintsShown.length) {
    list.replaceChildren(
      ...v.hintsShown.map((i) => {
        const li = document.createElement('li');
        li.textContent = runner.exercise.hints[i].text;
        return li;
      }),
    );
  }
  panel.querySelector<HTMLButtonElement>('[data-ex-hint]')!.disabled = v.hintsShown.length >= runner.exercise.hints.length;
}

/**
 * List items for checks the page did not render (a variant's), built like the page's, as text;
 * those of a previous variant are removed first.
 */
function addCheckItems(panel: HTMLElement, checks: readonly { id: string; label: string }[]): void {
  const list = panel.querySelector('[data-ex-checks]');
  if (!list) return;
  for (const old of list.querySelectorAll('[data-variant-check]')) old.remove();
  for (const c of checks) {
    if (panel.querySelector(`[data-check="${CSS.escape(c.id)}"]`)) continue;
    const li = document.createElement('li');
    li.dataset.check = c.id;
    li.dataset.state = 'unknown';
    li.dataset.variantCheck = '';
    const mark = document.createElement('span');
    mark.className = 'ex-mark';
    mark.setAttribute('aria-hidden', 'true');
    mark.textContent = '○';
    const label = document.createElement('span');
    label.className = 'ex-label';
    label.textContent = c.label;
    const status = document.createElement('span');
    status.className = 'visually-hidden';
    status.dataset.exStatus = '';
    status.textContent = ' (not checked yet)';
    const why = document.createElement('div');
    why.className = 'ex-why';
    why.dataset.exWhy = '';
    li.append(mark, ' ', label, status, why);
    list.append(li);
  }
}

async function mount(panel: HTMLElement, session: LabSession): Promise<void> {
  const [{ exerciseSchema, resolveVariant }, { ExerciseRunner }] = await Promise.all([
    import('../../sim/index.ts'),
    import('../../src/lab/exercise-runner.ts'),
  ]);
  const parsed = exerciseSchema.safeParse(JSON.parse(panel.dataset.exerciseJson!));
  if (!parsed.success) return;
  const handle = lab(panel.dataset.lab ?? '');
  const hintKey = `netlab:hints:${session.config.id}`;
  const saveHints = (hints: number[]) => {
    try {
      localStorage.setItem(hintKey, JSON.stringify(hints));
    } catch {
      /* storage full: hints are not remembered */
    }
  };
  const probeOf = (m: { probe?: unknown }) => m.probe as never;

  /** The runner of the variant the lab has drawn (src/lab/variant-choice.ts), with its own checks. */
  const runnerFor = (ex: Exercise, hints: number[]) =>
    new ExerciseRunner(
      ex,
      {
        current: () => probeOf(session.current()),
        replica: () => probeOf(session.replica()),
        reference: () => {
          const m = probeOf(session.startMachine()) as { run(l: string): unknown };
          for (const line of ex.solution) m.run(line);
          return m as never;
        },
      },
      () => {
        if (panel.dataset.lesson) markCompleted(panel.dataset.lesson);
      },
      hints,
    );
  const resolved = () => resolveVariant(parsed.data, parsed.data.variants?.find((v) => v.id === handle.config.variant));
  let unsubscribe = () => {};
  /** Shows `ex` in the panel (its checks listed) and follows its runner instead of the previous one. */
  const use = (ex: Exercise, hints: number[]): ExerciseRunner => {
    unsubscribe();
    addCheckItems(panel, ex.checks);
    const r = runnerFor(ex, hints);
    unsubscribe = r.view.subscribe((v) => {
      render(panel, v, r);
      saveHints(v.hintsShown);
    });
    return r;
  };
  const first = resolved();
  const savedHints = (() => {
    try {
      const v: unknown = JSON.parse(localStorage.getItem(hintKey) ?? '[]');
      return Array.isArray(v) ? v.filter((i): i is number => Number.isInteger(i) && i >= 0 && i < first.hints.length) : [];
    } catch {
      return [];
    }
  })();
  let runner = use(first, savedHints);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const scheduleProbes = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (session.phase.get() === 'idle') runner.full();
    }, PROBE_DELAY_MS);
  };
  session.version.subscribe(() => {
    runner.quick();
    scheduleProbes();
  });
  panel.querySelector('[data-ex-check]')!.addEventListener('click', () => runner.full());
  panel.querySelector('[data-ex-hint]')!.addEventListener('click', () => runner.revealHint());
  panel.querySelector('[data-ex-solution]')!.addEventListener('click', () => {
    if (!window.confirm('Show the reference solution? Try the hints first: the lab is more fun when you find it yourself.')) return;
    const ex = runner.exercise;
    const box = panel.querySelector<HTMLElement>('[data-ex-solution-box]')!;
    panel.querySelector('[data-ex-solution-text]')!.textContent = ex.solution.join('\n');
    const ref = probeOf(session.startMachine()) as { run(l: string): { output: string; exitCode: number } };
    const out = ex.solution.map((l) => ref.run(l)).filter((r) => r.exitCode !== 0);
    panel.querySelector('[data-ex-solution-result]')!.textContent = out.length
      ? `Replayed on a fresh machine: ${out.length} command(s) failed.`
      : 'Replayed on a fresh machine beside yours: every command succeeded. Your machine is unchanged.';
    box.hidden = false;
  });
  const redraw = panel.querySelector<HTMLButtonElement>('[data-ex-redraw]');
  let drawing = false;
  redraw?.addEventListener('click', async () => {
    if (drawing) return;
    // Typed work is lost on a new start: ask first, as Show solution does.
    if (session.log().length > 0 && !window.confirm('Draw a new fault? The lab starts over from the beginning and the commands you typed are cleared.')) return;
    // A flag rather than `disabled`: disabling the focused button would drop keyboard focus.
    drawing = true;
    const id = await drawNewVariant(handle).finally(() => (drawing = false));
    if (!id) return;
    // The new fault's checks, hints and solution, from scratch (its hints are not the old ones).
    runner = use(resolved(), []);
    runner.quick();
    scheduleProbes();
    panel.querySelector<HTMLElement>('[data-ex-solution-box]')!.hidden = true;
    panel.querySelector('[data-ex-redraw-status]')!.textContent = 'A new fault was drawn: the lab starts over. Find what is broken this time.';
  });
  // The buttons are rendered disabled so a click before the engine has loaded is not lost.
  for (const b of panel.querySelectorAll<HTMLButtonElement>('[data-ex-check], [data-ex-solution], [data-ex-redraw]')) b.disabled = false;
  panel.querySelector<HTMLButtonElement>('[data-ex-hint]')!.disabled = runner.view.get().hintsShown.length >= runner.exercise.hints.length;
  panel.dataset.ready = 'true';
}

const mounted = new WeakSet<HTMLElement>();
$labs.subscribe((labs) => {
  for (const panel of document.querySelectorAll<HTMLElement>('[data-exercise][data-exercise-json]')) {
    const session = labs[panel.dataset.lab ?? ''];
    if (session && !mounted.has(panel)) {
      mounted.add(panel);
      void mount(panel, session);
    }
  }
});
