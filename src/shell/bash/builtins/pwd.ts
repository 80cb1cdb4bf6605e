import type { Builtin } from './builtin.ts';

/** `pwd`: the working directory. */
export const pwd: Builtin = (ctx) => {
  ctx.stdout(`${ctx.fs.cwd}\n`);
  return 0;
};
