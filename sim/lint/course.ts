/**
 * Problems that only show across lessons: two lessons claiming the same place in the course,
 * and exercise files the site would never load (no lesson of that name beside them, or a
 * `.yml` spelling the loader does not look for).
 */
import type { Diagnostic } from './lesson.ts';
import { splitFrontmatter } from './lesson.ts';
import { load as loadYaml } from 'js-yaml';
import { yamlPathLine } from './yaml-lines.ts';

/** Lessons whose frontmatter `order` another lesson already uses. */
export function duplicateOrders(lessons: { path: string; text: string }[]): Diagnostic[] {
  const seen = new Map<number, string>();
  const out: Diagnostic[] = [];
  for (const l of lessons) {
    const fm = splitFrontmatter(l.text);
    let order: unknown;
    try {
      order = fm ? (loadYaml(fm.yaml) as Record<string, unknown> | undefined)?.order : undefined;
    } catch {
      continue; // the lesson's own lint reports its YAML
    }
    if (typeof order !== 'number') continue;
    const first = seen.get(order);
    if (first === undefined) seen.set(order, l.path);
    else {
      const line = yamlPathLine(fm!.yaml, ['order']);
      out.push({ file: l.path, line: line === undefined ? 1 : line + 1, field: 'order', message: `order ${order} is already taken by ${first}: every lesson needs its own place in the course` });
    }
  }
  return out;
}

/** Exercise-looking files with no lesson to belong to; `files` are paths, `lessons` the .mdx paths. */
export function orphanExercises(files: string[], lessons: string[]): Diagnostic[] {
  const have = new Set(lessons);
  const out: Diagnostic[] = [];
  for (const f of files) {
    const m = f.match(/^(.*)\.exercise\.(yaml|yml)$/);
    if (!m) continue;
    const lesson = `${m[1]}.mdx`;
    if (m[2] === 'yml') out.push({ file: f, message: `exercise files end in .exercise.yaml; rename it to ${m[1]}.exercise.yaml or the site never loads it` });
    else if (!have.has(lesson)) out.push({ file: f, message: `no lesson ${lesson} beside it: an exercise file takes its lesson's name (NN-name.mdx + NN-name.exercise.yaml)` });
  }
  return out;
}
