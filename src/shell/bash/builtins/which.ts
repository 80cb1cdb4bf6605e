import { singleQuote } from './alias.ts';
import type { Builtin, BuiltinHost } from './builtin.ts';

/** Where the simulated programs live; builtins live in the shell. */
const PROGRAM_DIRS = { command: '/usr/local/bin', utility: '/usr/bin' } as const;

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

/**
 * What `name` runs, as bash's describe_command (builtins/type.def) words it: a sentence (`type`,
 * `command -V`) or a form that could be typed back (`command -v`). Undefined when nothing is found.
 */
export function describeName(name: string, host: BuiltinHost, form: 'sentence' | 'reusable'): string | undefined {
  const kind = host.commandKind(name);
  const sentence = form === 'sentence';
  if (kind === 'alias') {
    const value = host.aliases.get(name) ?? '';
    return sentence ? `${name} is aliased to \`${value}'` : `alias ${name}=${singleQuote(value)}`;
  }
  if (kind === 'builtin') return sentence ? `${name} is a shell builtin` : name;
  if (kind === 'command' || kind === 'utility') return sentence ? `${name} is ${PROGRAM_DIRS[kind]}/${name}` : `${PROGRAM_DIRS[kind]}/${name}`;
  return undefined;
}

/** `type name …`: whether each name is an alias, a shell builtin or a program, as bash says it. */
export const type: Builtin = (ctx, host) => {
  let status = 0;
  for (const name of ctx.argv.slice(1)) {
    const line = describeName(name, host, 'sentence');
    if (line !== undefined) ctx.stdout(`${line}\n`);
    else {
      ctx.stderr(`bash: type: ${name}: not found\n`);
      status = 1;
    }
  }
  return status;
};
