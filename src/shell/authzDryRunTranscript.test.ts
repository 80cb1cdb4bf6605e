import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simTranscript } from './testing/simTranscript.ts';

/**
 * examples/authz-dry-run.sh through the `sim` CLI, as one golden transcript: Istio's "Dry Run" task
 * (istio.io tasks/security/authorization/authz-dry-run) on the frontend. `istioctl proxy-config log
 * --level rbac:debug` (istioctl/pkg/proxyconfig/proxyconfig.go logCmd) turns the proxy's rbac logger
 * to debug; the dry-run DENY's `shadow denied, matched policy ns[frontend]-policy[deny-path-cart]-rule[0]`
 * lines (envoy source/extensions/filters/http/rbac/rbac_filter.cc) precede each access-log line;
 * Envoy's admin `POST /logging` (source/server/admin/logs_handler.cc) and `--reset` change the levels back.
 * The formats are checked against their sources in src/domain/envoy/rbacDebugLog.test.ts.
 */
const SCRIPT = new URL('../../examples/authz-dry-run.sh', import.meta.url);
const GOLDEN = new URL('./authzDryRunTranscript.golden.txt', import.meta.url);
/** Written on a mismatch, for review. */
const CHANGED = new URL('./authzDryRunTranscript.golden-changed.txt', import.meta.url);

describe('the authorization dry-run transcript', () => {
  it('prints what the golden file holds, the same on every run', async () => {
    const { text, exitCode } = await simTranscript(SCRIPT);
    const golden = existsSync(GOLDEN) ? readFileSync(GOLDEN, 'utf8') : '';
    if (text !== golden) writeFileSync(CHANGED, text);
    expect(text).toBe(golden);
    // The last command: `--level none`, which istioctl's stringToLevel does not know.
    expect(exitCode).toBe(1);
    expect((await simTranscript(SCRIPT)).text).toBe(text);
  });
});
