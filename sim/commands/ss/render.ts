/**
 * ss's column renderer (iproute2 6.1.0 misc/ss.c): every cell, the header's included, is a
 * token in a fixed set of columns; a column is as wide as its longest token plus its left
 * delimiter (but the first shown column takes none); addresses are right-aligned, everything
 * else left-aligned. Written to a pipe or file, that is all (compact output); on a terminal the
 * spare screen width is spread over the columns of each line.
 */

/** Column ids in ss's order. */
export const enum Col {
  Netid,
  State,
  RecvQ,
  SendQ,
  Local,
  LocalPort,
  Peer,
  PeerPort,
  Process,
  Ext,
}

interface Column {
  align: 'left' | 'right';
  header: string;
  ldelim: string;
}

const COLUMNS: Column[] = [
  { align: 'left', header: 'Netid', ldelim: '' },
  { align: 'left', header: 'State', ldelim: ' ' },
  { align: 'left', header: 'Recv-Q', ldelim: ' ' },
  { align: 'left', header: 'Send-Q', ldelim: ' ' },
  { align: 'right', header: 'Local Address:', ldelim: ' ' },
  { align: 'left', header: 'Port', ldelim: '' },
  { align: 'right', header: 'Peer Address:', ldelim: ' ' },
  { align: 'left', header: 'Port', ldelim: '' },
  { align: 'left', header: 'Process', ldelim: '' },
  { align: 'left', header: '', ldelim: '' },
];

/** A row: one token per column (disabled columns are skipped by render). */
export type Row = string[];

/**
 * Renders rows (and the header unless `header` is false). `disabled` columns take no space;
 * `screenWidth` undefined means stdout is not a terminal.
 */
export function render(rows: Row[], opts: { disabled: Set<Col>; header: boolean; screenWidth?: number }): string {
  const all = opts.header ? [COLUMNS.map((c) => c.header), ...rows] : rows;
  if (!all.length) return '';
  const live = COLUMNS.map((_, i) => !opts.disabled.has(i as Col));
  // A token's length counts once ss moves on to the next field; the last line's process
  // column (where -p/-e/-m/-i text goes) is still open when ss renders, so it never counts.
  const measured = (i: number) => (i >= Col.Process && rows.length ? all.slice(0, -1) : all);
  const maxLen = COLUMNS.map((_, i) => (live[i] ? Math.max(0, ...measured(i).map((r) => (r[i] ?? '').length)) : 0));
  const screen = opts.screenWidth ?? Number.MAX_SAFE_INTEGER;
  const width = new Array<number>(COLUMNS.length).fill(0);
  let first = true;
  COLUMNS.forEach((c, i) => {
    if (!live[i]) return;
    width[i] = Math.min(!first && maxLen[i]! ? maxLen[i]! + c.ldelim.length : maxLen[i]!, screen);
    if (width[i]) first = false;
  });
  if (opts.screenWidth !== undefined) spread(width, screen);

  let out = '';
  for (const r of all) {
    let started = false;
    COLUMNS.forEach((c, i) => {
      if (!live[i]) return;
      const tok = r[i] ?? '';
      let printed = 0;
      if (started) {
        out += c.ldelim;
        printed = c.ldelim.length;
      }
      started = true;
      const w = width[i]!;
      if (w && c.align === 'right') {
        const s = w - tok.length - printed;
        if (s > 0) {
          out += ' '.repeat(s);
          printed += s;
        }
      }
      out += tok;
      printed += tok.length;
      if (w && c.align === 'left' && w - printed > 0) out += ' '.repeat(w - printed);
    });
    out += '\n';
  }
  return out;
}

/** render_calc_width's second pass: break lines at the screen width and share out the rest. */
function spread(width: number[], screen: number): void {
  let len = 0;
  let linecols = 0;
  let eol = -1;
  for (let c = 0; c < width.length; c++) {
    if (!width[c]) continue;
    linecols++;
    len += width[c]!;
    const last = !width.slice(c + 1).some((w) => w);
    if (!last && len < screen) continue;
    if (len !== screen) {
      if (len > screen) {
        len -= width[c]!;
        c--;
        linecols--;
      }
      const pad = screen - len;
      const spacing = linecols ? Math.floor(pad / linecols) : 0;
      let rem = linecols ? pad % linecols : 0;
      for (let t = c; t > eol; t--) {
        if (!width[t]) continue;
        width[t]! += spacing;
        if (rem) {
          width[t]!++;
          rem--;
        }
      }
    }
    eol = c;
    len = 0;
    linecols = 0;
  }
}
