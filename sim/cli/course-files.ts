/**
 * Reading the course from disk for the CLI: every lesson under content/ with the exercise
 * file beside it (`NN-name.mdx` + `NN-name.exercise.yaml`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LessonFiles } from '../lint/lesson.ts';

/** All lessons below `root`, sorted by path; paths are relative to `cwd` for messages. */
export function readCourse(root: string, cwd = process.cwd()): (LessonFiles & { rel: string })[] {
  const out: (LessonFiles & { rel: string })[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.mdx')) out.push(readLesson(p, root, cwd));
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

/** One lesson and its exercise file, if any. */
export function readLesson(path: string, root: string, cwd = process.cwd()): LessonFiles & { rel: string } {
  const exPath = path.replace(/\.mdx$/, '.exercise.yaml');
  return {
    path: relative(cwd, path),
    rel: relative(root, path),
    text: readFileSync(path, 'utf8'),
    exercise: existsSync(exPath) ? { path: relative(cwd, exPath), text: readFileSync(exPath, 'utf8') } : undefined,
  };
}

/** Every file below `root` (paths relative to `cwd`), for the linter's look at stray files. */
export function courseFiles(root: string, cwd = process.cwd()): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(cwd, p));
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}
