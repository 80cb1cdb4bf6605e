import { LineParser } from './parse.ts';

/**
 * Collects typed or pasted lines until they form a complete input. Each line only continues the
 * parse where the previous one stopped, so a paste of thousands of lines stays linear.
 * `push` returns the input once it is complete.
 */
export class InputBuffer {
  private lines: string[] = [];
  private parser = new LineParser();

  /** Adds one line; returns the complete input (and starts over), or undefined while more is needed. */
  push(line: string): string | undefined {
    this.lines.push(line);
    if (this.parser.push(line).status === 'incomplete') return undefined;
    const text = this.lines.join('\n');
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
    this.parser = new LineParser();
  }
}
