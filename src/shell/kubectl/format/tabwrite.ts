/** How a tabwriter.Writer is configured (liggitt/tabwriter, a fork of text/tabwriter). */
export interface TabwriterConfig {
  minwidth: number;
  padding: number;
  padchar: string;
  rememberWidths: boolean;
}

/** A segment of text terminated by a tab or a line break; `width` counts code points. */
interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

/**
 * A port of tabwriter.Writer's Write + Flush for text without Escape bytes or HTML filtering:
 * tab-terminated cells are aligned in column blocks; the last cell of a line is never padded.
 */
export function tabwrite(text: string, config: TabwriterConfig): string {
  let out = '';
  let lines: Cell[][] = [[]];
  let cell = '';
  const maxwidths: number[] = [];

  const flush = (): void => {
    if (cell.length > 0) {
      lines[lines.length - 1]?.push({ text: cell, width: codePointCount(cell), htab: false });
      cell = '';
    }
    out += formatLines(lines, config, maxwidths);
    lines = [[]];
  };

  const delimiter = /[\t\v\n\f]/g;
  let start = 0;
  for (let match = delimiter.exec(text); match !== null; match = delimiter.exec(text)) {
    const ch = match[0];
    const line = lines[lines.length - 1] ?? [];
    cell = text.slice(start, match.index);
    start = match.index + 1;
    line.push({ text: cell, width: codePointCount(cell), htab: ch === '\t' });
    cell = '';
    if (ch === '\n' || ch === '\f') {
      lines.push([]);
      // A one-cell line cannot affect the columns below it, so Go flushes there.
      if (ch === '\f' || line.length === 1) flush();
    }
  }
  cell = text.slice(start);
  flush();
  return out;
}

/** tabwriter's format(): column blocks are runs of consecutive lines that have a cell in that column. */
function formatLines(lines: Cell[][], config: TabwriterConfig, maxwidths: number[]): string {
  let out = '';
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i] ?? [];
      line.forEach((c, j) => {
        out += c.text;
        const width = widths[j];
        if (width !== undefined) out += config.padchar.repeat(Math.max(0, width - c.width));
      });
      // The last buffered line is the empty one after the final newline.
      if (i + 1 < lines.length) out += '\n';
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= (lines[current]?.length ?? 0) - 1) continue;
      writeLines(line0, current);
      line0 = current;

      let width = config.minwidth;
      for (; current < line1; current++) {
        const line = lines[current] ?? [];
        if (column >= line.length - 1) break;
        const c = line[column];
        if (c !== undefined && c.width + config.padding > width) width = c.width + config.padding;
      }

      if (config.rememberWidths) {
        if (maxwidths.length < widths.length) maxwidths.push(...widths.slice(maxwidths.length));
        const remembered = maxwidths[widths.length];
        if (remembered === undefined) maxwidths.push(width);
        else if (remembered > width) width = remembered;
        else if (remembered < width) maxwidths[widths.length] = width;
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

function codePointCount(text: string): number {
  return text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
}

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
