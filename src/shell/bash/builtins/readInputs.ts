import type { CommandContext } from '../../types.ts';

/** One input of a file-reading command: a named file or standard input (`-`). */
export interface Input {
  name: string;
  text: string;
}

/**
 * Reads each operand (or stdin when there are none), reporting missing files and directories
 * as `cmd: name: No such file or directory`. `ok` is false when any could not be read.
 */
export function readInputs(
  ctx: CommandContext,
  command: string,
  operands: readonly string[],
  describe: (name: string, reason: string) => string = (name, reason) => `${name}: ${reason}`,
): { inputs: Input[]; ok: boolean } {
  const names = operands.length > 0 ? operands : ['-'];
  const inputs: Input[] = [];
  let ok = true;
  for (const name of names) {
    if (name === '-') {
      inputs.push({ name: '(standard input)', text: ctx.stdin });
      continue;
    }
    const path = ctx.fs.resolve(name);
    if (ctx.fs.isDirectory(path)) {
      ctx.stderr(`${command}: ${describe(name, 'Is a directory')}\n`);
      ok = false;
      continue;
    }
    const text = ctx.fs.readFile(path);
    if (text === undefined) {
      ctx.stderr(`${command}: ${describe(name, 'No such file or directory')}\n`);
      ok = false;
      continue;
    }
    inputs.push({ name, text });
  }
  return { inputs, ok };
}

/** Splits text into lines without their newlines; a final newline does not start another line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}
