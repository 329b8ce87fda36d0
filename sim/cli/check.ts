/**
 * `netlab check LESSON FILE`: runs a script of commands (one a line, `#` comments) against
 * the lesson's exercise, headless, and prints the checklist, the way the lab would show it.
 * This is how instructors try their checks against wrong answers.
 */
import { readFileSync } from 'node:fs';
import { formatDiagnostic } from './lint.ts';
import { outputGist } from '../lint/lesson.ts';
import { lessonTrial, type LessonTrial } from './trial.ts';
import type { Subcommand } from './index.ts';

const USAGE = 'Usage: netlab check [--variant ID] LESSON.mdx SCRIPT\n';

export const checkCommand: Subcommand = {
  name: 'check',
  summary: "run a script against a lesson's exercise and print the checklist",
  async run(argv, io) {
    // --variant ID picks one variant of an exercise that has several (default: the lab's draw).
    const args = [...argv];
    let variant: string | undefined;
    const vi = args.indexOf('--variant');
    if (vi >= 0) {
      variant = args[vi + 1];
      args.splice(vi, 2);
    }
    if (args.length !== 2 || (vi >= 0 && !variant)) {
      io.err(USAGE);
      return 2;
    }
    let trial: LessonTrial, script: string;
    try {
      trial = lessonTrial(args[0], { variant });
      script = readFileSync(args[1] === '-' ? 0 : args[1], 'utf8');
    } catch (e) {
      io.err(`netlab check: ${(e as Error).message}\n`);
      return 1;
    }
    for (const d of trial.warnings) io.err(`${formatDiagnostic(d)}\n`);
    const numbered = script
      .split('\n')
      .map((text, i) => ({ no: i + 1, text: text.trim() }))
      .filter((l) => l.text && !l.text.startsWith('#'));
    const { exercise } = trial;
    const result = trial.run(numbered.map((l) => l.text));
    // A command of the script that fails is worth knowing: a typo would otherwise pass for a wrong answer.
    const scriptName = args[1] === '-' ? '(stdin)' : args[1];
    for (const f of result.failedLines)
      io.err(`${scriptName}:${numbered[f.index].no}: \`${f.line}\` exits ${f.exitCode}: ${outputGist(f.output)}\n`);
    const ev = result.evaluation;
    io.out(`${exercise.title}${trial.variant ? ` (variant ${trial.variant})` : ''}\n`);
    for (const r of ev.results) io.out(`  [${r.pass ? 'x' : ' '}] ${r.label}${r.pass ? '' : `\n        ${r.message}`}\n`);
    io.out(`${Math.round(ev.score * 100)}% ${ev.complete ? 'complete' : 'not complete'}\n`);
    return ev.complete ? 0 : 1;
  },
};
