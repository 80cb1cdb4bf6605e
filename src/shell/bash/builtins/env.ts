import type { Builtin } from './builtin.ts';

/** `env`: prints the exported environment; running a program through it is not simulated. */
export const env: Builtin = (ctx) => {
  const arg = ctx.argv[1];
  if (arg !== undefined) {
    ctx.stderr(`env: '${arg}': No such file or directory\n`);
    return 127;
  }
  let text = '';
  for (const [name, value] of ctx.env) text += `${name}=${value}\n`;
  ctx.stdout(text);
  return 0;
};
