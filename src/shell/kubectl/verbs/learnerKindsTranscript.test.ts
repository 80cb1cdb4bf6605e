import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simTranscript } from '../../testing/simTranscript.ts';

/**
 * examples/kubectl-learner-kinds.sh through the `sim` CLI, as one golden transcript: api-resources,
 * the mesh root ConfigMap read by openssl, istiod's CA Secret, Endpoints (with 1.33's warning) and
 * EndpointSlices, nodes, --field-selector, events after a scale-up, `kubectl events`, Istio kinds
 * stored (one of them enforced), and mistakes. The formats are checked against their sources in
 * learnerKinds.test.ts.
 */
const SCRIPT = new URL('../../../../examples/kubectl-learner-kinds.sh', import.meta.url);
const GOLDEN = new URL('./learnerKindsTranscript.golden.txt', import.meta.url);
/** Written on a mismatch, for review. */
const CHANGED = new URL('./learnerKindsTranscript.golden-changed.txt', import.meta.url);

describe('the kubectl learner kinds transcript', () => {
  it('prints what the golden file holds', async () => {
    const { text, exitCode } = await simTranscript(SCRIPT);
    const golden = existsSync(GOLDEN) ? readFileSync(GOLDEN, 'utf8') : '';
    if (text !== golden) writeFileSync(CHANGED, text);
    expect(text).toBe(golden);
    expect(exitCode).toBe(0);
  });
});
