/**
 * Scenario replay: the one place that knows how `../shared/tools/record-real` runs a scenario,
 * so `netlab replay` (sim/cli.ts) and the fidelity harness (tests/fidelity) produce the same
 * transcript from the same file and can be diffed against the real kernel's.
 *
 * record-real reads the file line by line, skips lines that are empty or only spaces and
 * lines whose first character is `#`, prints `$ LINE`, runs the line in its own `bash -c`
 * (so `cd`, variables and `$?` do not carry over), prints its stdout and stderr merged in
 * order exactly as written (no newline is added), and prints `[exit N]` on its own line when
 * N is not 0.
 */
import type { Machine, RunResult } from './machine.ts';
import { CaptureFile } from './shell/capture-file.ts';

/** One command of a scenario, with its 1-based line number in the file (for messages). */
export interface ScenarioCommand {
  line: number;
  text: string;
}

/**
 * The commands of a scenario file, in order, skipped exactly as record-real skips them:
 * a line is skipped when removing its spaces leaves nothing (tabs count as content, as in
 * bash's `${line// }`) or when it starts with `#` (an indented `#` is a command).
 */
export function scenarioCommands(text: string): ScenarioCommand[] {
  const lines = text.split('\n');
  // `read` sees no final empty line after a trailing newline.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: ScenarioCommand[] = [];
  lines.forEach((text, i) => {
    if (text.replaceAll(' ', '') === '' || text.startsWith('#')) return;
    out.push({ line: i + 1, text });
  });
  return out;
}

/** The transcript block of one command: `$ CMD`, its output as written, `[exit N]` if N != 0. */
export function transcriptBlock(command: string, result: RunResult): string {
  const status = result.exitCode !== 0 ? `[exit ${result.exitCode}]\n` : '';
  return `$ ${command}\n${result.output}${status}`;
}

/**
 * Runs each command of a scenario on `machine`, each in a fresh subshell as record-real does,
 * and returns the whole transcript.
 */
export function replayOn(machine: Machine, scenarioText: string): string {
  let transcript = '';
  const file = new CaptureFile();
  for (const cmd of scenarioCommands(scenarioText)) {
    transcript += transcriptBlock(cmd.text, runInSubshell(machine, cmd.text, file));
  }
  return transcript;
}

/**
 * Runs one line the way `bash -c LINE </dev/null` would: standard input empty, and no shell
 * state (working directory, variables, `$?`) kept from or left for other lines.
 */
function runInSubshell(machine: Machine, line: string, file: CaptureFile): RunResult {
  return machine.run(line, { mode: 'bash-c', captureFile: file });
}
