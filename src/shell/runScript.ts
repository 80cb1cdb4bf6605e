import { type Trace, toTraceJson } from '../domain/traffic/trace.ts';
import { InputBuffer } from './bash/inputBuffer.ts';
import { SimSession, type SessionOptions } from './session.ts';
import type { OutputChunk } from './types.ts';

export interface ScriptResult {
  output: OutputChunk[];
  exitCode: number;
  session: SimSession;
}

/**
 * Feeds a script to a session line by line, exactly as if it were typed into the terminal:
 * lines accumulate while the input is incomplete (heredocs, loops, quotes, `\`), then run.
 * With `trace`, each request adds a `#trace <json>` line after its command's output.
 */
export function runScript(script: string, options: SessionOptions & { trace?: boolean; session?: SimSession } = {}): ScriptResult {
  const session = options.session ?? new SimSession(options);
  const output: OutputChunk[] = [];
  let exitCode = 0;
  forEachInput(script, (text) => {
    const result = session.run(text);
    output.push(...result.chunks);
    if (options.trace) output.push(...traceLines(result.traces));
    exitCode = result.exitCode;
  });
  return { output, exitCode, session };
}

/**
 * Splits a script into complete inputs the way the terminal collects typed lines, and calls `run`
 * with each in order. Whatever is still open at the end is run too, as bash does at end of file.
 */
export function forEachInput(script: string, run: (input: string) => void): void {
  const buffer = new InputBuffer();
  const lines = script.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const complete = buffer.push(line);
    if (complete !== undefined) run(complete);
  }
  if (!buffer.isEmpty) run(buffer.pending);
}

/** The `#trace <json>` lines `sim --trace` prints after a command's output. */
export function traceLines(traces: readonly Trace[]): OutputChunk[] {
  return traces.map((t) => ({ stream: 'stdout', text: `#trace ${toTraceJson(t)}\n` }));
}

/** The whole output as one string, stdout and stderr interleaved as a terminal shows them. */
export function outputText(result: ScriptResult): string {
  return result.output.map((c) => c.text).join('');
}
