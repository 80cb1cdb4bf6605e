import type { Builtin } from '../bash/builtins/builtin.ts';
import { parseOptions } from '../bash/builtins/parseOptions.ts';
import { splitLines } from '../bash/builtins/readInputs.ts';
import { usageError } from './gnuUsage.ts';

/**
 * `uniq [-c] [-d] [-u] [-i] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]` (GNU coreutils src/uniq.c):
 * adjacent equal lines collapse to one; -c prefixes the count as `%7d `.
 */
export const uniq: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), {
    flags: 'cdDuiz',
    valued: 'fsw',
    long: { count: 'c', repeated: 'd', 'all-repeated': 'D', unique: 'u', 'ignore-case': 'i', 'skip-fields': 'f', 'skip-chars': 's', 'check-chars': 'w', 'zero-terminated': 'z' },
  });
  if (options.error) return usageError(ctx, 'uniq', options.error, 1);
  const numbers: Record<string, number> = {};
  for (const [letter, what] of [['f', 'number of fields to skip'], ['s', 'number of bytes to skip'], ['w', 'number of bytes to compare']] as const) {
    const v = options.values.get(letter);
    if (v === undefined) continue;
    if (!/^\d+$/.test(v)) {
      ctx.stderr(`uniq: ${v}: invalid ${what}\n`);
      return 1;
    }
    numbers[letter] = Number(v);
  }
  const [input, output, extra] = options.operands;
  if (extra !== undefined) return usageError(ctx, 'uniq', `extra operand '${extra}'`, 1);
  let text = ctx.stdin;
  if (input !== undefined && input !== '-') {
    const path = ctx.fs.resolve(input);
    const content = ctx.fs.isDirectory(path) ? undefined : ctx.fs.readFile(path);
    if (content === undefined) {
      ctx.stderr(`uniq: ${input}: ${ctx.fs.isDirectory(path) ? 'Is a directory' : 'No such file or directory'}\n`);
      return 1;
    }
    text = content;
  }
  const flags = options.flags;
  const sep = flags.has('z') ? '\0' : '\n';
  const lines = sep === '\n' ? splitLines(text) : text.split('\0').filter((l, i, all) => l !== '' || i < all.length - 1);
  const keyOf = (line: string): string => {
    let rest = line;
    for (let f = 0; f < (numbers.f ?? 0); f++) rest = rest.replace(/^[ \t]*[^ \t]*/, '');
    rest = rest.slice(numbers.s ?? 0);
    if (numbers.w !== undefined) rest = rest.slice(0, numbers.w);
    return flags.has('i') ? rest.toLowerCase() : rest;
  };
  let out = '';
  for (let i = 0; i < lines.length; ) {
    const key = keyOf(lines[i]!);
    let j = i + 1;
    while (j < lines.length && keyOf(lines[j]!) === key) j++;
    const count = j - i;
    const show = (flags.has('d') || flags.has('D') ? count > 1 : true) && (flags.has('u') ? count === 1 : true);
    if (show) {
      if (flags.has('D')) for (let k = i; k < j; k++) out += lines[k] + sep;
      else out += `${flags.has('c') ? `${String(count).padStart(7)} ` : ''}${lines[i]}${sep}`;
    }
    i = j;
  }
  if (output !== undefined) ctx.fs.writeFile(ctx.fs.resolve(output), out);
  else ctx.stdout(out);
  return 0;
};
