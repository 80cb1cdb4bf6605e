/**
 * The writer every `kubectl describe` layout goes through (KCTL:pkg/describe/describe.go `tabbedString`):
 * Go's text/tabwriter with minwidth 0, tabwidth 8, padding 2, pad char ' ' and no flags, fed by a
 * PrefixWriter that indents each level by two spaces. `kubectl get` tables use a different
 * configuration (format/formatTable.ts).
 */
export interface PrefixWriter {
  /** Writes `text` after `level` × two spaces (describe.go `Write(level, format, …)`). */
  write(level: number, text: string): void;
  /** Writes `text` and a newline with no indentation (describe.go `WriteLine`). */
  writeLine(text: string): void;
}

export function tabbedString(describe: (w: PrefixWriter) => void): string {
  let text = '';
  describe({
    write: (level, t) => {
      text += '  '.repeat(level) + t;
    },
    writeLine: (t) => {
      text += `${t}\n`;
    },
  });
  return tabwrite(text, 0, 2);
}

interface Cell {
  text: string;
  width: number;
}

/**
 * A port of text/tabwriter's Write + Flush for text without escapes: a cell is text terminated by a
 * tab; the text after a line's last tab is not part of any column. A column block is a run of
 * consecutive lines that have a cell in that column, and is as wide as its widest cell plus padding.
 */
export function tabwrite(text: string, minwidth: number, padding: number): string {
  let out = '';
  let lines: Cell[][] = [[]];
  let cell = '';

  const flush = (): void => {
    if (cell.length > 0) {
      lines[lines.length - 1]?.push({ text: cell, width: [...cell].length });
      cell = '';
    }
    out += formatLines(lines, minwidth, padding);
    lines = [[]];
  };

  for (const ch of text) {
    if (ch === '\t' || ch === '\n') {
      const line = lines[lines.length - 1] ?? [];
      line.push({ text: cell, width: [...cell].length });
      cell = '';
      if (ch === '\n') {
        lines.push([]);
        // A one-cell line cannot affect the columns below it, so Go flushes there.
        if (line.length === 1) flush();
      }
    } else {
      cell += ch;
    }
  }
  flush();
  return out;
}

function formatLines(lines: Cell[][], minwidth: number, padding: number): string {
  let out = '';
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] ?? [];
      line.forEach((c, j) => {
        out += c.text;
        const width = widths[j];
        if (width !== undefined) out += ' '.repeat(Math.max(0, width - c.width));
      });
      if (i + 1 < lines.length) out += '\n';
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= (lines[current]?.length ?? 0) - 1) continue;
      writeLines(line0, current);
      line0 = current;
      let width = minwidth;
      for (; current < line1; current++) {
        const line = lines[current] ?? [];
        if (column >= line.length - 1) break;
        const c = line[column];
        if (c !== undefined && c.width + padding > width) width = c.width + padding;
      }
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out;
}
