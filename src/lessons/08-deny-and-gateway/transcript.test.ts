import { describe, expect, it } from 'vitest';
import { compareGolden, lessonTranscript } from '../lessonTesting.ts';

/**
 * examples/authz-deny-and-gateway.sh through `npm run sim -- --lesson 08-deny-and-gateway`, as one golden transcript.
 * DENY beats ALLOW at the frontend, then only the ingress gateway's principal: the gateway's request passes, a meshed pod and the browser straight at frontend-external get 403.
 */
const SCRIPT = new URL('../../../examples/authz-deny-and-gateway.sh', import.meta.url);
const GOLDEN = new URL('./transcript.golden.txt', import.meta.url);

describe('the 08-deny-and-gateway transcript', () => {
  it('prints what the golden file holds, completes every step, and is the same on every run', async () => {
    const { text, exitCode } = await lessonTranscript('08-deny-and-gateway', SCRIPT);
    expect(text).toBe(compareGolden(GOLDEN, text));
    expect(text).toMatch(/#lesson 08-deny-and-gateway 3\/3\n$/);
    expect(exitCode).toBe(0);
    expect((await lessonTranscript('08-deny-and-gateway', SCRIPT)).text).toBe(text);
  });
});
