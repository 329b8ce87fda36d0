/**
 * Reading the authoring guide's code blocks, for the test that runs them. The guide marks
 * what each block is with words after the language (invisible when rendered):
 *
 *   ```sh            commands to run in the scratch course, in order; each must exit 0
 *   ```sh fails      the same, each must exit non-zero
 *   ```sh no-run     commands not run here (a dev server, the real-kernel recorder)
 *   ```text output   exactly what the sh block before it prints
 *   ```LANG file=P   a file written to P in the scratch course before the next commands
 *   ```yaml check    a list of checks, valid on their own
 *   ```yaml exercise a whole exercise, linted against the walkthrough's lesson
 *   ```ts custom-check  a custom check registration
 */

/** One fenced block of the guide. */
export interface GuideBlock {
  lang: string;
  /** The words after the language. */
  meta: string[];
  /** `file=PATH`, if given. */
  file?: string;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** Every fenced code block of a Markdown text, in order (fences of 3+ backticks or tildes). */
export function guideBlocks(md: string): GuideBlock[] {
  const out: GuideBlock[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^(`{3,}|~{3,})([\w-]*)\s*(.*)$/);
    if (!open) continue;
    const fence = open[1];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = lines[j].match(/^(`{3,}|~{3,})\s*$/);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      body.push(lines[j]);
    }
    const meta = open[3].split(/\s+/).filter(Boolean);
    const file = meta.find((m) => m.startsWith('file='))?.slice(5);
    out.push({ lang: open[2], meta, ...(file ? { file } : {}), text: body.join('\n') + '\n', line: i + 1 });
    i = j;
  }
  return out;
}

/** The command lines of a sh block: `#` comments and blank lines left out, `$ ` dropped. */
export function commandLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/^\$\s+/, ''))
    .filter((l) => l && !l.startsWith('#'));
}
