/**
 * Pointing at a field of a YAML file by its path (`checks.2.rule` -> the line of that `rule:`),
 * so that a diagnostic names the line an instructor has to edit. Works on block-style YAML as
 * exercises and frontmatter are written (`key: value`, `- item`, nested by indentation); for a
 * path it cannot follow to the end (flow style `{ ... }`, multi-line scalars) it answers the
 * line of the deepest part it found, which is still the right neighbourhood.
 */

interface ContentLine {
  /** 1-based line number in the text. */
  no: number;
  /** Column where the content starts. */
  col: number;
  /** The content, from that column. */
  text: string;
}

/** The key a line's content starts with (`rule: -j X` -> `rule`), if any. */
function keyOf(text: string): string | undefined {
  const m = text.match(/^(?:"([^"]*)"|'([^']*)'|([^\s:'"#-][^:#]*?))\s*:(?:\s|$)/);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function contentLines(text: string): ContentLine[] {
  const out: ContentLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const body = raw.trimStart();
    if (!body || body.startsWith('#')) return;
    out.push({ no: i + 1, col: raw.length - body.length, text: body.trimEnd() });
  });
  return out;
}

/** The 1-based line of the field at `path` in a YAML text, or of its deepest found parent. */
export function yamlPathLine(text: string, path: readonly PropertyKey[]): number | undefined {
  let scope = contentLines(text);
  let line: number | undefined;
  for (const seg of path) {
    if (!scope.length) break;
    const col = Math.min(...scope.map((l) => l.col));
    if (typeof seg === 'number') {
      const items = scope.flatMap((l, i) => (l.col === col && /^-(\s|$)/.test(l.text) ? [i] : []));
      if (seg >= items.length) break;
      const start = items[seg];
      const end = items[seg + 1] ?? scope.length;
      const first = scope[start];
      line = first.no;
      // `- id: a` carries the item's first key on the same line, one level deeper.
      const rest = first.text.replace(/^-\s*/, '');
      const inline = rest ? [{ no: first.no, col: first.col + (first.text.length - rest.length), text: rest }] : [];
      scope = [...inline, ...scope.slice(start + 1, end)];
    } else {
      const i = scope.findIndex((l) => l.col === col && keyOf(l.text) === String(seg));
      if (i < 0) break;
      line = scope[i].no;
      let end = i + 1;
      // A block below the key is indented deeper, or (for a list) may start at the key's column.
      while (end < scope.length && (scope[end].col > col || (scope[end].col === col && /^-(\s|$)/.test(scope[end].text)))) end++;
      scope = scope.slice(i + 1, end);
    }
  }
  return line;
}
