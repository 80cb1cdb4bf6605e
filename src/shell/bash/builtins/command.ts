import type { Builtin } from './builtin.ts';
import { describeName } from './which.ts';

/** How `command` was asked to run (bash builtins/command.def, `internal_getopt (list, "pvV")`). */
export type CommandOptions =
  | { kind: 'run'; argv: string[] }
  | { kind: 'describe'; verbose: boolean; names: string[] }
  | { kind: 'none' }
  | { kind: 'invalid'; option: string };

/** Reads `command`'s options: -p (the default PATH: the simulator has one), -v, -V (the last wins), `--`. */
export function commandOptions(argv: readonly string[]): CommandOptions {
  let describe: 'v' | 'V' | undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (const flag of arg.slice(1)) {
      if (flag === 'v' || flag === 'V') describe = flag;
      else if (flag !== 'p') return { kind: 'invalid', option: `-${flag}` };
    }
  }
  const rest = argv.slice(i);
  if (rest.length === 0) return { kind: 'none' };
  return describe ? { kind: 'describe', verbose: describe === 'V', names: rest } : { kind: 'run', argv: rest };
}

/**
 * `command -v NAME…` and `command -V NAME…`: what each name runs, as `type` says it; the status is
 * 0 when any was found. (`command NAME ARGS…`, which runs NAME skipping aliases, is the
 * executor's: it runs NAME as a simple command.)
 */
export const command: Builtin = (ctx, host) => {
  const options = commandOptions(ctx.argv);
  if (options.kind === 'invalid') {
    ctx.stderr(`bash: command: ${options.option}: invalid option\ncommand: usage: command [-pVv] command [arg ...]\n`);
    return 2;
  }
  if (options.kind !== 'describe') return 0;
  let found = false;
  for (const name of options.names) {
    const line = describeName(name, host, options.verbose ? 'sentence' : 'reusable');
    if (line !== undefined) {
      ctx.stdout(`${line}\n`);
      found = true;
    } else if (options.verbose) ctx.stderr(`bash: command: ${name}: not found\n`);
  }
  return found ? 0 : 1;
};
