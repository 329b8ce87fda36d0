/**
 * Go's text/tabwriter as the docker CLI configures it for tables (minwidth 10, padding 3,
 * padchar ' ', no flags) and for `docker version` (minwidth 20, padding 1): cells of a column
 * are padded to the widest cell plus padding (at least minwidth); a row's last cell, which has
 * no terminating tab, is written as is.
 */
export function tabwrite(rows: string[][], minwidth = 10, padding = 3): string {
  const cols = Math.max(0, ...rows.map((r) => r.length - 1));
  const widths: number[] = [];
  for (let c = 0; c < cols; c++) {
    let w = 0;
    for (const r of rows) if (c < r.length - 1) w = Math.max(w, [...r[c]].length + padding);
    widths.push(Math.max(w, minwidth));
  }
  return rows
    .map((r) => r.map((cell, c) => (c < r.length - 1 ? cell + ' '.repeat(widths[c] - [...cell].length) : cell)).join('') + '\n')
    .join('');
}
