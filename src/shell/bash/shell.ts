import type { Trace } from '../../domain/traffic/trace.ts';
import type { CommandHandler, OutputChunk, RunResult, ShellJob, VirtualFs } from '../types.ts';
import { CompletenessCache } from './completenessCache.ts';
import { Executor, type ShellState, type Steps } from './execute.ts';
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
  /** When true, `env` is the whole environment, in its order (a container's, not Cloud Shell's). */
  replaceEnv?: boolean;
  /** Called by `sleep`; the default returns at once. */
  sleep?: (ms: number) => void;
}

/** Bash keeps HISTSIZE=500 entries by default. */
const HISTORY_SIZE = 500;

/** The bash-subset shell behind the terminal: parses an input, runs it, and returns its output. */
export class Shell {
  private readonly state: ShellState;
  private readonly completeness = new CompletenessCache();
  private job: InputJob | undefined;

  constructor(options: ShellOptions) {
    const fs = options.fs ?? new MemoryFs();
    const vars = new Map<string, string>(options.replaceEnv ? Object.entries(options.env ?? {}) : [
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

  /** Aliases, live (read-only here: `alias` and `unalias` change them). */
  get aliases(): ReadonlyMap<string, string> {
    return this.state.aliases;
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
    return runToEnd(this.start(text));
  }

  /**
   * Starts one complete input, to be run in slices (see ShellJob). The input enters the history now;
   * `$?` is set when it finishes. An earlier job left unfinished is interrupted and finished first,
   * as a terminal runs one foreground input at a time (one started by a command of a running job is
   * nested, and leaves that job alone).
   */
  start(text: string): ShellJob {
    finishAbandoned(this.job);
    this.remember(text);
    const output = new TerminalOutput();
    const { result, warnings } = parseScript(text, { atEof: true });
    for (const warning of warnings) output.write('stderr', `${warning}\n`);
    if (result.status !== 'complete') {
      const message = result.status === 'error' ? result.message : 'bash: syntax error: unexpected end of file';
      output.write('stderr', `${message}\n`);
      return this.track(new InputJob(this.state, output, undefined, this.untrack));
    }
    const executor = new Executor(this.state, output);
    const full = `the output passed ${limits.maxOutput} characters`;
    output.onFull = () => executor.halt(full);
    if (output.isFull) executor.halt(full);
    return this.track(new InputJob(this.state, output, { executor, steps: executor.run(result.script) }, this.untrack));
  }

  /** Keeps the foreground job until it is done, to finish it if it is left unfinished; a nested one is not kept. */
  private track(job: InputJob): InputJob {
    if (!job.done && !this.job?.resuming) this.job = job;
    return job;
  }

  /** Lets go of a finished job, so that its output and traces live only as long as the terminal keeps them. */
  private readonly untrack = (job: ShellJob): void => {
    if (this.job === job) this.job = undefined;
  };

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

const neverYield = () => false;

/** A job its starter keeps, to finish it should it be left unfinished. */
export interface ForegroundJob extends ShellJob {
  /** True while a slice runs: an input started then (by one of its commands) is nested in it. */
  readonly resuming: boolean;
}

/** Interrupts and finishes a job left unfinished; one in the middle of a slice is left alone. */
export function finishAbandoned(job: ForegroundJob | undefined): void {
  if (!job || job.done || job.resuming) return;
  job.interrupt();
  runToEnd(job);
}

/** Resumes a job without ever pausing until it is done. */
export function runToEnd(job: ShellJob): RunResult {
  for (;;) {
    const result = job.resume(neverYield);
    if (result) return result;
  }
}

/** One input's run, resumed slice by slice; a syntax error makes a job that is done from the start. */
class InputJob implements ForegroundJob {
  resuming = false;
  private result: RunResult | undefined;

  constructor(
    private readonly state: ShellState,
    private readonly output: TerminalOutput,
    private readonly run: { executor: Executor; steps: Steps } | undefined,
    private readonly onDone: (job: ShellJob) => void,
  ) {
    if (!run) this.finish(2);
  }

  get done(): boolean {
    return this.result !== undefined;
  }

  resume(shouldYield: () => boolean): RunResult | undefined {
    if (this.result || !this.run) return this.result;
    const { executor, steps } = this.run;
    executor.shouldYield = shouldYield;
    let exitCode: number;
    this.resuming = true;
    try {
      const step = steps.next();
      if (!step.done) return undefined;
      exitCode = step.value;
    } catch (error) {
      // Only a bug gets here; the terminal must survive it.
      const message = error instanceof Error ? error.message : String(error);
      this.output.note(`bash: internal error: ${message}\n`);
      exitCode = 1;
    } finally {
      this.resuming = false;
    }
    if (executor.stopped !== undefined) {
      const last = this.output.chunks[this.output.chunks.length - 1];
      const newline = last && !last.text.endsWith('\n') ? '\n' : '';
      this.output.note(`${newline}bash: stopped: ${executor.stopped}\n`);
      exitCode = 1;
    }
    return this.finish(exitCode);
  }

  takeOutput(): OutputChunk[] {
    return this.output.takeNew();
  }

  takeTraces(): Trace[] {
    return this.run?.executor.traces.splice(0) ?? [];
  }

  interrupt(): void {
    if (!this.result) this.run?.executor.interrupt();
  }

  private finish(exitCode: number): RunResult {
    this.state.lastExitCode = exitCode;
    this.result = { chunks: this.output.chunks, exitCode, traces: this.run?.executor.traces ?? [] };
    this.onDone(this);
    return this.result;
  }
}
