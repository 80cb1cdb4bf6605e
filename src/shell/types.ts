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
