import { describe, expect, it } from 'vitest';
import { compareGolden, lessonTranscript } from '../lessonTesting.ts';

/**
 * examples/authz-permissive-trap.sh through `npm run sim -- --lesson 07-permissive-trap`, as one golden transcript.
 * The PERMISSIVE trap: an ALLOW by principals refuses testcurl's plaintext (403), a DENY by principal misses it (415 from the server), notPrincipals catches it, and STRICT plus ALLOW resets it.
 */
const SCRIPT = new URL('../../../examples/authz-permissive-trap.sh', import.meta.url);
const GOLDEN = new URL('./transcript.golden.txt', import.meta.url);

describe('the 07-permissive-trap transcript', () => {
  it('prints what the golden file holds, completes every step, and is the same on every run', async () => {
    const { text, exitCode } = await lessonTranscript('07-permissive-trap', SCRIPT);
    expect(text).toBe(compareGolden(GOLDEN, text));
    expect(text).toMatch(/#lesson 07-permissive-trap 4\/4\n$/);
    expect(exitCode).toBe(0);
    expect((await lessonTranscript('07-permissive-trap', SCRIPT)).text).toBe(text);
  });
});
