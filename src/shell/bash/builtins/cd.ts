import type { Builtin } from './builtin.ts';

/** `cd [dir]`, `cd -` and `cd` alone (home); keeps PWD and OLDPWD up to date. */
export const cd: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
  if (args.length > 1) {
    ctx.stderr('bash: cd: too many arguments\n');
    return 1;
  }
  let target = args[0];
  if (target === undefined) {
    target = host.vars.get('HOME');
    if (target === undefined) {
      ctx.stderr('bash: cd: HOME not set\n');
      return 1;
    }
  }
  const dash = target === '-';
  if (dash) {
    target = host.vars.get('OLDPWD');
    if (target === undefined) {
      ctx.stderr('bash: cd: OLDPWD not set\n');
      return 1;
    }
  }
  if (target === '') return 0;
  const path = ctx.fs.resolve(target);
  if (!ctx.fs.exists(path)) {
    ctx.stderr(`bash: cd: ${target}: No such file or directory\n`);
    return 1;
  }
  if (!ctx.fs.isDirectory(path)) {
    ctx.stderr(`bash: cd: ${target}: Not a directory\n`);
    return 1;
  }
  host.vars.set('OLDPWD', host.vars.get('PWD') ?? ctx.fs.cwd);
  ctx.fs.cwd = path;
  host.vars.set('PWD', path);
  if (dash) ctx.stdout(`${path}\n`);
  return 0;
};
