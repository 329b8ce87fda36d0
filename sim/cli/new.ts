/**
 * `netlab new chapter TITLE` and `netlab new lesson [CHAPTER-DIR] TITLE`: scaffold a numbered
 * chapter folder or a lesson with its exercise file, numbered after the last one, with the
 * frontmatter and exercise fields filled in so that `netlab lint` tells what is left to write.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { splitFrontmatter } from '../lint/lesson.ts';
import type { Subcommand } from './index.ts';
import { readCourse } from './course-files.ts';

const USAGE = 'Usage: netlab new chapter TITLE\n       netlab new lesson [CHAPTER-DIR] TITLE\n';

/** `Packet filtering` -> `packet-filtering`. */
export function kebab(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const numbered = (dir: string, dirs: boolean) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => /^\d+-/.test(n) && statSync(join(dir, n)).isDirectory() === dirs)
        .sort()
    : [];

const next = (names: string[]) => String((names.length ? parseInt(names[names.length - 1], 10) : 0) + 1).padStart(2, '0');

/** The lesson file text for a new lesson. */
export function lessonTemplate(title: string, chapter: string, order: number): string {
  return `---
title: ${JSON.stringify(title)}
description: "TODO: one or two sentences on what the learner will do."
chapter: ${JSON.stringify(chapter)}
order: ${order}
world: host
readingMinutes: 5
exerciseMinutes: 5
---
import Cmd from '../../components/Cmd.astro';

Explain the mechanism and why it exists. Every command you show runs in the lab:

\`\`\`sh
ip -br link
\`\`\`
`;
}

/** The exercise file text for a new lesson. */
export const EXERCISE_TEMPLATE = `# yaml-language-server: $schema=../../docs/exercise.schema.json
# The exercise of the lesson beside this file. Every field: docs/schema-reference.md;
# how to write one: docs/authoring.md (on the site: /authoring/).
title: TODO
goal: TODO, what the learner must achieve.
checks:
  - id: c1-exists
    label: The namespace c1 exists
    kind: netns
    name: c1
hints:
  - text: Namespaces are made with \`ip netns add\`.
    check: c1-exists
  - text: "\`ip netns add c1\`"
solution:
  - ip netns add c1
`;

/** Frontmatter of the lessons under `root` (unreadable ones are the linter's business). */
function frontmatters(root: string): { path: string; data: Record<string, unknown> }[] {
  return readCourse(root).flatMap((l) => {
    const fm = splitFrontmatter(l.text);
    try {
      const data = fm ? loadYaml(fm.yaml) : undefined;
      return data && typeof data === 'object' ? [{ path: l.path, data: data as Record<string, unknown> }] : [];
    } catch {
      return [];
    }
  });
}

export const newCommand: Subcommand = {
  name: 'new',
  summary: 'scaffold a chapter, or a lesson with its exercise',
  async run(args, io) {
    const root = resolve('content');
    const [what, ...rest] = args;
    const shown = (p: string) => relative(process.cwd(), p) || '.';
    if ((what === 'chapter' || what === 'lesson') && rest.length && !kebab(rest[rest.length - 1])) {
      io.err(`netlab new: the title "${rest[rest.length - 1]}" has no letters or digits to name a file after\n`);
      return 2;
    }
    if (what === 'chapter' && rest.length === 1) {
      const dir = join(root, `${next(numbered(root, true))}-${kebab(rest[0])}`);
      mkdirSync(dir, { recursive: true });
      io.out(`created ${shown(dir)}/\nnext: npx netlab new lesson ${shown(dir)} ${JSON.stringify('Lesson title')}\n`);
      return 0;
    }
    if (what === 'lesson' && (rest.length === 1 || rest.length === 2)) {
      const chapters = numbered(root, true);
      const chapterDir = rest.length === 2 ? resolve(rest[0]) : chapters.length ? join(root, chapters[chapters.length - 1]) : undefined;
      if (!chapterDir || !existsSync(chapterDir)) {
        io.err(`netlab new: no chapter folder${rest.length === 2 ? ` ${rest[0]}` : ' yet: run netlab new chapter TITLE first'}\n`);
        return 1;
      }
      const title = rest[rest.length - 1];
      const files = readdirSync(chapterDir).filter((n) => /^\d+-.*\.mdx$/.test(n)).sort();
      const base = join(chapterDir, `${next(files)}-${kebab(title)}`);
      // After every lesson of the course, so the new one never takes another's place; in the
      // chapter its siblings name (the folder name is only a fallback).
      const course = frontmatters(root);
      const order = Math.max(0, ...course.map((l) => (typeof l.data.order === 'number' ? l.data.order : 0))) + 1;
      const sibling = course.find((l) => resolve(l.path).startsWith(`${chapterDir}/`) && typeof l.data.chapter === 'string');
      const fromDir = chapterDir.split('/').pop()!.replace(/^\d+-/, '').replace(/-/g, ' ');
      const chapterTitle = (sibling?.data.chapter as string | undefined) ?? fromDir.charAt(0).toUpperCase() + fromDir.slice(1);
      writeFileSync(`${base}.mdx`, lessonTemplate(title, chapterTitle, order));
      writeFileSync(`${base}.exercise.yaml`, EXERCISE_TEMPLATE);
      io.out(
        `created ${shown(base)}.mdx (order ${order}, chapter ${JSON.stringify(chapterTitle)})\n` +
          `created ${shown(base)}.exercise.yaml\n` +
          `next: write both (the TODOs), then npx netlab lint ${shown(root)} until it says all good\n`,
      );
      return 0;
    }
    io.err(USAGE);
    return 2;
  },
};
