import { tabwrite } from '../format/index.ts';
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
  // describe's tabwriter: minwidth 0, tabwidth 8, padding 2, pad char ' ', no flags (describe.go).
  return tabwrite(text, { minwidth: 0, padding: 2, padchar: ' ', rememberWidths: false });
}
