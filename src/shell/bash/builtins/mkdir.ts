import { canMakeDirectories } from '../memoryFs.ts';
import type { Builtin } from './builtin.ts';
import { parseOptions } from './parseOptions.ts';

/** `mkdir [-p] dir …`. Needs a file system that can make directories (MemoryFs can). */
export const mkdir: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), { flags: 'pv', long: { parents: 'p' } });
  if (options.error) {
    ctx.stderr(`mkdir: ${options.error}\nTry 'mkdir --help' for more information.\n`);
    return 1;
  }
  if (options.operands.length === 0) {
    ctx.stderr("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  const fs = ctx.fs;
  const parents = options.flags.has('p');
  let status = 0;
  for (const operand of options.operands) {
    const fail = (reason: string) => {
      ctx.stderr(`mkdir: cannot create directory '${operand}': ${reason}\n`);
      status = 1;
    };
    if (!canMakeDirectories(fs)) {
      fail('Operation not supported');
      continue;
    }
    const path = fs.resolve(operand);
    if (fs.exists(path)) {
      if (!parents || !fs.isDirectory(path)) fail('File exists');
      continue;
    }
    const missing: string[] = [];
    let at = path;
    while (!fs.exists(at)) {
      missing.unshift(at);
      at = at.slice(0, at.lastIndexOf('/')) || '/';
    }
    if (!fs.isDirectory(at)) fail('Not a directory');
    else if (missing.length > 1 && !parents) fail('No such file or directory');
    else for (const dir of missing) fs.makeDirectory(dir);
  }
  return status;
};
