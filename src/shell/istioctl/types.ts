import type { World } from '../../domain/world.ts';
import type { FlagSpec, FlagValue, ParsedArgs, SimServices } from '../kubectl/types.ts';
import type { CommandContext } from '../types.ts';

/** Everything one istioctl command sees. */
export interface IstioctlContext {
  services: SimServices;
  world: World;
  io: CommandContext;
  args: ParsedArgs;
  /** `-n/--namespace`, or '' when not given (cobra's `ctx.Namespace()`). */
  namespace: string;
  /** `ctx.NamespaceOrDefault(ctx.Namespace())`: the flag, else the kubeconfig default `default`. */
  namespaceOrDefault: string;
  /** `-i/--istioNamespace`, default `istio-system`. */
  istioNamespace: string;
  flag<T extends FlagValue>(name: string): T | undefined;
  out(text: string): void;
  err(text: string): void;
}

/** What a command returns instead of throwing: cobra prints `Error: <message>` and main maps it to an exit code. */
export type CommandError = { message: string; exitCode: number };

/** One istioctl (sub)command: a node of the cobra tree (STYLE.md §3: a table entry that returns a result). */
export interface IstioctlCommand {
  /** `use` word, e.g. `describe`. */
  name: string;
  aliases?: string[];
  short: string;
  usage?: string;
  flags?: FlagSpec[];
  /** Subcommands; a command with children and no `run` prints its help (cobra's flag.ErrHelp). */
  children?: IstioctlCommand[];
  /** Returns 0, or an error that istioctl prints as `Error: …`. */
  run?(ctx: IstioctlContext): number | CommandError;
}
