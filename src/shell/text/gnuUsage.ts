import type { CommandContext } from '../types.ts';

/** GNU's two-line complaint about a command line: the message, then the pointer to --help. */
export function usageError(ctx: CommandContext, tool: string, message: string, status: number): number {
  ctx.stderr(`${tool}: ${message}\nTry '${tool} --help' for more information.\n`);
  return status;
}
