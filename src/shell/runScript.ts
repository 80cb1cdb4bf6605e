import { toTraceJson } from '../domain/traffic/trace.ts';
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
  const buffer = new InputBuffer();
  const lines = script.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const flush = (text: string) => {
    const result = session.run(text);
    output.push(...result.chunks);
    if (options.trace) for (const t of result.traces) output.push({ stream: 'stdout', text: `#trace ${toTraceJson(t)}\n` });
    exitCode = result.exitCode;
  };
  for (const line of lines) {
    const complete = buffer.push(line);
    if (complete !== undefined) flush(complete);
  }
  // At the end of the script, bash runs what is left and reports what was left open.
  if (!buffer.isEmpty) flush(buffer.pending);
  return { output, exitCode, session };
}

/** The whole output as one string, stdout and stderr interleaved as a terminal shows them. */
export function outputText(result: ScriptResult): string {
  return result.output.map((c) => c.text).join('');
}
