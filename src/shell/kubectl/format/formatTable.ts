import { tabwrite } from './tabwrite.ts';

/** One table cell; `null`/`undefined` print as '' like kubectl's nil cells (CLIR:pkg/printers/tableprinter.go). */
export type TableCell = string | null | undefined;

/**
 * Aligns rows the way `kubectl get` does: cells are joined with tabs, rows end in '\n', and the text
 * goes through github.com/liggitt/tabwriter configured as CLIR:pkg/printers/tabwriter.go does
 * (minwidth 6, tabwidth 4, padding 3, pad char ' ', flags RememberWidths). A column is as wide as
 * its widest cell plus 3, and at least 6; the last cell of a row is never padded.
 * Tabs and newlines inside cells act as in Go: they split cells and rows.
 */
export function formatTable(rows: readonly (readonly TableCell[])[]): string {
  const text = rows.map((row) => row.map((cell) => cell ?? '').join('\t') + '\n').join('');
  return tabwrite(text, { minwidth: 6, padding: 3, padchar: ' ', rememberWidths: true });
}
