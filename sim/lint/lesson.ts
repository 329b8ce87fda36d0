/**
 * Linting one lesson: its frontmatter against the lesson schema, every command it shows run
 * in the lesson's world, and its exercise (if any) proven fair: the reference solution passes
 * every check, the start state fails at least one, and each hint's check can fail. Pure: the
 * caller reads the files and passes their text.
 */
import { load as loadYaml } from 'js-yaml';
import type { ZodType } from 'zod';
import { exerciseSchema, type Exercise } from '../check/schema.ts';
import { evaluate } from '../check/evaluate.ts';
import type { ProbeMachine } from '../check/probe.ts';
import { shownCommands } from './commands.ts';

export interface Diagnostic {
  file: string;
  line?: number;
  /** Dotted path of the field at fault, e.g. `checks.2.rule`. */
  field?: string;
  message: string;
}

export interface LessonFiles {
  path: string;
  text: string;
  /** The exercise file beside the lesson, if there is one. */
  exercise?: { path: string; text: string };
}

export interface LintMachine extends ProbeMachine {}

export interface LintEnv {
  /** Builds a machine of a world, with a fixed seed. */
  createMachine(world: string): LintMachine;
  /** The lesson frontmatter schema (it lives with the site). */
  lessonSchema: ZodType<{ world: string; setup: string[] }>;
}

/** Splits `---\nyaml\n---\nbody`; the frontmatter's line count tells where the body starts. */
export function splitFrontmatter(text: string): { yaml: string; bodyLine: number } | undefined {
  if (!text.startsWith('---\n')) return undefined;
  const end = text.indexOf('\n---', 4);
  if (end < 0) return undefined;
  return { yaml: text.slice(4, end), bodyLine: text.slice(0, end).split('\n').length + 1 };
}

function zodDiagnostics(file: string, err: { issues: { path: PropertyKey[]; message: string }[] }, lineOf?: (field: string) => number | undefined): Diagnostic[] {
  return err.issues.map((i) => {
    const field = i.path.map(String).join('.');
    return { file, field: field || undefined, line: lineOf?.(field), message: i.message };
  });
}

/** The line of a top-level YAML key, for pointing at a field. */
function yamlLine(text: string, offset: number) {
  return (field: string): number | undefined => {
    const key = field.split('.')[0];
    if (!key) return undefined;
    const i = text.split('\n').findIndex((l) => l.startsWith(`${key}:`));
    return i < 0 ? undefined : i + 1 + offset;
  };
}

/** Runs lines on a machine, returning the first failure (line index and output). */
function runAll(m: LintMachine, lines: string[]): { index: number; output: string; exitCode: number } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const r = m.run(lines[i]);
    if (r.exitCode !== 0) return { index: i, output: r.output, exitCode: r.exitCode };
  }
  return undefined;
}

/** Lints one lesson and its exercise. */
export function lintLesson(files: LessonFiles, env: LintEnv): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fm = splitFrontmatter(files.text);
  if (!fm) return [{ file: files.path, line: 1, message: 'missing frontmatter (--- ... ---)' }];
  let data: unknown;
  try {
    data = loadYaml(fm.yaml);
  } catch (e) {
    return [{ file: files.path, line: 1, message: `frontmatter is not valid YAML: ${(e as Error).message}` }];
  }
  const parsed = env.lessonSchema.safeParse(data);
  if (!parsed.success) return zodDiagnostics(files.path, parsed.error, yamlLine(fm.yaml, 1));
  const lesson = parsed.data;

  // Every command the lesson shows runs in the lesson's world, in reading order.
  const m = env.createMachine(lesson.world);
  const setupFail = runAll(m, lesson.setup);
  if (setupFail)
    out.push({ file: files.path, field: `setup.${setupFail.index}`, message: `setup command fails (exit ${setupFail.exitCode}): ${setupFail.output.trim()}` });
  for (const c of shownCommands(files.text)) {
    const r = m.run(c.command);
    if (r.exitCode !== 0 && !c.mayFail)
      out.push({
        file: files.path,
        line: c.line,
        message: `\`${c.command}\` exits ${r.exitCode} (mark the block \`\`\`sh fails if that is intended): ${r.output.trim().split('\n')[0] ?? ''}`,
      });
  }

  if (files.exercise) out.push(...lintExercise(files.exercise, lesson, env));
  return out;
}

/** Parses an exercise file, with diagnostics pointing at its fields. */
export function parseExercise(file: { path: string; text: string }): { exercise?: Exercise; diagnostics: Diagnostic[] } {
  let data: unknown;
  try {
    data = loadYaml(file.text);
  } catch (e) {
    return { diagnostics: [{ file: file.path, line: 1, message: `not valid YAML: ${(e as Error).message}` }] };
  }
  const r = exerciseSchema.safeParse(data);
  if (!r.success) return { diagnostics: zodDiagnostics(file.path, r.error, yamlLine(file.text, 0)) };
  return { exercise: r.data, diagnostics: [] };
}

/** Builds the exercise's start machine and, given extra lines, a machine after them. */
export function exerciseMachines(ex: Exercise, world: string, setup: string[], env: Pick<LintEnv, 'createMachine'>) {
  const start = [...setup, ...ex.setup];
  const build = (extra: string[]) => {
    const m = env.createMachine(ex.world ?? world);
    for (const l of [...start, ...extra]) m.run(l);
    return m;
  };
  return { build, start };
}

function lintExercise(file: { path: string; text: string }, lesson: { world: string; setup: string[] }, env: LintEnv): Diagnostic[] {
  const { exercise: ex, diagnostics } = parseExercise(file);
  if (!ex) return diagnostics;
  const out: Diagnostic[] = [];
  const { build } = exerciseMachines(ex, lesson.world, lesson.setup, env);
  const solutionMachine = build([]);
  const fail = runAll(solutionMachine, ex.solution);
  if (fail) out.push({ file: file.path, field: `solution.${fail.index}`, message: `solution command fails (exit ${fail.exitCode}): ${fail.output.trim()}` });
  const reference = () => build(ex.solution);
  const solved = evaluate(ex, solutionMachine, { fork: reference, reference });
  solved.results.forEach((r, i) => {
    if (!r.pass) out.push({ file: file.path, field: `checks.${i}`, message: `the reference solution fails check "${r.id}": ${r.message}` });
  });
  const start = evaluate(ex, build([]), { fork: () => build([]), reference });
  if (start.complete) out.push({ file: file.path, field: 'checks', message: 'the start state already passes every check' });
  ex.hints.forEach((h, i) => {
    if (!h.check) return;
    const r = start.results.find((x) => x.id === h.check);
    if (r?.pass) out.push({ file: file.path, field: `hints.${i}.check`, message: `hint is tied to check "${h.check}", which already passes at the start, so it can never be the one that matters` });
  });
  return out;
}
