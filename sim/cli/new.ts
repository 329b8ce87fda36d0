/**
 * `netlab new chapter TITLE` and `netlab new lesson [CHAPTER-DIR] TITLE`: scaffold a numbered
 * chapter folder or a lesson with its exercise file, numbered after the last one, with the
 * frontmatter and exercise fields filled in so that `netlab lint` tells what is left to write.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
export const EXERCISE_TEMPLATE = `# Exercise data: see the authoring guide (/guide/) for every field.
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

export const newCommand: Subcommand = {
  name: 'new',
  summary: 'scaffold a chapter, or a lesson with its exercise',
  async run(args, io) {
    const root = resolve('content');
    const [what, ...rest] = args;
    if (what === 'chapter' && rest.length === 1) {
      const dir = join(root, `${next(numbered(root, true))}-${kebab(rest[0])}`);
      mkdirSync(dir, { recursive: true });
      io.out(`created ${dir}\n`);
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
      const course = readCourse(root);
      const order = course.length + 1;
      const chapterTitle = chapterDir.split('/').pop()!.replace(/^\d+-/, '').replace(/-/g, ' ');
      writeFileSync(`${base}.mdx`, lessonTemplate(title, chapterTitle.charAt(0).toUpperCase() + chapterTitle.slice(1), order));
      writeFileSync(`${base}.exercise.yaml`, EXERCISE_TEMPLATE);
      io.out(`created ${base}.mdx\ncreated ${base}.exercise.yaml\n`);
      return 0;
    }
    io.err(USAGE);
    return 2;
  },
};
