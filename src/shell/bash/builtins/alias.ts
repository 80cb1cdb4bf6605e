import type { Builtin } from './builtin.ts';

/** `alias`, `alias name=value …` and `alias name`: names for command lines, such as `alias k=kubectl`. */
export const alias: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '-p');
  if (args.length === 0) {
    ctx.stdout([...host.aliases].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, v]) => `alias ${n}=${singleQuote(v)}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) {
      host.aliases.set(arg.slice(0, eq), arg.slice(eq + 1));
      continue;
    }
    const value = host.aliases.get(arg);
    if (value === undefined) {
      ctx.stderr(`bash: alias: ${arg}: not found\n`);
      status = 1;
    } else ctx.stdout(`alias ${arg}=${singleQuote(value)}\n`);
  }
  return status;
};

/** `unalias name …` and `unalias -a`. */
export const unalias: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1);
  if (args.includes('-a')) {
    host.aliases.clear();
    return 0;
  }
  if (args.length === 0) {
    ctx.stderr('unalias: usage: unalias [-a] name [name ...]\n');
    return 2;
  }
  let status = 0;
  for (const name of args) {
    if (!host.aliases.delete(name)) {
      ctx.stderr(`bash: unalias: ${name}: not found\n`);
      status = 1;
    }
  }
  return status;
};

function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
