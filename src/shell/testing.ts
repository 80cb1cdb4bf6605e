/** Test helpers for the shell (imported by tests only). */
import type { SimSession } from './session.ts';

/** Runs one line in a session: stdout, stderr and the exit status, as the terminal shows them. */
export function runLine(session: SimSession, line: string): { out: string; err: string; code: number } {
  const result = session.run(line);
  const text = (stream: 'stdout' | 'stderr') => result.chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
  return { out: text('stdout'), err: text('stderr'), code: result.exitCode };
}
