import { readFileSync } from 'node:fs';
import { sim } from '../../../scripts/sim.ts';

/**
 * What `npm run sim -- [FLAGS] FILE` prints for a script, stdout and stderr interleaved as on a
 * terminal (tests); e.g. `['--lesson', '06-zero-trust']` starts from a lesson's world.
 */
export async function simTranscript(script: URL, flags: readonly string[] = []): Promise<{ text: string; exitCode: number }> {
  let text = '';
  const bytes = readFileSync(script);
  let offset = 0;
  const exitCode = await sim([...flags, script.pathname], {
    stdout: (t) => (text += t),
    stderr: (t) => (text += t),
    open: () => ({
      read: (max) => {
        const chunk = bytes.subarray(offset, offset + max);
        offset += chunk.length;
        return new Uint8Array(chunk);
      },
      close: () => undefined,
    }),
  });
  return { text, exitCode };
}
