/**
 * Runs an exercise's checks against a lab: cheap state checks after every command, probes
 * (which replay the machine on a copy) after the learner pauses, and the completion moment
 * recorded once. No DOM here: the panel (components/client/exercise-panel.ts) subscribes.
 */
import { atom, type ReadableAtom } from 'nanostores';
import { evaluate, nextHint, isProbe, type CheckResult, type Evaluation, type Exercise, type ProbeMachine } from '../../sim/index.ts';

/** What the runner needs from a lab: a live machine, copies of it, and the reference machine. */
export interface ExerciseHost {
  /** The learner's machine as it is now (read only). */
  current(): ProbeMachine;
  /** A copy of the learner's machine, for probes. */
  replica(): ProbeMachine;
  /** A fresh machine at the start state with the reference solution applied. */
  reference(): ProbeMachine;
}

export interface ExerciseView {
  results: CheckResult[];
  score: number;
  complete: boolean;
  /** Probes are stale: the machine changed since they last ran. */
  probesPending: boolean;
  /** Indexes of hints revealed so far, in order. */
  hintsShown: number[];
}

export class ExerciseRunner {
  private readonly $view: ReturnType<typeof atom<ExerciseView>>;
  readonly view: ReadableAtom<ExerciseView>;
  private probeResults = new Map<string, CheckResult>();
  private completedOnce = false;

  constructor(
    readonly exercise: Exercise,
    private readonly host: ExerciseHost,
    private readonly onComplete: () => void,
    hintsShown: number[] = [],
  ) {
    this.$view = atom<ExerciseView>({ results: [], score: 0, complete: false, probesPending: true, hintsShown });
    this.view = this.$view;
  }

  /** After a command: re-evaluates state checks at once; probes are marked stale. */
  quick(): void {
    this.probeResults.clear();
    const ev = evaluate(this.exercise, this.host.current(), { fork: () => this.host.replica(), statesOnly: true });
    this.publish(ev.results, true);
  }

  /** Runs every check, probes included (on copies). */
  full(): void {
    const ev = evaluate(this.exercise, this.host.current(), { fork: () => this.host.replica(), reference: () => this.host.reference() });
    for (const r of ev.results) if (this.exercise.checks.find((c) => c.id === r.id && isProbe(c))) this.probeResults.set(r.id, r);
    this.publish(ev.results, false);
  }

  /** Reveals the next hint (the one tied to a failing check first); returns its index. */
  revealHint(): number | undefined {
    const v = this.$view.get();
    const i = nextHint(this.exercise.hints, v.hintsShown, this.asEvaluation(v));
    if (i !== undefined) this.$view.set({ ...v, hintsShown: [...v.hintsShown, i] });
    return i;
  }

  private asEvaluation(v: ExerciseView): Evaluation {
    return { results: v.results, score: v.score, complete: v.complete };
  }

  private publish(stateResults: CheckResult[], probesPending: boolean): void {
    const byId = new Map(stateResults.map((r) => [r.id, r]));
    const results = this.exercise.checks.map(
      (c) =>
        byId.get(c.id) ??
        this.probeResults.get(c.id) ?? { id: c.id, label: c.label, kind: c.kind, pass: false, message: 'not checked yet', weight: c.weight },
    );
    const total = results.reduce((s, r) => s + r.weight, 0);
    const got = results.filter((r) => r.pass).reduce((s, r) => s + r.weight, 0);
    const complete = !probesPending && got === total;
    this.$view.set({ ...this.$view.get(), results, score: total ? got / total : 0, complete, probesPending });
    if (complete && !this.completedOnce) {
      this.completedOnce = true;
      this.onComplete();
    }
  }
}
