import type { CommandHandler, RunResult, VirtualFs } from '../types.ts';
import { CompletenessCache } from './completenessCache.ts';
import { Executor, type ShellState } from './execute.ts';
import { limits } from './limits.ts';
import { MemoryFs } from './memoryFs.ts';
import { parseScript } from './parse.ts';
import { TerminalOutput } from './streams.ts';

export interface ShellOptions {
  /** Simulated programs by name (kubectl, curl, …); they may replace utilities such as `cat`, not builtins such as `cd`. */
  commands: Record<string, CommandHandler>;
  fs?: VirtualFs;
  /** Extra exported variables on top of HOME, PWD, USER, PATH, SHELL, TERM and LANG. */
  env?: Record<string, string>;
  /** Called by `sleep`; the default returns at once. */
  sleep?: (ms: number) => void;
}

/** Bash keeps HISTSIZE=500 entries by default. */
const HISTORY_SIZE = 500;

/** The bash-subset shell behind the terminal: parses an input, runs it, and returns its output. */
export class Shell {
  private readonly state: ShellState;
  private readonly completeness = new CompletenessCache();

  constructor(options: ShellOptions) {
    const fs = options.fs ?? new MemoryFs();
    const vars = new Map<string, string>([
      ['HOME', fs.home],
      ['PWD', fs.cwd],
      ['USER', 'learner'],
      ['PATH', '/usr/local/bin:/usr/bin:/bin'],
      ['SHELL', '/bin/bash'],
      ['TERM', 'xterm-256color'],
      ['LANG', 'C.UTF-8'],
      ...Object.entries(options.env ?? {}),
    ]);
    this.state = {
      vars,
      exported: new Set(vars.keys()),
      aliases: new Map(),
      fs,
      commands: new Map(Object.entries(options.commands)),
      history: [],
      historyStart: 1,
      lastExitCode: 0,
      sleep: options.sleep ?? (() => {}),
    };
  }

  /** Inputs run so far, oldest first; a multi-line input is one entry. */
  get history(): string[] {
    return this.state.history;
  }

  /** `$?` after the last run. */
  get lastExitCode(): number {
    return this.state.lastExitCode;
  }

  /** Shell variables (exported or not), live: changes show up in the next run. */
  get env(): Map<string, string> {
    return this.state.vars;
  }

  get fs(): VirtualFs {
    return this.state.fs;
  }

  /** False while the input needs another line (open quote, trailing `|`, heredoc, `for` without `done`…). */
  isComplete(text: string): boolean {
    return this.completeness.isComplete(text);
  }

  /** Runs one complete input. Whatever is still open at its end is reported as bash does at end of file. */
  run(text: string): RunResult {
    this.remember(text);
    const output = new TerminalOutput();
    const { result, warnings } = parseScript(text, { atEof: true });
    for (const warning of warnings) output.write('stderr', `${warning}\n`);
    if (result.status !== 'complete') {
      const message = result.status === 'error' ? result.message : 'bash: syntax error: unexpected end of file';
      output.write('stderr', `${message}\n`);
      this.state.lastExitCode = 2;
      return { chunks: output.chunks, exitCode: 2, traces: [] };
    }
    const executor = new Executor(this.state, output);
    const full = `the output passed ${limits.maxOutput} characters`;
    output.onFull = () => executor.halt(full);
    if (output.isFull) executor.halt(full);
    let exitCode: number;
    try {
      exitCode = executor.run(result.script);
    } catch (error) {
      // Only a bug gets here; the terminal must survive it.
      const message = error instanceof Error ? error.message : String(error);
      output.note(`bash: internal error: ${message}\n`);
      exitCode = 1;
    }
    if (executor.stopped !== undefined) {
      const last = output.chunks[output.chunks.length - 1];
      const newline = last && !last.text.endsWith('\n') ? '\n' : '';
      output.note(`${newline}bash: stopped: ${executor.stopped}\n`);
      exitCode = 1;
    }
    this.state.lastExitCode = exitCode;
    return { chunks: output.chunks, exitCode, traces: executor.traces };
  }

  private remember(text: string): void {
    const entry = text.replace(/\n+$/, '');
    if (entry.trim() === '') return;
    const history = this.state.history;
    history.push(entry);
    if (history.length > HISTORY_SIZE) {
      history.splice(0, history.length - HISTORY_SIZE);
      this.state.historyStart += 1;
    }
  }
}
