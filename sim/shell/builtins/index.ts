import type { CommandModule } from '../process.ts';
import { echoCommand } from './echo.ts';
import { printfCommand } from './printf.ts';
import { grepCommand } from './grep.ts';
import { textCommands } from './text.ts';
import { columnCommands } from './columns.ts';
import { fileCommands } from './files.ts';
import { systemCommands } from './system.ts';
import { testCommands } from './test.ts';
import { shellCommands } from './sh.ts';
import { seqCommand } from './seq.ts';
import { sedCommand } from './sed.ts';
import { awkCommand } from './awk/index.ts';

/** Everyday utilities (echo, cat, grep, ...) and shell builtins; see commands/registry.ts. */
export const utilityCommands: CommandModule[] = [
  echoCommand,
  printfCommand,
  grepCommand,
  ...textCommands,
  ...columnCommands,
  ...fileCommands,
  ...systemCommands,
  ...testCommands,
  ...shellCommands,
  seqCommand,
  sedCommand,
  awkCommand,
];
