import type { CommandContext } from '../../types.ts';

/** The parts of the running shell that builtins such as `cd`, `export` and `history` change or read. */
export interface BuiltinHost {
  /** Shell variables, exported or not. */
  readonly vars: Map<string, string>;
  /** Names of exported variables. */
  readonly exported: Set<string>;
  /** `alias` names and the text each stands for. */
  readonly aliases: Map<string, string>;
  readonly history: readonly string[];
  /** The number `history` shows for the first entry still kept. */
  readonly historyStart: number;
  clearHistory(): void;
  /** How many loops enclose the running command, for `break` and `continue`. */
  readonly loopDepth: number;
  readonly lastStatus: number;
  /** Builtin names and the names of the registered (simulated) commands. */
  commandNames(): { builtins: string[]; commands: string[] };
  /** What running `name` would run: an alias, a shell builtin, a registered command or a utility. */
  commandKind(name: string): 'alias' | 'builtin' | 'command' | 'utility' | undefined;
  sleep(ms: number): void;
  /** Leaves (`break`) or restarts (`continue`) the innermost `levels` loops. */
  jump(kind: 'break' | 'continue', levels: number): void;
  /**
   * Takes one line from the running builtin's stdin, as `read` does; `complete` is false for a last
   * line without a newline. Undefined at end of input.
   */
  readLine(): { line: string; complete: boolean } | undefined;
  /** Stops the current input (or subshell) with this status, as `exit` does. */
  exit(code: number): void;
  /**
   * Runs a command line in a copy of the shell, as `sh -c TEXT` would (for `xargs` and `watch`):
   * `stdin` is its input, `out` and `err` receive its output. Returns its status.
   */
  runSubshell(text: string, stdin: string, out: (text: string) => void, err: (text: string) => void): number;
}

/** A builtin is a command handler that may also reach into the shell. */
export type Builtin = (ctx: CommandContext, host: BuiltinHost) => number;
