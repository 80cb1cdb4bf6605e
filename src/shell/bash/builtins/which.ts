import type { Builtin } from './builtin.ts';

/** Where the simulated programs live; builtins live in the shell. */
export const PROGRAM_DIRS = { command: '/usr/local/bin', utility: '/usr/bin' } as const;

/** `which name …`: the path of each program (registered commands and utilities). */
export const which: Builtin = (ctx, host) => {
  let status = 0;
  for (const name of ctx.argv.slice(1)) {
    const kind = host.commandKind(name);
    if (kind === 'command' || kind === 'utility') ctx.stdout(`${PROGRAM_DIRS[kind]}/${name}\n`);
    else status = 1;
  }
  return status;
};

/** `type name …`: whether each name is an alias, a shell builtin or a program, as bash says it. */
export const type: Builtin = (ctx, host) => {
  let status = 0;
  for (const name of ctx.argv.slice(1)) {
    const kind = host.commandKind(name);
    if (kind === 'alias') ctx.stdout(`${name} is aliased to \`${host.aliases.get(name)}'\n`);
    else if (kind === 'builtin') ctx.stdout(`${name} is a shell builtin\n`);
    else if (kind === 'command' || kind === 'utility') ctx.stdout(`${name} is ${PROGRAM_DIRS[kind]}/${name}\n`);
    else {
      ctx.stderr(`bash: type: ${name}: not found\n`);
      status = 1;
    }
  }
  return status;
};
