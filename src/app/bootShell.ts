import { DEFAULT_CLUSTER } from '../domain/clusterInfo.ts';
import { commandNames } from '../shell/bash/commandNames.ts';
import { InputBuffer } from '../shell/bash/inputBuffer.ts';
import { MemoryFs } from '../shell/bash/memoryFs.ts';
import { parseScript } from '../shell/bash/parse.ts';
import { Shell } from '../shell/bash/shell.ts';
import { CLOUD_SHELL_ENV, cloudShellPrompt } from '../shell/gcloud/cloudShell.ts';
import { createGcloud } from '../shell/gcloud/gcloud.ts';
import type { GcloudWorld } from '../shell/gcloud/types.ts';
import { afterClear, appendChunk, lastEntries, type TerminalEntry } from './scrollback.ts';

/**
 * Cloud Shell's own commands whose answers depend on nothing but Cloud Shell (its files, its
 * variables, its gcloud configuration): gcloud and the shell's builtins, but not those that look
 * commands up or run them (`which`, `type`, `command`, `env`, `alias`, whose answers name the
 * cluster's tools), nor `help` (it lists them), `read` or `exit`.
 */
export const CLOUD_SHELL_OWN: ReadonlySet<string> = new Set([
  'gcloud',
  ':', '[', 'test', 'true', 'false', 'break', 'continue',
  'cd', 'pwd', 'echo', 'printf', 'export', 'unset', 'history',
  'cat', 'clear', 'grep', 'head', 'tail', 'ls', 'mkdir', 'rm', 'seq', 'sleep', 'tee', 'touch', 'wc',
]);

/**
 * How long one Enter may keep it working: a command still running this long after the Enter is
 * left to the engine, which runs long input in slices. Its code is cold when the first command
 * comes (on a slow laptop the tutorial's first command takes some 30–45 ms).
 */
export const ANSWER_BUDGET_MS = 100;

/**
 * A paste may hold thousands of lines: once this long has passed since the Enter, it takes no more
 * of them, so that with drawing what it answered the task stays well below the 200 ms a task may take.
 */
export const LINES_BUDGET_MS = 50;

/** How a lesson starts, as far as Cloud Shell can tell. */
export interface BootShellStart {
  credentials: boolean;
}

/** The first lesson's start (its `start:`, with no setup; bootShell.test.ts keeps them equal). */
export const FIRST_LESSON_START: BootShellStart = { credentials: false };

/**
 * The page's first answers: Cloud Shell before the cluster's engine has arrived. It runs the
 * lines typed into the boot terminal with the shell's and gcloud's own code, so the tutorial's
 * first command (`gcloud container clusters get-credentials …`) is answered within a frame of the
 * page taking input. It answers a command only when everything the command can run is one of
 * Cloud Shell's own commands (CLOUD_SHELL_OWN) and it finishes within ANSWER_BUDGET_MS; at the first
 * other one (kubectl, curl, the course's `hint`…) it stops for good, and that line and every
 * line after it wait for the engine. The engine's terminals run every line again, from the start,
 * and print the same text (bootShell.test.ts), so nothing a learner saw changes when they take over.
 * Its code is the page's first script (src/boot.ts), so it stays small: the shell and gcloud.
 */
export class BootShell {
  /** The scrollback: each typed line, and the output under the line that completed a command. */
  entries: TerminalEntry[] = [];
  /** The lines typed after the one it stopped at, waiting for the engine. */
  readonly waiting: string[] = [];
  private readonly buffer = new InputBuffer();
  private readonly shell: Shell;
  private readonly world: GcloudWorld;
  private continuing = false;
  private stopped = false;
  private nextId = 1;

  constructor(start: BootShellStart) {
    this.world = { cluster: { ...DEFAULT_CLUSTER }, credentials: start.credentials };
    this.shell = new Shell({ commands: { gcloud: createGcloud(() => ({ world: this.world })) }, fs: new MemoryFs(), env: { ...CLOUD_SHELL_ENV } });
  }

  /** Whether it still answers (it stops for good at the first command it leaves to the engine). */
  get answering(): boolean {
    return !this.stopped;
  }

  get prompt(): string {
    return this.continuing ? '> ' : cloudShellPrompt(this.world.cluster.project);
  }

  /**
   * Takes what was entered (one line, or a pasted block): runs each line, or leaves it and every
   * line after it to the engine (the line it stops at shows as typed, the ones after it wait).
   * Returns whether it answered all of them. A long paste never holds the page (LINES_BUDGET_MS,
   * ANSWER_BUDGET_MS).
   */
  submit(text: string): boolean {
    const began = performance.now();
    for (const line of text.split(/\r?\n/)) {
      if (this.stopped) this.waiting.push(line);
      else this.take(line, began);
    }
    return !this.stopped;
  }

  /** Runs one line (the command it completes), or stops at it. */
  private take(line: string, began: number): void {
    const entry: TerminalEntry = { id: this.nextId++, prompt: this.prompt, input: line, output: [] };
    this.entries = lastEntries([...this.entries, entry]);
    if (performance.now() - began > LINES_BUDGET_MS) return this.stop();
    const text = this.buffer.push(line);
    if (text === undefined) {
      this.continuing = true;
      return;
    }
    if (!this.ownCommandsOnly(text)) return this.stop();
    const job = this.shell.start(text);
    if (!job.resume(() => performance.now() - began > ANSWER_BUDGET_MS)) return this.stop();
    this.continuing = false;
    let shown = this.entries;
    let current = entry;
    for (const chunk of job.takeOutput()) {
      const kept = afterClear(chunk.text);
      if (kept !== undefined) {
        // As the terminal does: the screen empties, the command's own line included.
        current = { id: this.nextId++, prompt: '', input: '', output: [] };
        shown = [];
        if (kept === '') continue;
      }
      if (current.output.length === 0 && current !== entry) shown = [...shown, current];
      appendChunk(current.output, kept === undefined ? chunk : { stream: chunk.stream, text: kept });
    }
    this.entries = lastEntries(shown);
  }

  /** Stops answering: the line just shown and every line after it are the engine's. */
  private stop(): void {
    this.stopped = true;
    this.continuing = false;
    this.buffer.clear();
  }

  private ownCommandsOnly(text: string): boolean {
    const { result } = parseScript(text, { atEof: true });
    // A syntax error runs nothing: the shell reports it as the engine's would.
    if (result.status !== 'complete') return true;
    const names = commandNames(result.script);
    return names !== undefined && names.every((name) => CLOUD_SHELL_OWN.has(name));
  }
}
