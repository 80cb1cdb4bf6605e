import type { ClusterInfo } from '../../domain/clusterInfo.ts';
import type { FlagSpec, FlagValue, ParsedArgs } from '../kubectl/types.ts';
import type { CommandContext } from '../types.ts';

/**
 * What gcloud reads and changes: the project's one cluster and whether Cloud Shell has its
 * credentials. Nothing else of the world: so Cloud Shell answers gcloud before the cluster's
 * engine has loaded (app/bootShell.ts), with the same code.
 */
export interface GcloudWorld {
  readonly cluster: ClusterInfo;
  credentials: boolean;
}

/** What the shell gives gcloud (the engine's SimServices is one). */
export interface GcloudServices {
  world: GcloudWorld;
}

/** Everything one gcloud command sees. */
export interface GcloudContext {
  world: GcloudWorld;
  io: CommandContext;
  args: ParsedArgs;
  /** `--project`, else the Cloud Shell configuration's core/project. */
  project: string;
  /** `gcloud.container.clusters.get-credentials`: the prefix of every `ERROR: (…)` line. */
  commandId: string;
  flag<T extends FlagValue>(name: string): T | undefined;
  out(text: string): void;
  err(text: string): void;
}

/** A gcloud command: a leaf of the command tree (STYLE.md §3: a table entry that returns an exit status). */
export interface GcloudCommand {
  name: string;
  short: string;
  /** Positional arguments as the usage line names them, e.g. `NAME`. */
  positionals?: { name: string; required: boolean }[];
  flags?: FlagSpec[];
  run(ctx: GcloudContext): number;
}

/** A command group (`container`, `clusters`, `config`). */
export interface GcloudGroup {
  name: string;
  short: string;
  children: (GcloudGroup | GcloudCommand)[];
}

export function isGroup(node: GcloudGroup | GcloudCommand): node is GcloudGroup {
  return 'children' in node;
}
