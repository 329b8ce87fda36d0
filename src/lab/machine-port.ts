/**
 * The lab's view of the simulator: the few members of `Machine` it uses, so the session can
 * be tested against any object of this shape and the UI imports `sim/` in one place only.
 */
import { createMachine, type ProbeMachine } from '../../sim/index.ts';
import type { World } from './lesson-schema.ts';

/** A running command line (see `Machine.start`). */
export interface LabJob {
  readonly done: boolean;
  /** Advances the job; returns the virtual ms to wait before the next step, or -1 when done. */
  step(): number;
  /** Ctrl+C: the job sees SIGINT and finishes (ping prints its statistics). */
  interrupt(): void;
}

/** The members of the simulator's Machine that the lab uses. */
export interface LabMachine {
  start(line: string, onOutput: (text: string) => void): LabJob;
  /** Plain JSON of the machine (sim/observe/snapshot.ts); null when the simulator has none. */
  snapshot(): unknown;
  prompt(): string;
  /** How many shells are nested in the login shell (`docker run -it`): Ctrl+D then ends the innermost. */
  sessionDepth?(): number;
  complete(line: string, cursor: number): unknown;
  /** Tells the shell the terminal's width (its COLUMNS), on mount and on every resize. */
  setColumns?(cols: number): void;
  /** The machine's file system (sim/fs), for the editor. */
  readonly fs?: unknown;
  /** The simulator itself, for exercise checks (absent in test doubles). */
  readonly probe?: ProbeMachine;
}

/** How a session makes machines: the simulator in the app, a double in unit tests. */
export type MachineFactory = (opts: { seed: number; world: World }) => LabMachine;

/** The real simulator. */
export const simulatorFactory: MachineFactory = (opts) => {
  const m = createMachine(opts);
  const snap = (m as unknown as { snapshot?: () => unknown }).snapshot;
  return {
    start: (line, onOutput) => m.start(line, onOutput),
    snapshot: () => (typeof snap === 'function' ? snap.call(m) : null),
    prompt: () => m.prompt(),
    sessionDepth: () => m.sessionDepth,
    complete: (line, cursor) => m.complete(line, cursor),
    setColumns: (cols) => m.setColumns(cols),
    fs: m.fs,
    probe: m,
  };
};
