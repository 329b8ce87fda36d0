/**
 * The commands a lesson shows: every line of a ```sh / ```bash / ```shell block and every
 * inline `<Cmd>...</Cmd>`, in reading order, with their line numbers. The course linter runs
 * them all; a block whose info string says `fails` (```sh fails) shows commands that are
 * meant to fail, so a non-zero exit there is not an error.
 */
export interface ShownCommand {
  /** 1-based line in the MDX file. */
  line: number;
  command: string;
  /** The lesson announces this command fails (```sh fails). */
  mayFail: boolean;
}

const FENCE = /^(\s*)(```+|~~~+)\s*([\w-]*)\s*(.*)$/;
const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console']);

/** Decodes the few HTML entities MDX text uses inside <Cmd>. */
function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Extracts the runnable commands of an MDX lesson. */
export function shownCommands(mdx: string): ShownCommand[] {
  const out: ShownCommand[] = [];
  const lines = mdx.split('\n');
  let fence: { marker: string; shell: boolean; mayFail: boolean } | undefined;
  let inFrontmatter = lines[0]?.trim() === '---';
  lines.forEach((text, i) => {
    const lineNo = i + 1;
    if (inFrontmatter) {
      if (i > 0 && text.trim() === '---') inFrontmatter = false;
      return;
    }
    const m = text.match(FENCE);
    if (fence) {
      if (m && m[2].startsWith(fence.marker) && !m[3]) fence = undefined;
      else if (fence.shell) {
        let cmd = text.trim();
        if (cmd.startsWith('$ ')) cmd = cmd.slice(2);
        else if (cmd.startsWith('# ') || cmd === '#') return; // a comment line
        if (cmd) out.push({ line: lineNo, command: cmd, mayFail: fence.mayFail });
      }
      return;
    }
    if (m) {
      fence = { marker: m[2], shell: SHELL_LANGS.has(m[3]), mayFail: /\bfails\b/.test(m[4]) };
      return;
    }
    for (const c of text.matchAll(/<Cmd(?:\s[^>]*)?>(.*?)<\/Cmd>/g)) {
      out.push({ line: lineNo, command: decode(c[1].trim()), mayFail: /\bfails\b/.test(c[0].split('>')[0]) });
    }
  });
  return out;
}
