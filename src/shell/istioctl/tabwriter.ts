/**
 * Go's text/tabwriter with `flags = 0` as istioctl uses it: every cell but the last of a line is
 * padded to the column's widest cell plus `padding`, never narrower than `minwidth`.
 * (istioctl/pkg/writer/pilot/status.go: `tabwriter.NewWriter(w, 0, 8, 5, ' ', 0)`.)
 */
export function formatTabwriter(rows: readonly (readonly string[])[], options: { minwidth?: number; padding: number }): string {
  const minwidth = options.minwidth ?? 0;
  const widths: number[] = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length + options.padding, minwidth);
    });
  }
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length))).join(''))
    .map((line) => `${line}\n`)
    .join('');
}
