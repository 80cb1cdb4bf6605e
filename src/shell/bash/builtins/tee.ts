import type { Builtin } from './builtin.ts';
import { parseOptions } from './parseOptions.ts';

/** `tee [-a] [file …]`: copies stdin to stdout and to each file. */
export const tee: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), { flags: 'ai', long: { append: 'a' } });
  if (options.error) {
    ctx.stderr(`tee: ${options.error}\nTry 'tee --help' for more information.\n`);
    return 1;
  }
  const text = ctx.stdin;
  let status = 0;
  for (const name of options.operands) {
    const path = ctx.fs.resolve(name);
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (ctx.fs.isDirectory(path) || !ctx.fs.isDirectory(parent)) {
      ctx.stderr(`tee: ${name}: ${ctx.fs.isDirectory(path) ? 'Is a directory' : 'No such file or directory'}\n`);
      status = 1;
      continue;
    }
    ctx.fs.writeFile(path, text, options.flags.has('a'));
  }
  ctx.stdout(text);
  return status;
};
