/**
 * Compares two normalized transcripts of the same scenario command by command and explains
 * the first difference in a few readable lines: the command, then a line diff of the two
 * outputs (with their `[exit N]` lines), rather than two walls of text.
 */

/** One command's part of a transcript: its `$ ` header line and everything printed after it. */
export interface TranscriptBlock {
  header: string;
  body: string;
}

/**
 * Splits a transcript into blocks, one per expected header (the normalized `$ CMD` lines, in
 * order). A header is recognised only in order, so output that happens to contain `$ ...`
 * stays in its block. Text before the first header (there should be none) lands in a block
 * with an empty header; headers never found are missing from the result.
 */
export function splitTranscript(text: string, headers: string[]): TranscriptBlock[] {
  const blocks: TranscriptBlock[] = [];
  let current: TranscriptBlock = { header: '', body: '' };
  let next = 0;
  for (const line of text.split('\n')) {
    if (next < headers.length && line === headers[next]) {
      if (current.header !== '' || current.body !== '') blocks.push(current);
      current = { header: line, body: '' };
      next++;
    } else {
      current.body += line + '\n';
    }
  }
  blocks.push(current);
  // The final newline of the transcript leaves one empty line behind: drop it.
  const last = blocks[blocks.length - 1]!;
  if (last.body.endsWith('\n')) last.body = last.body.slice(0, -1);
  return blocks;
}

/** Where two transcripts first part ways. */
export interface FirstDifference {
  /** 0-based command index (the scenario's n-th command). */
  index: number;
  header: string;
  expected: string;
  actual: string;
  /** How many commands differ in all (the first included). */
  differing: number;
  /** How many commands the scenario has. */
  total: number;
}

/** The first command whose output differs, or null when the transcripts are equal. */
export function firstDifference(expected: string, actual: string, headers: string[]): FirstDifference | null {
  if (expected === actual) return null;
  const e = splitTranscript(expected, headers);
  const a = splitTranscript(actual, headers);
  const total = headers.length;
  let first = -1;
  let differing = 0;
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    const eb = e[i];
    const ab = a[i];
    if (eb?.header === ab?.header && eb?.body === ab?.body) continue;
    differing++;
    if (first < 0) first = i;
  }
  if (first < 0) {
    // Blocks agree but the texts do not (cannot happen with well-formed input): show it all.
    return { index: 0, header: '(whole transcript)', expected, actual, differing: 1, total };
  }
  const header = e[first]?.header || a[first]?.header || '(before the first command)';
  return {
    index: first,
    header,
    expected: blockText(e[first], header),
    actual: blockText(a[first], header),
    differing,
    total,
  };
}

/** A block's output; its header too when it is not the command being compared. */
function blockText(b: TranscriptBlock | undefined, header: string): string {
  if (!b) return '(transcript ends before this command)\n';
  return b.header === header ? b.body : `${b.header}\n${b.body}`;
}

/**
 * A unified-style line diff of two short texts: ` ` common, `-` only in `expected`, `+` only
 * in `actual`. Long outputs are cut to `maxLines` lines of diff so a failure stays readable.
 */
export function lineDiff(expected: string, actual: string, maxLines = 40): string {
  const x = expected.split('\n');
  const y = actual.split('\n');
  if (x[x.length - 1] === '') x.pop();
  if (y[y.length - 1] === '') y.pop();
  const out: string[] = [];
  if (x.length * y.length > 250_000) {
    for (const l of x) out.push(`-${l}`);
    for (const l of y) out.push(`+${l}`);
  } else {
    // Longest common subsequence table, filled from the end so the walk goes forwards.
    const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        out.push(` ${x[i]}`);
        i++;
        j++;
      } else if (i < x.length && (j === y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
        out.push(`-${x[i]}`);
        i++;
      } else {
        out.push(`+${y[j]}`);
        j++;
      }
    }
  }
  if (out.length === 0) return '  (both empty)';
  const shown = withContext(out, 3);
  const cut = shown.slice(0, maxLines).map((l) => `  ${visible(l)}`);
  if (shown.length > maxLines) cut.push(`  ... ${shown.length - maxLines} more diff lines`);
  return cut.join('\n');
}

/** Keeps changed lines and `context` common lines around them; elided runs become `...`. */
function withContext(ops: string[], context: number): string[] {
  const keep = ops.map(() => false);
  ops.forEach((l, i) => {
    if (l[0] === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(ops.length - 1, i + context); k++) keep[k] = true;
  });
  const out: string[] = [];
  ops.forEach((l, i) => {
    if (keep[i]) out.push(l);
    else if (i === 0 || keep[i - 1]) out.push(' ...');
  });
  return out;
}

/** Makes trailing spaces, tabs and a missing final newline visible in a diff line. */
function visible(line: string): string {
  return line.replace(/\t/g, '→').replace(/ +$/, (s) => '·'.repeat(s.length));
}

/** Labels for the two sides of a comparison, e.g. "real kernel" and "simulator". */
export interface Sides {
  expected: string;
  actual: string;
}

/** A short explanation of a FirstDifference, for a test failure message. */
export function explainDifference(d: FirstDifference, sides: Sides): string {
  const more = d.differing > 1 ? `; ${d.differing - 1} later command(s) differ too` : '';
  return [
    `first difference at command ${d.index + 1} of ${d.total}${more}:`,
    `  ${d.header}`,
    `  (- ${sides.expected}, + ${sides.actual})`,
    lineDiff(d.expected, d.actual),
    ...(d.expected === '' ? [`  (${sides.expected}: no output)`] : []),
    ...(d.actual === '' ? [`  (${sides.actual}: no output)`] : []),
  ].join('\n');
}
