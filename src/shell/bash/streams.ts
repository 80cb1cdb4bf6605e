import type { OutputChunk, VirtualFs } from '../types.ts';
import { limits } from './limits.ts';

/** Where a file descriptor writes. */
export interface Sink {
  kind: 'sink';
  write(text: string): void;
}

/** What a file descriptor reads: all of it is known before the command starts. */
export interface Source {
  kind: 'source';
  text: string;
  /** How much `read` has consumed; other commands see the rest without consuming it. */
  offset?: number;
  /** True only for the terminal itself, not for pipes, files or heredocs. */
  terminal: boolean;
}

export type Fd = Sink | Source;

/** Open file descriptors by number; a hole is a closed descriptor. */
export type FdTable = (Fd | undefined)[];

/** Counts the characters a run moves around and stops it when it does too much. */
export interface Budget {
  /** Records `n` characters of work; false once the run has been stopped. */
  spend(n: number): boolean;
  halt(reason: string): void;
}

/** The terminal's two streams, kept in order, with neighbouring chunks of one stream merged. */
export class TerminalOutput {
  readonly chunks: OutputChunk[] = [];
  private size = 0;
  /** What `takeNew` has not delivered yet, kept once it has been called (a run to the end never calls it). */
  private fresh: OutputChunk[] | undefined;
  /** Called once when the output limit is reached. */
  onFull: () => void = () => {};

  get isFull(): boolean {
    return this.size >= limits.maxOutput;
  }

  write(stream: OutputChunk['stream'], text: string): void {
    if (text === '' || this.size >= limits.maxOutput) return;
    let piece = text;
    if (this.size + piece.length > limits.maxOutput) {
      piece = piece.slice(0, limits.maxOutput - this.size);
      this.onFull();
    }
    this.size += piece.length;
    this.append(stream, piece);
  }

  /** Writes past the output limit, for the note that says the limit was reached. */
  note(text: string): void {
    this.append('stderr', text);
  }

  /**
   * What was written since the last call, as chunks of their own: everything is delivered once, in
   * order. (Kept apart from `chunks` so that a long run never re-reads its whole merged output.)
   */
  takeNew(): OutputChunk[] {
    const fresh = this.fresh ?? this.chunks.map((c) => ({ ...c }));
    this.fresh = [];
    return fresh;
  }

  private append(stream: OutputChunk['stream'], text: string): void {
    mergeInto(this.chunks, stream, text);
    if (this.fresh) mergeInto(this.fresh, stream, text);
  }
}

export function terminalSink(output: TerminalOutput, stream: OutputChunk['stream']): Sink {
  return { kind: 'sink', write: (text) => output.write(stream, text) };
}

export const nullSink: Sink = { kind: 'sink', write: () => {} };

/** A pipe or a `$(…)` capture: collects everything written, up to the buffer limit. */
export class BufferSink implements Sink {
  readonly kind = 'sink';
  private readonly parts: string[] = [];
  private size = 0;
  private full = false;

  constructor(private readonly budget: Budget) {}

  write(text: string): void {
    if (this.full || text === '') return;
    if (this.size + text.length > limits.maxBuffer) {
      this.full = true;
      this.budget.halt(`a pipe or command substitution produced more than ${limits.maxBuffer} characters`);
      return;
    }
    if (!this.budget.spend(text.length)) return;
    this.parts.push(text);
    this.size += text.length;
  }

  text(): string {
    return this.parts.join('');
  }
}

/** A file opened by a redirect; refuses to grow past the file size limit rather than truncate. */
export class FileSink implements Sink {
  readonly kind = 'sink';
  /** True once a write was refused; the command then fails. */
  failed = false;

  constructor(
    private readonly fs: VirtualFs,
    private readonly path: string,
    private readonly name: string,
    private size: number,
    private readonly budget: Budget,
    private readonly reportError: (message: string) => void,
  ) {}

  write(text: string): void {
    if (this.failed || text === '') return;
    if (this.size + text.length > limits.maxFileSize) {
      this.failed = true;
      this.reportError(`bash: ${this.name}: File too large\n`);
      return;
    }
    if (!this.budget.spend(text.length)) return;
    this.fs.writeFile(this.path, text, true);
    this.size += text.length;
  }
}

/** Appends to the last chunk when it is of the same stream, else adds a chunk. */
function mergeInto(chunks: OutputChunk[], stream: OutputChunk['stream'], text: string): void {
  const last = chunks[chunks.length - 1];
  if (last && last.stream === stream) last.text += text;
  else chunks.push({ stream, text });
}
