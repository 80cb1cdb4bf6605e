import { describe, expect, it } from 'vitest';
import { compareGolden, lessonTranscript } from '../lessonTesting.ts';

/**
 * examples/authz-zero-trust.sh through `npm run sim -- --lesson 06-zero-trust`, as one golden transcript.
 * Zero trust for the shop: allow-nothing at the product catalog, the storefront's PermissionDenied, the three callers allowed by principal, and testcurl's 403.
 */
const SCRIPT = new URL('../../../examples/authz-zero-trust.sh', import.meta.url);
const GOLDEN = new URL('./transcript.golden.txt', import.meta.url);

describe('the 06-zero-trust transcript', () => {
  it('prints what the golden file holds, completes every step, and is the same on every run', async () => {
    const { text, exitCode } = await lessonTranscript('06-zero-trust', SCRIPT);
    expect(text).toBe(compareGolden(GOLDEN, text));
    expect(text).toMatch(/#lesson 06-zero-trust 3\/3\n$/);
    expect(exitCode).toBe(0);
    expect((await lessonTranscript('06-zero-trust', SCRIPT)).text).toBe(text);
  });
});
