import type { Builtin } from './builtin.ts';

/** `exit [n]`: ends the current input (the page keeps its terminal, so nothing closes). */
export const exitShell: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1);
  if (args.length > 1) {
    ctx.stderr('bash: exit: too many arguments\n');
    return 1;
  }
  const arg = args[0];
  if (arg === undefined) {
    host.exit(host.lastStatus);
    return host.lastStatus;
  }
  if (!/^\s*[+-]?\d+\s*$/.test(arg)) {
    ctx.stderr(`bash: exit: ${arg}: numeric argument required\n`);
    host.exit(2);
    return 2;
  }
  const code = Number(BigInt.asUintN(8, BigInt(arg.trim())));
  host.exit(code);
  return code;
};
