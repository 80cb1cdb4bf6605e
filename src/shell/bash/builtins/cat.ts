import type { Builtin } from './builtin.ts';
import { parseOptions } from './parseOptions.ts';
import { readInputs, splitLines } from './readInputs.ts';

/** `cat [-n] [file …]`: files (or stdin, or `-`) one after another. */
export const cat: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), { flags: 'nuA', long: { number: 'n' } });
  if (options.error) {
    ctx.stderr(`cat: ${options.error}\nTry 'cat --help' for more information.\n`);
    return 1;
  }
  const { inputs, ok } = readInputs(ctx, 'cat', options.operands);
  if (options.flags.has('n')) {
    let n = 0;
    for (const { text } of inputs) {
      const numbered = splitLines(text).map((line) => `${String((n += 1)).padStart(6)}\t${line}`);
      ctx.stdout(numbered.length > 0 ? `${numbered.join('\n')}${text.endsWith('\n') ? '\n' : ''}` : '');
    }
  } else {
    for (const { text } of inputs) ctx.stdout(text);
  }
  return ok ? 0 : 1;
};
