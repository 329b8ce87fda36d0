/**
 * The Journey view's controller: a packet picker (grouped by the command line that sent it),
 * step forward / back / first / play, the current step announced in an aria-live region and
 * marked in the list of steps, and the two drawings (topology, hooks) following the current
 * step. Everything from the machine is set as text.
 */
import type { Journey, JourneyGroup, JourneyStep } from '../../sim/index.ts';
import { stepLine } from '../../sim/index.ts';
import type { TopoModel } from '../../src/lab/topology-model.ts';
import { renderHooks } from './journey-hooks.ts';
import { renderTopo } from './journey-topo.ts';

/** Real time between two steps while playing. */
const PLAY_MS = 900;

function q<T extends HTMLElement>(root: HTMLElement, sel: string): T {
  const e = root.querySelector<T>(sel);
  if (!e) throw new Error(`Journey view: ${sel} missing`);
  return e;
}

/** What the view reads: recent groups and the topology to draw on. */
export interface JourneySource {
  groups(): JourneyGroup[];
  topology(): TopoModel;
}

export class JourneyView {
  private readonly pick: HTMLSelectElement;
  private readonly list: HTMLOListElement;
  private readonly current: HTMLElement;
  private readonly outcome: HTMLElement;
  private readonly count: HTMLElement;
  private readonly play: HTMLButtonElement;
  private journeys = new Map<string, Journey>();
  private journey: Journey | undefined;
  private step = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastGroup = -1;

  constructor(private readonly root: HTMLElement, private readonly source: JourneySource) {
    this.pick = q(root, '[data-journey-pick]');
    this.list = q(root, '[data-journey-steps]');
    this.current = q(root, '[data-journey-current]');
    this.outcome = q(root, '[data-journey-outcome]');
    this.count = q(root, '[data-journey-count]');
    this.play = q(root, '[data-journey-play]');
    this.pick.addEventListener('change', () => this.select(this.pick.value));
    q(root, '[data-journey-first]').addEventListener('click', () => this.go(0));
    q(root, '[data-journey-prev]').addEventListener('click', () => this.go(this.step - 1));
    q(root, '[data-journey-next]').addEventListener('click', () => this.go(this.step + 1));
    this.play.addEventListener('click', () => (this.timer ? this.stop() : this.start()));
  }

  /** Re-reads the groups (after a command); a new command's first packet gets selected. */
  refresh(): void {
    const groups = this.source.groups();
    const empty = groups.length === 0;
    q(this.root, '[data-journey-empty]').hidden = !empty;
    q(this.root, '[data-journey-body]').hidden = empty;
    const keep = this.pick.value;
    this.journeys.clear();
    const frag = document.createDocumentFragment();
    for (const g of [...groups].reverse()) {
      const og = document.createElement('optgroup');
      og.label = `$ ${g.line}`;
      for (const e of g.entries) {
        const j = e.journey;
        const key = String(j.id);
        this.journeys.set(key, j);
        og.append(new Option(`${j.id} ${j.role}: ${j.summary} → ${j.outcome.kind}`, key));
      }
      frag.append(og);
    }
    this.pick.replaceChildren(frag);
    const newest = groups.at(-1);
    if (!newest) return this.show(undefined);
    const first = newest.entries.find((e) => e.journey.proto !== 'arp') ?? newest.entries[0];
    const fresh = newest.seq !== this.lastGroup;
    this.lastGroup = newest.seq;
    this.select(!fresh && this.journeys.has(keep) ? keep : String(first!.journey.id), !fresh);
  }

  private select(key: string, keepStep = false): void {
    this.pick.value = key;
    const j = this.journeys.get(key);
    const same = keepStep && this.journey?.id === j?.id;
    this.show(j, same ? this.step : 0);
  }

  private show(j: Journey | undefined, step = 0): void {
    this.stop();
    this.journey = j;
    this.list.replaceChildren(
      ...(j?.steps ?? []).map((s, i) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = `${s.netns}${s.dev && s.kind !== 'outside' ? ` ${s.dev}` : ''}: ${s.text}`;
        b.addEventListener('click', () => this.go(i));
        li.append(b);
        if (s.kind === 'drop') li.classList.add('drop');
        return li;
      }),
    );
    this.outcome.textContent = j ? `Result: ${j.outcome.text}` : '';
    this.outcome.className = `journey-outcome ${j?.outcome.kind ?? ''}`;
    this.go(step);
  }

  /** Moves to step `i` (clamped) and redraws. */
  go(i: number): void {
    const steps = this.journey?.steps ?? [];
    this.step = Math.max(0, Math.min(i, steps.length - 1));
    const s: JourneyStep | undefined = steps[this.step];
    this.current.textContent = s ? `Step ${stepLine(s)}` : '';
    this.count.textContent = steps.length ? `${this.step + 1} of ${steps.length}` : '';
    [...this.list.children].forEach((li, k) => {
      if (k === this.step) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
    // Scroll the list only (scrollIntoView would scroll the whole panel away from the drawings).
    const li = this.list.children[this.step] as HTMLElement | undefined;
    if (li && (li.offsetTop < this.list.scrollTop || li.offsetTop + li.offsetHeight > this.list.scrollTop + this.list.clientHeight)) {
      this.list.scrollTop = li.offsetTop - this.list.clientHeight / 2;
    }
    q<HTMLButtonElement>(this.root, '[data-journey-prev]').disabled = this.step <= 0;
    q<HTMLButtonElement>(this.root, '[data-journey-first]').disabled = this.step <= 0;
    q<HTMLButtonElement>(this.root, '[data-journey-next]').disabled = this.step >= steps.length - 1;
    const caption = renderHooks(q(this.root, '[data-journey-hooks]'), steps, this.step);
    q(this.root, '[data-journey-hooks-caption]').textContent = caption;
    renderTopo(q(this.root, '[data-journey-topo]'), this.source.topology(), steps, this.step);
  }

  private start(): void {
    const steps = this.journey?.steps ?? [];
    if (!steps.length) return;
    if (this.step >= steps.length - 1) this.go(0);
    this.play.setAttribute('aria-pressed', 'true');
    this.play.textContent = 'Pause';
    this.timer = setInterval(() => {
      if (this.step >= steps.length - 1) return this.stop();
      this.go(this.step + 1);
    }, PLAY_MS);
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.play.setAttribute('aria-pressed', 'false');
    this.play.textContent = 'Play';
  }
}
