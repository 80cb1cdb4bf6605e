import type { VirtualFs } from '../../types.ts';
import type { Builtin } from './builtin.ts';
import { parseOptions } from './parseOptions.ts';

/**
 * `ls [-a] [-A] [-l] [-1] [-d] [path …]`. Names are sorted and printed on one line separated by two
 * spaces: deterministic, and what a terminal shows for a short listing.
 */
export const ls: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), {
    flags: 'aAl1dhF',
    long: { all: 'a', 'almost-all': 'A', directory: 'd' },
  });
  if (options.error) {
    ctx.stderr(`ls: ${options.error}\nTry 'ls --help' for more information.\n`);
    return 2;
  }
  const flags = options.flags;
  const fs = ctx.fs;
  const operands = options.operands.length > 0 ? options.operands : ['.'];
  const files: string[] = [];
  const dirs: string[] = [];
  let status = 0;
  for (const operand of operands) {
    const path = fs.resolve(operand);
    if (!fs.exists(path)) {
      ctx.stderr(`ls: cannot access '${operand}': No such file or directory\n`);
      status = 2;
    } else if (fs.isDirectory(path) && !flags.has('d')) dirs.push(operand);
    else files.push(operand);
  }
  const format = (names: string[], dir: string | undefined) => {
    if (names.length === 0) return '';
    if (flags.has('l')) {
      const lines = names.map((name) => longLine(fs, dir === undefined ? name : `${dir}/${name}`, name));
      return `${dir === undefined ? '' : `total ${names.length * 4}\n`}${lines.join('\n')}\n`;
    }
    return `${names.join(flags.has('1') ? '\n' : '  ')}\n`;
  };
  const blocks: string[] = [];
  if (files.length > 0) blocks.push(format([...files].sort(), undefined));
  for (const dir of [...dirs].sort()) {
    let entries = fs.list(fs.resolve(dir)) ?? [];
    if (!flags.has('a') && !flags.has('A')) entries = entries.filter((e) => !e.startsWith('.'));
    if (flags.has('a')) entries = ['.', '..', ...entries];
    const header = operands.length > 1 ? `${dir}:\n` : '';
    blocks.push(header + (flags.has('l') && entries.length === 0 ? 'total 0\n' : format(entries, dir)));
  }
  ctx.stdout(blocks.join('\n'));
  return status;
};

function longLine(fs: VirtualFs, path: string, name: string): string {
  const isDir = fs.isDirectory(path);
  const size = isDir ? 4096 : (fs.readFile(path) ?? '').length;
  const mode = isDir ? 'drwxr-xr-x 2' : '-rw-r--r-- 1';
  return `${mode} learner learner ${String(size).padStart(5)} Jan  1 00:00 ${name}`;
}
