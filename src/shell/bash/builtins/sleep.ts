import type { Builtin } from './builtin.ts';

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** `sleep N[smhd] …`: GNU sleep adds up its arguments; the wait itself is the injected sleep hook. */
export const sleep: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.stderr("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let seconds = 0;
  let valid = true;
  for (const arg of args) {
    if (/^-./.test(arg)) {
      ctx.stderr(`sleep: invalid option -- '${arg[1]}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    const match = /^\+?(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) {
      ctx.stderr(`sleep: invalid time interval '${arg}'\n`);
      valid = false;
      continue;
    }
    seconds += Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 1);
  }
  if (!valid) {
    ctx.stderr("Try 'sleep --help' for more information.\n");
    return 1;
  }
  host.sleep(seconds * 1000);
  return 0;
};
