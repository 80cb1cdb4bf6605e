import type { Builtin } from './builtin.ts';

/** `history [n]` and `history -c`, numbered as bash prints them (`%5d  %s`). */
export const history: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1);
  const arg = args[0];
  if (arg === '-c') {
    host.clearHistory();
    return 0;
  }
  if (arg !== undefined && arg.startsWith('-') && !/^-?\d+$/.test(arg)) {
    ctx.stderr(
      `bash: history: ${arg}: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n`,
    );
    return 2;
  }
  if (args.length > 1) {
    ctx.stderr('bash: history: too many arguments\n');
    return 1;
  }
  if (arg !== undefined && !/^\d+$/.test(arg)) {
    ctx.stderr(`bash: history: ${arg}: numeric argument required\n`);
    return 1;
  }
  const entries = host.history;
  const from = arg === undefined ? 0 : Math.max(0, entries.length - Number(arg));
  let text = '';
  for (let i = from; i < entries.length; i += 1) {
    text += `${String(host.historyStart + i).padStart(5)}  ${entries[i]}\n`;
  }
  ctx.stdout(text);
  return 0;
};
