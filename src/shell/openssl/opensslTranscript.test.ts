import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sim } from '../../../scripts/sim.ts';

/**
 * examples/prove-mtls-with-openssl.sh through the `sim` CLI, as one golden transcript: the sidecar's
 * files, `openssl x509` on the mesh root, `s_client` against PERMISSIVE and STRICT from the proxy,
 * from a pod without a sidecar and from Cloud Shell, and the mistakes a learner makes.
 */
const SCRIPT = new URL('../../../examples/prove-mtls-with-openssl.sh', import.meta.url);
const GOLDEN = new URL('./opensslTranscript.golden.txt', import.meta.url);
/** Written on a mismatch, for review (as the diagram snapshots do). */
const CHANGED = new URL('./opensslTranscript.golden-changed.txt', import.meta.url);

/** What `npm run sim -- FILE` prints, stdout and stderr interleaved as on a terminal. */
async function transcript(): Promise<{ text: string; exitCode: number }> {
  let text = '';
  const bytes = readFileSync(SCRIPT);
  let offset = 0;
  const exitCode = await sim([SCRIPT.pathname], {
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

describe('the openssl transcript', () => {
  it('prints what the golden file holds', async () => {
    const { text, exitCode } = await transcript();
    const golden = existsSync(GOLDEN) ? readFileSync(GOLDEN, 'utf8') : '';
    if (text !== golden) writeFileSync(CHANGED, text);
    expect(text).toBe(golden);
    expect(exitCode).toBe(1);
  });
});
