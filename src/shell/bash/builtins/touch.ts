import type { Builtin } from './builtin.ts';
import { parseOptions } from './parseOptions.ts';

/** `touch file …`: creates missing files empty; there are no timestamps to update. */
export const touch: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), { flags: 'acm' });
  if (options.error) {
    ctx.stderr(`touch: ${options.error}\nTry 'touch --help' for more information.\n`);
    return 1;
  }
  if (options.operands.length === 0) {
    ctx.stderr("touch: missing file operand\nTry 'touch --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const operand of options.operands) {
    const path = ctx.fs.resolve(operand);
    if (ctx.fs.exists(path) || options.flags.has('c')) continue;
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!ctx.fs.isDirectory(parent)) {
      ctx.stderr(`touch: cannot touch '${operand}': ${ctx.fs.exists(parent) ? 'Not a directory' : 'No such file or directory'}\n`);
      status = 1;
      continue;
    }
    ctx.fs.writeFile(path, '');
  }
  return status;
};
