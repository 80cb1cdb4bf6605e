import type { Builtin } from './builtin.ts';
import { parseOptions } from './parseOptions.ts';
import { readInputs } from './readInputs.ts';

/** `head`/`tail` `[-n N] [-N] [file …]`; `head -n -N` drops the last N, `tail -n +N` starts at line N. */
export const headTail: Builtin = (ctx) => {
  const name = ctx.argv[0] === 'tail' ? 'tail' : 'head';
  // `-5` is an old spelling of `-n 5`.
  const args = ctx.argv.slice(1).map((a, i, all) => (/^-\d+$/.test(a) && !/^-[nc]$/.test(all[i - 1] ?? '') ? `-n${a.slice(1)}` : a));
  const options = parseOptions(args, { flags: 'qv', valued: 'nc', long: { lines: 'n', bytes: 'c', quiet: 'q', verbose: 'v' } });
  if (options.error) {
    ctx.stderr(`${name}: ${options.error}\nTry '${name} --help' for more information.\n`);
    return 1;
  }
  const bytes = options.values.has('c');
  const countText = options.values.get('c') ?? options.values.get('n') ?? '10';
  const match = /^([+-]?)(\d+)$/.exec(countText);
  if (!match) {
    ctx.stderr(`${name}: invalid number of ${bytes ? 'bytes' : 'lines'}: '${countText}'\n`);
    return 1;
  }
  const sign = match[1];
  const count = Number(match[2]);
  const { inputs, ok } = readInputs(ctx, name, options.operands, (file, reason) => `cannot open '${file}' for reading: ${reason}`);
  const headers = (options.operands.length > 1 || options.flags.has('v')) && !options.flags.has('q');
  inputs.forEach((input, index) => {
    if (headers) ctx.stdout(`${index > 0 ? '\n' : ''}==> ${input.name} <==\n`);
    const pieces = bytes ? [...input.text] : input.text.split(/(?<=\n)/);
    let kept: string[];
    if (name === 'head') kept = sign === '-' ? pieces.slice(0, Math.max(0, pieces.length - count)) : pieces.slice(0, count);
    else kept = sign === '+' ? pieces.slice(Math.max(0, count - 1)) : count === 0 ? [] : pieces.slice(-count);
    ctx.stdout(kept.join(''));
  });
  return ok ? 0 : 1;
};
