import type { OutputChunk } from '../shell/types.ts';

/** One block of the scrollback: what was typed and what came back. */
export interface TerminalEntry {
  id: number;
  prompt: string;
  input: string;
  output: OutputChunk[];
}

/** The scrollback keeps this many entries, the latest (a long paste's output is not kept whole). */
export const MAX_ENTRIES = 500;

/** The latest MAX_ENTRIES of `entries`. */
export function lastEntries<T>(entries: T[]): T[] {
  return entries.length > MAX_ENTRIES ? entries.slice(entries.length - MAX_ENTRIES) : entries;
}

/** What `clear` (and Ctrl+L) print: the terminal then empties its screen, the command's own line included. */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';

/** The text after the last `clear` in `text` (what stays on the emptied screen), or undefined when it clears nothing. */
export function afterClear(text: string): string | undefined {
  const at = text.lastIndexOf(CLEAR_SCREEN);
  return at < 0 ? undefined : text.slice(at + CLEAR_SCREEN.length);
}

/** Adds a chunk to an entry's output; adjacent chunks of one stream become one, so a long loop's output is a few nodes, not thousands. */
export function appendChunk(output: OutputChunk[], chunk: OutputChunk): void {
  const last = output[output.length - 1];
  if (last && last.stream === chunk.stream) output[output.length - 1] = { stream: chunk.stream, text: last.text + chunk.text };
  else output.push(chunk);
}
