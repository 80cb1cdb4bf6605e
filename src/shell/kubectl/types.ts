import type { World } from '../../domain/world.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { CommandContext, VirtualFs } from '../types.ts';
import type { KubectlHost } from './host.ts';

/** A flag as kubectl (spf13/pflag) declares it. */
export interface FlagSpec {
  long: string;
  short?: string;
  type: 'bool' | 'string' | 'int' | 'stringArray';
  /** Bool flags may be given as `--flag=false`. */
  description?: string;
}

export type FlagValue = string | boolean | number | string[];

export interface ParsedArgs {
  /** Positional arguments before `--`. */
  positionals: string[];
  /** Flags by long name. */
  flags: Map<string, FlagValue>;
  /** Arguments after `--`, or undefined when there was no `--`. */
  afterDash: string[] | undefined;
}

/** The simulator services a command may use beside the world. */
export interface SimServices {
  /** The current world. Commands mutate it in place; the session snapshots it for undo. */
  world: World;
  fs: VirtualFs;
  /** Advances the simulated clock (sleep). */
  sleep(ms: number): void;
  /** Keeps a simulated request's side effects (the proxies' access logs). Reporting the trace is `io.trace`'s job. */
  recordTrace(trace: Trace): void;
  /** The app's editor panel and browser tab, when there is an app (see KubectlHost). */
  host?: KubectlHost;
}

/** Everything one kubectl verb sees. */
export interface VerbContext {
  services: SimServices;
  world: World;
  /** The command's I/O. */
  io: CommandContext;
  args: ParsedArgs;
  /** The namespace from -n/--namespace, or `default`. */
  namespace: string;
  /** Whether -n/--namespace was given. */
  namespaceGiven: boolean;
  flag<T extends FlagValue>(name: string): T | undefined;
  out(text: string): void;
  err(text: string): void;
}

/** One kubectl verb: a table entry that returns an exit status (STYLE.md: never throw to print). */
export interface Verb {
  name: string;
  /** Words after `kubectl` that select this verb, e.g. ['rollout', 'restart']. Defaults to [name]. */
  path?: string[];
  short: string;
  usage: string;
  flags: FlagSpec[];
  /** Whether the verb talks to the API server (fails without credentials). Default true. */
  needsServer?: boolean;
  run(ctx: VerbContext): number;
}
