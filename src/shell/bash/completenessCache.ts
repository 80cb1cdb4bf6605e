import { LineParser } from './parse.ts';

/**
 * Answers whether an input is complete, fast for a terminal that grows its buffer a line at a time:
 * when the buffer is the previous, incomplete one plus new lines, only the new lines are parsed.
 * (Building the buffer by string concatenation still copies it once per line; `InputBuffer` avoids that.)
 */
export class CompletenessCache {
  private open: { text: string; parser: LineParser } | undefined;

  isComplete(text: string): boolean {
    const open = this.open;
    const grew = open !== undefined && text.length > open.text.length && text[open.text.length] === '\n' && text.startsWith(open.text);
    const parser = grew ? open.parser : new LineParser();
    const added = grew ? text.slice(open.text.length + 1) : text;
    const complete = parser.push(added).status !== 'incomplete';
    this.open = complete ? undefined : { text, parser };
    return complete;
  }
}
