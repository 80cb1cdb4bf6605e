import { RealtimeClock, DEFAULT_EPOCH_MS } from '../domain/clock.ts';
import type { Trace } from '../domain/traffic/trace.ts';
import { InputBuffer } from '../shell/bash/inputBuffer.ts';
import { complete } from '../shell/complete.ts';
import { cloudShellPrompt } from '../shell/gcloud/cloudShell.ts';
import { SimSession } from '../shell/session.ts';
import type { OutputChunk, RunResult, ShellJob } from '../shell/types.ts';
import { afterClear, appendChunk, lastEntries, type TerminalEntry } from './scrollback.ts';
import { afterNextFrame, SLICE_MS, yieldToMain } from './slices.ts';

export type { TerminalEntry };

/** An output's text with each chunk's stream, to compare two outputs. */
const outputText = (output: readonly OutputChunk[]): string => output.map((c) => `${c.stream}:${c.text}`).join('\0');

/** What the app does around each complete command (config events, traces, the course's checks). */
export interface CommandHooks {
  /** Just before the command starts. */
  begin?(text: string): void;
  /** Requests the command made since the last call, while it runs (each is reported once). */
  traces?(traces: Trace[]): void;
  /** When it has finished (or was interrupted). */
  end?(text: string, result: RunResult): void;
}

/** A program that keeps the terminal after its command returned (the edit panel, a port-forward). */
export interface ForegroundProgram {
  /** What the status line says while it runs, e.g. `kubectl port-forward`. */
  label: string;
  /** Ctrl+C at the terminal. The program then calls `end` on its handle (or not, to keep running). */
  interrupt(): void;
}

/** What a foreground program does to the terminal it holds. */
export interface ForegroundHandle {
  /** Prints below its command, as the command's own output. */
  write(stream: OutputChunk['stream'], text: string): void;
  /** Gives the terminal back: the prompt returns and waiting lines run. */
  end(): void;
}

interface Foreground {
  program: ForegroundProgram;
  running: Running;
  /** The command's result once its job is done; the end hook waits for the program. */
  result: RunResult | undefined;
  written: OutputChunk[];
}

interface Running {
  text: string;
  job: ShellJob;
  entry: TerminalEntry;
  /** Whether `entry` is in the scrollback (it is not after the command cleared the screen). */
  shown: boolean;
}

/**
 * The terminal's state: the scrollback, the pending multi-line input, the lines waiting to run and
 * the history cursor. It only forwards input to the session and keeps what the session printed.
 *
 * Input runs in slices, as a real terminal keeps responding while a command runs: each task runs
 * lines and commands for at most `SLICE_MS`, then gives the main thread back. A short command
 * finishes within the call that submitted it; a long loop or a 10,000-line paste goes on in later
 * tasks, showing its output as it comes. Lines submitted meanwhile wait their turn (type-ahead),
 * and Ctrl+C stops the running command and drops them, as a terminal flushes its input on SIGINT.
 */
export class TerminalState {
  /** Replaced, never mutated: raw state keeps a 1 MB paste from proxying every entry. */
  entries = $state.raw<TerminalEntry[]>([]);
  /** Whether an incomplete command (heredoc, loop, open quote) is waiting for more lines. */
  continuing = $state(false);
  /** Whether a command is running or lines are waiting to run. */
  busy = $state(false);
  /** Lines submitted and not yet run (type-ahead, a long paste). */
  waiting = $state(0);
  /** Whether input is held (the lesson is still loading or replaying): lines wait until it is released. */
  held = $state(false);
  private readonly buffer = new InputBuffer();
  private historyIndex = -1;
  private nextId = 1;
  private queue: string[] = [];
  private queueHead = 0;
  private running: Running | undefined;
  private holds = 0;
  private pumping = false;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  /** The entry of a typed line shown before it was read (the next line `start` takes). */
  private echoed: TerminalEntry | undefined;
  /** The program holding the terminal after its command returned (see `attach`). */
  private foreground: Foreground | undefined;
  /** What holds the terminal after its command returned, for the status line (e.g. `kubectl port-forward`). */
  foregroundLabel = $state<string | undefined>(undefined);
  readonly session: SimSession;
  /** How long one slice may run (tests set 0 to make every step a slice of its own). */
  sliceMs = SLICE_MS;

  constructor(
    session?: SimSession,
    private readonly hooks: CommandHooks = {},
  ) {
    this.session = session ?? new SimSession({ clock: new RealtimeClock(DEFAULT_EPOCH_MS) });
  }

  get prompt(): string {
    return this.continuing ? '> ' : cloudShellPrompt(this.session.world.cluster.project);
  }

  /** Submits one line (or a pasted block); lines run in order, each command once it is complete. */
  submit(text: string): void {
    for (const line of text.split(/\r?\n/)) this.queue.push(line);
    this.pump();
  }

  /**
   * A line typed at the prompt (Enter): it shows at once, echoed with its prompt, and the command
   * starts running after the browser has drawn that, as a terminal echoes what is typed before the
   * program answers. The frame after a key press is never held by the command's work (a loop of
   * fifty requests, and all it animates, starts one frame later).
   */
  submitTyped(text: string): void {
    for (const line of text.split(/\r?\n/)) this.queue.push(line);
    if (this.running || this.scheduled || this.foreground) {
      // Behind a running command it waits its turn, as any other line; the next slice takes it.
      this.waiting = this.queue.length - this.queueHead;
      return;
    }
    if (this.holds === 0 && this.queueHead === this.queue.length - 1 && !text.includes('\n')) {
      // One line on an idle terminal: shown as typed, with the prompt it was typed at. Reading it
      // (is it complete? a heredoc's first line?) waits for the next slice, with the command.
      const entry: TerminalEntry = { prompt: this.prompt, input: text, output: [], id: this.nextId++ };
      this.echoed = entry;
      this.append(entry);
      this.busy = true;
      this.schedule(true);
      return;
    }
    this.pump(true);
  }

  /**
   * Holds input: submitted lines wait (in order) until every `hold` has been released. Used while a
   * lesson loads or replays saved commands, so that nothing runs against a world about to be replaced.
   */
  hold(): () => void {
    this.holds++;
    this.held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      this.held = this.holds > 0;
      this.pump();
    };
  }

  /** The last `max` lines submitted and not yet run, oldest first (read when `waiting` changes). */
  pendingLines(max = 200): string[] {
    return this.queue.slice(Math.max(this.queueHead, this.queue.length - max));
  }

  /** Resolves once nothing runs and nothing waits (at once when idle). */
  idle(): Promise<void> {
    if (!this.hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private hasWork(): boolean {
    return this.running !== undefined || this.foreground !== undefined || (this.holds === 0 && this.queueHead < this.queue.length);
  }

  /**
   * Called by the running command (through the app's KubectlHost): the program keeps the terminal
   * after the command returns, as `kubectl edit` does while its editor is open and `kubectl
   * port-forward` does until Ctrl+C. Meanwhile no prompt shows, typed lines wait, and the command's
   * end (the `end` hook) waits for the program's. Undefined when no command is running.
   */
  attach(program: ForegroundProgram): ForegroundHandle | undefined {
    const running = this.running;
    if (!running || this.foreground) return undefined;
    const foreground: Foreground = { program, running, result: undefined, written: [] };
    this.foreground = foreground;
    this.foregroundLabel = program.label;
    return {
      write: (stream, text) => {
        if (this.foreground !== foreground) return;
        const chunk = { stream, text };
        foreground.written.push(chunk);
        running.entry.output.push(chunk);
        if (running.shown) this.show([], false, [running.entry]);
      },
      end: () => {
        if (this.foreground !== foreground) return;
        this.foreground = undefined;
        this.foregroundLabel = undefined;
        // A job still running (the program ended within its command) ends as usual.
        if (foreground.result) this.hooks.end?.(running.text, { ...foreground.result, chunks: [...foreground.result.chunks, ...foreground.written] });
        this.pump();
      },
    };
  }

  /**
   * Runs lines and commands for one slice; schedules the next slice when work remains. `echoOnly`
   * starts the next command (its line shows) without running any of it, and schedules the rest
   * after the next frame.
   */
  private pump(echoOnly = false): void {
    if (this.pumping) return;
    this.pumping = true;
    const start = performance.now();
    const shouldYield = () => performance.now() - start > this.sliceMs;
    const batch: TerminalEntry[] = [];
    let cleared = false;
    let changed = false;
    /** The entries of the commands that printed in this slice (they may have finished since). */
    const touched: TerminalEntry[] = [];
    const clear = () => {
      batch.length = 0;
      cleared = true;
    };
    try {
      for (;;) {
        const running = this.running;
        if (running) {
          if (echoOnly) break;
          const result = running.job.resume(shouldYield);
          if (this.collect(running, batch, clear)) {
            changed = true;
            if (!touched.includes(running.entry)) touched.push(running.entry);
          }
          if (!result) break;
          this.running = undefined;
          if (this.foreground?.running === running) {
            // The command returned, its program goes on: its end waits for the program's.
            this.foreground.result = result;
            break;
          }
          this.hooks.end?.(running.text, result);
          continue;
        }
        if (this.holds > 0 || this.foreground || this.queueHead >= this.queue.length || (changed && shouldYield())) break;
        // A line that calls a tool whose code has not arrived yet (the text tools load after the
        // engine) waits for it, and so do the lines behind it.
        const loading = this.session.toolsFor(this.queue[this.queueHead] as string);
        if (loading) {
          const release = this.hold();
          void loading.then(release, release);
          break;
        }
        const line = this.queue[this.queueHead++] as string;
        changed = true;
        this.start(line, batch);
      }
    } finally {
      this.pumping = false;
    }
    if (changed) this.show(batch, cleared, touched);
    if (this.queueHead >= this.queue.length && this.queueHead > 0) {
      this.queue = [];
      this.queueHead = 0;
    }
    this.waiting = this.queue.length - this.queueHead;
    this.busy = this.hasWork();
    if (this.busy) this.schedule(echoOnly);
    else this.resolveIdle();
  }

  private start(line: string, batch: TerminalEntry[]): void {
    // The line may be shown already (typed at an idle prompt: `submitTyped`).
    const echoed = this.echoed;
    this.echoed = undefined;
    const prompt = this.prompt;
    const text = this.buffer.push(line);
    const entry: TerminalEntry = echoed ?? { prompt, input: line, output: [], id: this.nextId++ };
    if (!echoed) batch.push(entry);
    if (text === undefined) {
      this.continuing = true;
      return;
    }
    this.continuing = false;
    this.historyIndex = -1;
    this.hooks.begin?.(text);
    this.running = { text, job: this.session.start(text), entry, shown: true };
  }

  /** Moves what the running command printed and requested into its entry and to the hooks. */
  private collect(running: Running, batch: TerminalEntry[], clear: () => void): boolean {
    const traces = running.job.takeTraces();
    if (traces.length) this.hooks.traces?.(traces);
    const chunks = running.job.takeOutput();
    if (!chunks.length) return traces.length > 0;
    let output = running.entry.output;
    for (const chunk of chunks) {
      const kept = afterClear(chunk.text);
      if (kept !== undefined) {
        // `clear` (or Ctrl+L's sequence) empties the screen, this command's own line included;
        // what the command prints after it stays.
        clear();
        running.entry = { prompt: '', input: '', output: [], id: this.nextId++ };
        running.shown = false;
        output = running.entry.output;
        if (kept !== '') appendChunk(output, { stream: chunk.stream, text: kept });
        continue;
      }
      appendChunk(output, chunk);
    }
    if (!running.shown && output.length) {
      batch.push(running.entry);
      running.shown = true;
    }
    return true;
  }

  /**
   * Keeps what another terminal printed for the same lines: from the first entry on, while this
   * terminal's entries show the same prompt and input as `printed`'s, they take `printed`'s output.
   * The page's early terminal answered the first lines before this one ran them again; text a
   * terminal has printed never changes afterwards, even where a second run differs in a real-time
   * timestamp's digits. An output that differs in anything but digits is this terminal's to show:
   * it is not the same answer. Only finished entries may be given.
   */
  keepPrinted(printed: readonly TerminalEntry[]): void {
    const next = [...this.entries];
    let changed = false;
    for (let i = 0; i < next.length && i < printed.length; i++) {
      const entry = next[i] as TerminalEntry;
      const before = printed[i] as TerminalEntry;
      if (before.prompt !== entry.prompt || before.input !== entry.input) break;
      const was = outputText(before.output);
      const is = outputText(entry.output);
      if (was === is || was.replace(/\d/g, '0') !== is.replace(/\d/g, '0')) continue;
      next[i] = { ...entry, output: before.output.map((chunk) => ({ ...chunk })) };
      changed = true;
    }
    if (changed) this.entries = next;
  }

  /**
   * One scrollback update per slice: the new entries, and a fresh copy of each entry that printed
   * (a command that ended in this slice as well as the one running now).
   */
  private show(batch: TerminalEntry[], cleared: boolean, printed: readonly TerminalEntry[]): void {
    const next = [...(cleared ? [] : this.entries), ...batch].map((e) => {
      const live = printed.find((p) => p.id === e.id);
      return live ? { ...live, output: [...live.output] } : e;
    });
    this.entries = lastEntries(next);
  }

  private schedule(afterFrame = false): void {
    if (this.scheduled || ((this.holds > 0 || this.foreground) && !this.running)) return;
    this.scheduled = true;
    void (afterFrame ? afterNextFrame() : yieldToMain()).then(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private push(entry: Omit<TerminalEntry, 'id'>): void {
    this.append({ ...entry, id: this.nextId++ });
  }

  private append(entry: TerminalEntry): void {
    this.entries = lastEntries([...this.entries, entry]);
  }

  /**
   * Ctrl+C. While a command runs it stops at its next step, and the lines waiting behind it are
   * dropped (a terminal flushes its input on SIGINT); otherwise the pending input is abandoned, as
   * bash prints `^C` and a new prompt.
   */
  interrupt(current: string): void {
    const echoed = this.echoed;
    this.echoed = undefined;
    this.buffer.clear();
    this.continuing = false;
    this.historyIndex = -1;
    this.queue = [];
    this.queueHead = 0;
    this.waiting = 0;
    const foreground = this.foreground;
    if (foreground && !this.running) {
      foreground.running.entry.output.push({ stream: 'stdout', text: '^C\n' });
      if (foreground.running.shown) this.show([], false, [foreground.running.entry]);
      foreground.program.interrupt();
      this.busy = this.hasWork();
      return;
    }
    const running = this.running;
    if (running) {
      running.job.interrupt();
      running.entry.output.push({ stream: 'stdout', text: '^C\n' });
      if (running.shown) this.show([], false, [running.entry]);
      this.pump();
      return;
    }
    if (echoed) {
      // A line shown but not started yet is stopped as its command would have been.
      this.show([], false, [{ ...echoed, output: [{ stream: 'stdout', text: '^C\n' }] }]);
      this.busy = this.hasWork();
      return;
    }
    this.push({ prompt: this.prompt, input: `${current}^C`, output: [] });
    this.busy = this.hasWork();
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
    // A line shown but not started yet starts on a fresh entry.
    this.echoed = undefined;
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
