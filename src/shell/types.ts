import type { Trace } from '../domain/traffic/trace.ts';

/** A piece of terminal output. The terminal shows both streams; pipes and redirects split them. */
export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A file system of plain text files, as far as the terminal needs one. */
export interface VirtualFs {
  /** Absolute, normalised path for `path` seen from the working directory. */
  resolve(path: string): string;
  readFile(path: string): string | undefined;
  writeFile(path: string, content: string, append?: boolean): void;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  remove(path: string): boolean;
  /** Entries of a directory, sorted; undefined when it is no directory. */
  list(path: string): string[] | undefined;
  cwd: string;
  home: string;
}

/** Everything a command sees while it runs. */
export interface CommandContext {
  /** argv[0] is the command name as typed. */
  argv: string[];
  stdin: string;
  /** Whether stdin is a terminal (no pipe, no redirect, no heredoc). */
  stdinIsTerminal: boolean;
  env: Map<string, string>;
  fs: VirtualFs;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reports a simulated request so that `sim --trace` and the UI can play it. */
  trace(trace: Trace): void;
}

/** A command is a function from its context to an exit status. It never throws to print output. */
export type CommandHandler = (ctx: CommandContext) => number;

/** What one complete input (one line, or several for heredocs and loops) produced. */
export interface RunResult {
  chunks: OutputChunk[];
  exitCode: number;
  traces: Trace[];
}

/**
 * A command input that runs in slices, so that a long loop never blocks the page: the terminal
 * resumes it until it is done, showing output as it comes. It can pause between top-level commands,
 * between loop turns and after each simple command; one command, a `$(…)` and a pipeline of several
 * commands always run to their end within one slice. Every started job must be resumed until `done`;
 * to abandon one, `interrupt()` it and resume it once more, which then finishes at once.
 */
export interface ShellJob {
  /**
   * Runs until the input is done, or until `shouldYield()` answers true at a yield point (then it
   * returns undefined and can be resumed). Returns the whole RunResult (all chunks, the traces not
   * taken with `takeTraces`, the exit code) when done; after that it keeps returning the same result.
   */
  resume(shouldYield: () => boolean): RunResult | undefined;
  /** Output chunks produced since the last call (for showing output while it runs). */
  takeOutput(): OutputChunk[];
  /**
   * Traces (simulated requests) produced since the last call. They are handed over, not copied:
   * the job lets go of them (a loop of 10,000 requests would otherwise hold every trace until it ends).
   */
  takeTraces(): Trace[];
  /** Ctrl+C: stops at the next yield point the way bash stops a foreground loop on SIGINT; the exit code becomes 130. */
  interrupt(): void;
  readonly done: boolean;
}
