import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simTranscript } from '../testing/simTranscript.ts';

/**
 * examples/cluster-own-workloads.sh through the `sim` CLI, as one golden transcript: kube-system's
 * add-ons, the control plane (in-cluster istiod, default revision), istio-init, the containers'
 * environments, istioctl x check-inject, x authz check and x precheck, and kubectl's messages for
 * label --dry-run, an empty apply and exec without a command. The formats are checked against the
 * real tools' sources in experimental.test.ts, istioctl.test.ts, exec.test.ts, label.test.ts and
 * apply.test.ts.
 */
const SCRIPT = new URL('../../../examples/cluster-own-workloads.sh', import.meta.url);
const GOLDEN = new URL('./clusterWorkloadsTranscript.golden.txt', import.meta.url);
/** Written on a mismatch, for review. */
const CHANGED = new URL('./clusterWorkloadsTranscript.golden-changed.txt', import.meta.url);

describe('the cluster workloads transcript', () => {
  it('prints what the golden file holds', async () => {
    const { text, exitCode } = await simTranscript(SCRIPT);
    const golden = existsSync(GOLDEN) ? readFileSync(GOLDEN, 'utf8') : '';
    if (text !== golden) writeFileSync(CHANGED, text);
    expect(text).toBe(golden);
    expect(exitCode).toBe(1);
  });
});
