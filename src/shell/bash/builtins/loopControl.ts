import type { Builtin } from './builtin.ts';

/** `break [n]` or `continue [n]`, chosen by argv[0]. */
export const loopControl: Builtin = (ctx, host) => {
  const name = ctx.argv[0] === 'continue' ? 'continue' : 'break';
  const arg = ctx.argv[1];
  let levels = 1;
  if (arg !== undefined) {
    if (!/^\s*[+-]?\d+\s*$/.test(arg)) {
      ctx.stderr(`bash: ${name}: ${arg}: numeric argument required\n`);
      return 128;
    }
    levels = Number(arg);
    if (levels < 1) {
      ctx.stderr(`bash: ${name}: ${arg}: loop count out of range\n`);
      return 1;
    }
  }
  if (host.loopDepth === 0) {
    ctx.stderr(`bash: ${name}: only meaningful in a \`for', \`while', or \`until' loop\n`);
    return 0;
  }
  host.jump(name, Math.min(levels, host.loopDepth));
  return 0;
};
