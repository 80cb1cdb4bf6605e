import { parseScript, type OpenHeredoc } from './parse.ts';

/** How much of the previous buffer must reappear, unchanged, for the buffer to count as grown. */
const WINDOW = 256;

/**
 * Answers whether an input is complete, fast for a terminal that grows its buffer a line at a time.
 * While a long heredoc is pasted a full parse per line would make the paste quadratic; when the
 * buffer is the previous one plus new lines and only a heredoc body is open, a line that is not the
 * delimiter cannot finish it, so only the new lines are looked at.
 * (Building the buffer by string concatenation still copies it once per line; `InputBuffer` avoids that.)
 */
export class CompletenessCache {
  private open: { text: string; heredoc: OpenHeredoc } | undefined;

  isComplete(text: string): boolean {
    const open = this.open;
    if (open && grewInsideHeredoc(open.text, text, open.heredoc)) {
      this.open = { text, heredoc: open.heredoc };
      return false;
    }
    const { result, openHeredoc } = parseScript(text);
    this.open = result.status === 'incomplete' && openHeredoc ? { text, heredoc: openHeredoc } : undefined;
    return result.status !== 'incomplete';
  }
}

/**
 * Whether `text` is `previous` plus whole lines none of which can end the open heredoc.
 * The prefix is checked over a window before the seam rather than in full: a different buffer of at
 * least the same length with the same window and a newline at the seam is not a realistic input.
 */
function grewInsideHeredoc(previous: string, text: string, heredoc: OpenHeredoc): boolean {
  const seam = previous.length;
  if (text.length <= seam || text[seam] !== '\n' || previous.endsWith('\n') || text.endsWith('\n')) return false;
  const from = Math.max(0, seam - WINDOW);
  if (text.slice(from, seam) !== previous.slice(from)) return false;
  // In an unquoted heredoc a trailing backslash joins lines; leave that to a full parse.
  if (!heredoc.quoted && previous.endsWith('\\')) return false;
  return text
    .slice(seam + 1)
    .split('\n')
    .every((line) => !canEndHeredoc(line, heredoc));
}

/** Whether a line could end the heredoc (or join the next line onto its last line). */
export function canEndHeredoc(line: string, { delimiter, stripTabs, quoted }: OpenHeredoc): boolean {
  return (stripTabs ? line.replace(/^\t+/, '') : line) === delimiter || (!quoted && line.endsWith('\\'));
}
