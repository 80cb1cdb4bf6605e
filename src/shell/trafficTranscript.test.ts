import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simTranscript } from './testing/simTranscript.ts';

/**
 * examples/traffic-time-and-logs.sh through the `sim` CLI, as one golden transcript: requests
 * spread over a STRICT and a PERMISSIVE endpoint, two restarts a few seconds apart, the gateway's
 * and the frontend's logs (kubectl logs -l, --prefix, -p), and the ingress without its Gateway.
 * The formats are checked against their sources in src/domain/traffic/spreadAndGateway.test.ts and kubectl/verbs/logs.test.ts.
 */
const SCRIPT = new URL('../../examples/traffic-time-and-logs.sh', import.meta.url);
const GOLDEN = new URL('./trafficTranscript.golden.txt', import.meta.url);
/** Written on a mismatch, for review. */
const CHANGED = new URL('./trafficTranscript.golden-changed.txt', import.meta.url);

describe('the traffic, time and logs transcript', () => {
  it('prints what the golden file holds, the same on every run', async () => {
    const { text, exitCode } = await simTranscript(SCRIPT);
    const golden = existsSync(GOLDEN) ? readFileSync(GOLDEN, 'utf8') : '';
    if (text !== golden) writeFileSync(CHANGED, text);
    expect(text).toBe(golden);
    expect(exitCode).toBe(7);
    expect((await simTranscript(SCRIPT)).text).toBe(text);
  });
});
