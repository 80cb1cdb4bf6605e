import { RealtimeClock, DEFAULT_EPOCH_MS } from '../domain/clock.ts';
import { InputBuffer } from '../shell/bash/inputBuffer.ts';
import { complete } from '../shell/complete.ts';
import { SimSession } from '../shell/session.ts';
import type { OutputChunk, RunResult } from '../shell/types.ts';

/** One block of the scrollback: what was typed and what came back. */
export interface TerminalEntry {
  id: number;
  prompt: string;
  input: string;
  output: OutputChunk[];
}

const CLEAR = '\x1b[H\x1b[2J\x1b[3J';
const MAX_ENTRIES = 500;

/**
 * The terminal's state: the scrollback, the pending multi-line input and the history cursor.
 * It only forwards input to the session and keeps what the session printed.
 */
export class TerminalState {
  /** Replaced, never mutated: raw state keeps a 1 MB paste from proxying every entry. */
  entries = $state.raw<TerminalEntry[]>([]);
  /** Whether an incomplete command (heredoc, loop, open quote) is waiting for more lines. */
  continuing = $state(false);
  private readonly buffer = new InputBuffer();
  private historyIndex = -1;
  private nextId = 1;
  readonly session: SimSession;

  /**
   * `wrap` lets the app observe each run (config changes, traces); by default the command just runs.
   */
  constructor(
    session?: SimSession,
    private readonly wrap: (text: string, run: () => RunResult) => RunResult = (_text, run) => run(),
  ) {
    this.session = session ?? new SimSession({ clock: new RealtimeClock(DEFAULT_EPOCH_MS) });
  }

  get prompt(): string {
    return this.continuing ? '> ' : `learner@cloudshell:~ (${this.session.world.cluster.project})$ `;
  }

  /** Submits one line (or a pasted block); runs it when the command is complete. */
  submit(line: string): void {
    // A pasted block is fed line by line, like a real terminal; the scrollback updates once.
    const batch: TerminalEntry[] = [];
    let cleared = false;
    for (const l of line.split(/\r?\n/)) {
      if (this.submitLine(l, batch) === 'cleared') {
        batch.length = 0;
        cleared = true;
      }
    }
    const next = cleared ? batch : [...this.entries, ...batch];
    this.entries = next.length > MAX_ENTRIES ? next.slice(next.length - MAX_ENTRIES) : next;
  }

  private submitLine(line: string, batch: TerminalEntry[]): 'cleared' | undefined {
    const prompt = this.prompt;
    const text = this.buffer.push(line);
    if (text === undefined) {
      batch.push({ prompt, input: line, output: [], id: this.nextId++ });
      this.continuing = true;
      return undefined;
    }
    this.continuing = false;
    this.historyIndex = -1;
    const result = this.wrap(text, () => this.session.run(text));
    if (result.chunks.some((c) => c.text.includes(CLEAR))) return 'cleared';
    batch.push({ prompt, input: line, output: result.chunks, id: this.nextId++ });
    return undefined;
  }

  private push(entry: Omit<TerminalEntry, 'id'>): void {
    const next = [...this.entries, { ...entry, id: this.nextId++ }];
    this.entries = next.length > MAX_ENTRIES ? next.slice(next.length - MAX_ENTRIES) : next;
  }

  /** Ctrl+C: abandons the pending input, as bash prints `^C` and a new prompt. */
  interrupt(current: string): void {
    this.push({ prompt: this.prompt, input: `${current}^C`, output: [] });
    this.buffer.clear();
    this.continuing = false;
    this.historyIndex = -1;
  }

  /**
   * Tab: completes the last word of `line` (commands, flags, namespaces, names). Several matches
   * extend to their common prefix and are listed below, as bash lists them.
   */
  complete(line: string): string {
    const result = complete(this.session.world, this.session.fs, line);
    if (result.insert) return line + result.insert;
    if (result.options.length > 1) this.push({ prompt: this.prompt, input: line, output: [{ stream: 'stdout', text: `${result.options.join('  ')}\n` }] });
    return line;
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * Text waiting to be placed on the input line ("show solution" puts a command there without
   * running it). The terminal view takes it, then calls `takePrefill`.
   */
  prefill = $state<string | undefined>(undefined);

  offer(text: string): void {
    this.prefill = text;
  }

  takePrefill(): string | undefined {
    const text = this.prefill;
    this.prefill = undefined;
    return text;
  }

  /** A note from the app (not a command's output), e.g. "progress restored". */
  note(text: string): void {
    this.push({ prompt: '', input: '', output: [{ stream: 'stdout', text: text.endsWith('\n') ? text : `${text}\n` }] });
  }

  /** ↑ and ↓ through the shell's history. */
  recall(direction: -1 | 1): string | undefined {
    const history = this.session.shell.history;
    if (!history.length) return undefined;
    if (this.historyIndex === -1) this.historyIndex = history.length;
    this.historyIndex = Math.min(history.length, Math.max(0, this.historyIndex + direction));
    return this.historyIndex === history.length ? '' : history[this.historyIndex];
  }
}
