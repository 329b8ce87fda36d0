/** The CLI's subcommands. */
import { replayCommand } from './replay.ts';
import { shellCommand } from './shell.ts';
import { lintCommand } from './lint.ts';
import { checkCommand } from './check.ts';
import { newCommand } from './new.ts';

/** Where a subcommand writes (process streams in the CLI, strings in tests). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface Subcommand {
  name: string;
  /** One line for `netlab --help`. */
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export const subcommands: Subcommand[] = [replayCommand, shellCommand, lintCommand, checkCommand, newCommand];
