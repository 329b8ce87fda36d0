/**
 * Applies Tab completion to the edited line the way bash does: one candidate completes the
 * word (and adds a space), several complete their common prefix, and when nothing more can be
 * added the candidates are listed.
 */

/** Completion candidates for the word that starts at `start` and ends at the cursor. */
export interface Completion {
  start: number;
  candidates: string[];
}

/**
 * Accepts what `machine.complete(line, cursor)` returns: either a list of whole words for the
 * word under the cursor, or `{ start, candidates }` / `{ from, items }`-like objects.
 */
export function normalizeCompletion(result: unknown, line: string, cursor: number): Completion {
  const wordStart = (() => {
    let i = cursor;
    while (i > 0 && !/\s/.test(line[i - 1]!)) i--;
    return i;
  })();
  if (Array.isArray(result)) return { start: wordStart, candidates: result.filter((c) => typeof c === 'string') };
  if (result && typeof result === 'object') {
    const r = result as Record<string, unknown>;
    const list = [r.candidates, r.items, r.completions, r.matches].find(Array.isArray) as unknown[] | undefined;
    const start = [r.start, r.from, r.replaceFrom].find((v) => typeof v === 'number') as number | undefined;
    return { start: start ?? wordStart, candidates: (list ?? []).filter((c): c is string => typeof c === 'string') };
  }
  return { start: wordStart, candidates: [] };
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** The result of pressing Tab: the new line and cursor, and candidates to list if any. */
export function applyCompletion(
  line: string,
  cursor: number,
  c: Completion,
): { line: string; cursor: number; list: string[] } {
  const word = line.slice(c.start, cursor);
  const matching = [...new Set(c.candidates.filter((w) => w.startsWith(word)))].sort();
  if (matching.length === 0) return { line, cursor, list: [] };
  const insert = (text: string) => ({
    line: line.slice(0, c.start) + text + line.slice(cursor),
    cursor: c.start + text.length,
  });
  if (matching.length === 1) {
    const only = matching[0]!;
    // Directories and "key=" style candidates continue without a space, like bash's -o nospace.
    const tail = /[/=]$/.test(only) || line[cursor] === ' ' ? '' : ' ';
    return { ...insert(only + tail), list: [] };
  }
  const prefix = commonPrefix(matching);
  if (prefix.length > word.length) return { ...insert(prefix), list: [] };
  return { line, cursor, list: matching };
}

/** Lays out candidates in columns for a terminal `cols` wide, as bash lists them. */
export function formatCandidates(list: string[], cols: number): string {
  const width = Math.max(...list.map((w) => w.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(list.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let s = '';
    for (let k = 0; k < perRow; k++) {
      const w = list[k * rows + r];
      if (w !== undefined) s += w.padEnd(width);
    }
    lines.push(s.trimEnd());
  }
  return lines.join('\n') + '\n';
}
