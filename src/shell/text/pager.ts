import type { Builtin } from '../bash/builtins/builtin.ts';

/**
 * `less` and `more` when their output is not a terminal the pager can take over (the simulated
 * terminal has no full-screen mode): they copy their files or stdin to stdout, as both do when
 * stdout is not a tty. `more` puts a `::::::::::::::` header before each file when given several.
 * Options (`-R`, `-S`, `+F`…) are accepted and have nothing to change here.
 */
export const pager: Builtin = (ctx) => {
  const name = ctx.argv[0] === 'more' ? 'more' : 'less';
  const files = ctx.argv.slice(1).filter((a) => !/^[-+]./.test(a) || a === '-');
  if (files.length === 0) {
    ctx.stdout(ctx.stdin);
    return 0;
  }
  for (const file of files) {
    const text = file === '-' ? ctx.stdin : ctx.fs.isDirectory(ctx.fs.resolve(file)) ? undefined : ctx.fs.readFile(ctx.fs.resolve(file));
    if (text === undefined) {
      const reason = ctx.fs.isDirectory(ctx.fs.resolve(file)) ? 'is a directory' : 'No such file or directory';
      ctx.stderr(name === 'more' ? `more: cannot open ${file}: ${reason}\n` : `${file}: ${reason === 'is a directory' ? 'is a directory' : reason}\n`);
      continue;
    }
    if (name === 'more' && files.length > 1) ctx.stdout(`::::::::::::::\n${file}\n::::::::::::::\n`);
    ctx.stdout(text);
  }
  return 0;
};
