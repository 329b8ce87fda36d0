/** Builtins that live inside the shell (they read or change its state). */
import type { Wait } from '../process.ts';
import type { ShellState } from '../state.ts';
import type { Io } from '../io.ts';
import type { ExecEnv } from '../context.ts';

export interface BuiltinCall {
  env: ExecEnv;
  sh: ShellState;
  argv: string[];
  io: Io;
  /** Assignments before the command (`IFS=: read a b`): they last only for this command. */
  assigns?: Map<string, string>;
}

export type ShellBuiltin = (b: BuiltinCall) => Generator<Wait, number, void>;
