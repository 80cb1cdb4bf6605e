import type { Builtin } from './builtin.ts';
import { parseOptions } from './parseOptions.ts';

/** `rm [-f] [-r] file …`, with GNU's messages and its refusal to remove `/`. */
export const rm: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), {
    flags: 'frRiv',
    long: { force: 'f', recursive: 'r' },
  });
  if (options.error) {
    ctx.stderr(`rm: ${options.error}\nTry 'rm --help' for more information.\n`);
    return 1;
  }
  const force = options.flags.has('f');
  const recursive = options.flags.has('r') || options.flags.has('R');
  if (options.operands.length === 0) {
    if (force) return 0;
    ctx.stderr("rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const operand of options.operands) {
    const path = ctx.fs.resolve(operand);
    if (path === '/' && recursive) {
      ctx.stderr("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
      status = 1;
    } else if (!ctx.fs.exists(path)) {
      if (!force) {
        ctx.stderr(`rm: cannot remove '${operand}': No such file or directory\n`);
        status = 1;
      }
    } else if (ctx.fs.isDirectory(path) && !recursive) {
      ctx.stderr(`rm: cannot remove '${operand}': Is a directory\n`);
      status = 1;
    } else if (!ctx.fs.remove(path)) {
      ctx.stderr(`rm: cannot remove '${operand}': Permission denied\n`);
      status = 1;
    } else if (options.flags.has('v')) {
      ctx.stdout(`removed '${operand}'\n`);
    }
  }
  return status;
};
