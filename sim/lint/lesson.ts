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
import { resolveVariant } from '../check/variants.ts';
import type { ProbeMachine } from '../check/probe.ts';
import { shownCommands } from './commands.ts';
import { schemaProblems, type SchemaProblem } from './zod-messages.ts';
import { exerciseProblems, PLACEHOLDER } from './exercise-static.ts';
import { yamlPathLine } from './yaml-lines.ts';

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

/** A diagnostic at a field of a YAML text that starts `offset` lines into its file. */
function at(file: string, yaml: string, offset: number, path: PropertyKey[], message: string): Diagnostic {
  const field = path.map(String).join('.');
  const line = path.length ? yamlPathLine(yaml, path) : undefined;
  return { file, field: field || undefined, line: line === undefined ? (offset ? 1 : undefined) : line + offset, message };
}

/** Schema problems as diagnostics, in the order of their lines (as an editor would list them). */
function problemDiagnostics(file: string, yaml: string, offset: number, problems: SchemaProblem[]): Diagnostic[] {
  return problems.map((p) => at(file, yaml, offset, p.path, p.message)).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The first and last lines of a command's output: enough to see what went wrong. */
export function outputGist(output: string): string {
  const lines = output.trim().split('\n').filter((l) => l.trim());
  if (lines.length <= 1) return lines[0] ?? '(no output)';
  return `${lines[0]} ... ${lines[lines.length - 1]}`;
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
  const schemaIssues = schemaProblems(env.lessonSchema, data);
  const parsed = env.lessonSchema.safeParse(data);
  if (!parsed.success || schemaIssues.length) return problemDiagnostics(files.path, fm.yaml, 1, schemaIssues);
  const lesson = parsed.data;
  for (const [key, value] of Object.entries(data as Record<string, unknown>))
    if (typeof value === 'string' && PLACEHOLDER.test(value))
      out.push(at(files.path, fm.yaml, 1, [key], `still placeholder text from netlab new: ${JSON.stringify(value)}`));

  // Every command the lesson shows runs in the lesson's world, in reading order.
  const m = env.createMachine(lesson.world);
  const setupFail = runAll(m, lesson.setup);
  if (setupFail)
    out.push(
      at(files.path, fm.yaml, 1, ['setup', setupFail.index], `setup command \`${lesson.setup[setupFail.index]}\` fails (exit ${setupFail.exitCode}): ${outputGist(setupFail.output)}`),
    );
  for (const c of shownCommands(files.text)) {
    const r = m.run(c.command);
    if (r.exitCode !== 0 && !c.mayFail)
      out.push({
        file: files.path,
        line: c.line,
        message: `\`${c.command}\` exits ${r.exitCode}: ${outputGist(r.output)} (if the lesson means it to fail, mark its block \`\`\`sh fails)`,
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
  const problems = schemaProblems(exerciseSchema, data);
  const r = exerciseSchema.safeParse(data);
  if (r.success) problems.push(...exerciseProblems(r.data));
  const diagnostics = problemDiagnostics(file.path, file.text, 0, problems);
  // A valid exercise comes back even with problems the schema cannot see (the lab can still
  // show it while the instructor works); the linter reports those diagnostics.
  return r.success ? { exercise: r.data, diagnostics } : { diagnostics };
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
  const out: Diagnostic[] = [...diagnostics];
  const here = (path: PropertyKey[], message: string) => at(file.path, file.text, 0, path, message);
  if (!ex.variants?.length) {
    for (const p of exerciseFairness(ex, lesson, env)) out.push(here(p.path, p.message));
    return out;
  }
  // Every variant must be fair on its own: the lab may draw any of them.
  ex.variants.forEach((v, vi) => {
    for (const p of exerciseFairness(resolveVariant(ex, v), lesson, env))
      out.push(here(variantPath(ex, vi, p.path), `variant "${v.id}": ${p.message}`));
  });
  return out;
}

/** Where a field of a resolved variant came from: the exercise's own list or the variant's. */
function variantPath(ex: Exercise, vi: number, path: PropertyKey[]): PropertyKey[] {
  const v = ex.variants![vi];
  const [field, index, ...rest] = path;
  if (typeof index !== 'number') return field === 'checks' ? ['variants', vi] : path;
  const own = { setup: ex.setup.length, checks: ex.checks.length, solution: ex.solution.length } as Record<string, number>;
  if (field === 'hints') return index < v.hints.length ? ['variants', vi, 'hints', index, ...rest] : ['hints', index - v.hints.length, ...rest];
  const n = own[String(field)];
  if (n === undefined || index < n) return path;
  return ['variants', vi, field, index - n, ...rest];
}

/** Fairness of one (resolved) exercise: setup and solution run, the solution passes, the start fails, hints can fire. */
function exerciseFairness(ex: Exercise, lesson: { world: string; setup: string[] }, env: LintEnv): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const here = (path: PropertyKey[], message: string) => out.push({ path, message });
  const { build } = exerciseMachines(ex, lesson.world, lesson.setup, env);
  // The exercise's own setup runs after the lesson's (whose failures the lesson reports).
  const setupMachine = env.createMachine(ex.world ?? lesson.world);
  for (const l of lesson.setup) setupMachine.run(l);
  const setupFail = runAll(setupMachine, ex.setup);
  if (setupFail)
    here(['setup', setupFail.index], `setup command \`${ex.setup[setupFail.index]}\` fails (exit ${setupFail.exitCode}): ${outputGist(setupFail.output)}`);
  const solutionMachine = build([]);
  const fail = runAll(solutionMachine, ex.solution);
  if (fail) here(['solution', fail.index], `solution command \`${ex.solution[fail.index]}\` fails (exit ${fail.exitCode}): ${outputGist(fail.output)}`);
  const reference = () => build(ex.solution);
  const solved = evaluate(ex, solutionMachine, { fork: reference, reference });
  solved.results.forEach((r, i) => {
    if (!r.pass) here(['checks', i], `the reference solution fails check "${r.id}": ${r.message}`);
  });
  const start = evaluate(ex, build([]), { fork: () => build([]), reference });
  if (start.complete) here(['checks'], 'the start state already passes every check: the learner would be done before typing anything');
  ex.hints.forEach((h, i) => {
    if (!h.check) return;
    const r = start.results.find((x) => x.id === h.check);
    if (r?.pass) here(['hints', i, 'check'], `hint is tied to check "${h.check}", which already passes at the start, so it can never be the one that matters`);
  });
  return out;
}
