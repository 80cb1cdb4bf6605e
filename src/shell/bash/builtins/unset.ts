import type { Builtin } from './builtin.ts';

/** `unset [-v] NAME …`: removes variables (there are no functions to remove). */
export const unset: Builtin = (ctx, host) => {
  for (const name of ctx.argv.slice(1)) {
    if (name === '-v' || name === '-f') continue;
    host.vars.delete(name);
    host.exported.delete(name);
  }
  return 0;
};
