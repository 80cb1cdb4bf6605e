import { canEndHeredoc } from './completenessCache.ts';
import { parseScript, type OpenHeredoc } from './parse.ts';

/**
 * Collects typed or pasted lines until they form a complete input, without rebuilding the whole
 * buffer for each line of a long heredoc. `push` returns the input once it is complete.
 */
export class InputBuffer {
  private lines: string[] = [];
  private heredoc: OpenHeredoc | undefined;

  /** Adds one line; returns the complete input (and starts over), or undefined while more is needed. */
  push(line: string): string | undefined {
    const last = this.lines[this.lines.length - 1];
    this.lines.push(line);
    const heredoc = this.heredoc;
    if (heredoc && !canEndHeredoc(line, heredoc) && !(!heredoc.quoted && last?.endsWith('\\'))) return undefined;
    const text = this.lines.join('\n');
    const { result, openHeredoc } = parseScript(text);
    if (result.status === 'incomplete') {
      this.heredoc = openHeredoc;
      return undefined;
    }
    this.clear();
    return text;
  }

  /** The lines collected so far, joined. */
  get pending(): string {
    return this.lines.join('\n');
  }

  get isEmpty(): boolean {
    return this.lines.length === 0;
  }

  /** Drops the collected lines, as Ctrl+C does at a `> ` prompt. */
  clear(): void {
    this.lines = [];
    this.heredoc = undefined;
  }
}
