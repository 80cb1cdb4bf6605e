import { parseScript, type OpenHeredoc } from './parse.ts';

/**
 * Answers whether an input is complete for a terminal that grows its buffer a line at a time.
 * While a long heredoc is pasted, a full parse per line would make the paste quadratic; when the
 * buffer is the previous one plus new lines and only a heredoc body is open, a line that is not the
 * delimiter cannot finish it, so only the new lines are looked at.
 */
export class CompletenessCache {
  private open: { text: string; heredoc: OpenHeredoc } | undefined;

  isComplete(text: string): boolean {
    if (this.isStillInHeredoc(text)) {
      this.open = { text, heredoc: this.open!.heredoc };
      return false;
    }
    const { result, openHeredoc } = parseScript(text);
    this.open = result.status === 'incomplete' && openHeredoc ? { text, heredoc: openHeredoc } : undefined;
    return result.status !== 'incomplete';
  }

  private isStillInHeredoc(text: string): boolean {
    const open = this.open;
    if (!open) return false;
    const previous = open.text;
    const { delimiter, stripTabs, quoted } = open.heredoc;
    if (text.length <= previous.length || text[previous.length] !== '\n') return false;
    if (previous.endsWith('\n') || text.endsWith('\n') || !text.startsWith(previous)) return false;
    // In an unquoted heredoc a trailing backslash joins lines, which a full parse must sort out.
    if (!quoted && previous.endsWith('\\')) return false;
    const added = text.slice(previous.length + 1).split('\n');
    return added.every((line) => (stripTabs ? line.replace(/^\t+/, '') : line) !== delimiter && (quoted || !line.endsWith('\\')));
  }
}
