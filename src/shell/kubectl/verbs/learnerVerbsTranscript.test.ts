import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simTranscript } from '../../testing/simTranscript.ts';

/**
 * examples/kubectl-learner-verbs.sh through the `sim` CLI, as one golden transcript: config,
 * auth can-i, api-resources, get crd, explain, patch, annotate, scale, rollout status, wait, run,
 * edit and port-forward (headless, where no editor panel or browser tab exists), with mistakes.
 * The formats are checked against kubectl 1.33's sources in the verbs' own tests.
 */
const SCRIPT = new URL('../../../../examples/kubectl-learner-verbs.sh', import.meta.url);
const GOLDEN = new URL('./learnerVerbsTranscript.golden.txt', import.meta.url);
/** Written on a mismatch, for review. */
const CHANGED = new URL('./learnerVerbsTranscript.golden-changed.txt', import.meta.url);

describe('the kubectl learner verbs transcript', () => {
  it('prints what the golden file holds', async () => {
    const { text, exitCode } = await simTranscript(SCRIPT);
    const golden = existsSync(GOLDEN) ? readFileSync(GOLDEN, 'utf8') : '';
    if (text !== golden) writeFileSync(CHANGED, text);
    expect(text).toBe(golden);
    expect(exitCode).toBe(1);
  });
});
