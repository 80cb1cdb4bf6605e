import { SimSession } from '../session.ts';

/** What one input printed, split by stream. */
export interface TextRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A Cloud Shell session on the default world, for driving the text tools through real pipelines. */
export function cloudShell(): { run(text: string): TextRun; session: SimSession } {
  const session = new SimSession();
  const run = (text: string): TextRun => {
    const result = session.run(text);
    const join = (stream: 'stdout' | 'stderr') =>
      result.chunks
        .filter((c) => c.stream === stream)
        .map((c) => c.text)
        .join('');
    return { stdout: join('stdout'), stderr: join('stderr'), exitCode: result.exitCode };
  };
  return { run, session };
}
