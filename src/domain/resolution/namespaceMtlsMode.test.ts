import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects.ts';
import { peerAuthentication, worldWith } from '../testing/fixtures.ts';
import { namespaceMtlsMode, resolveNamespaceMtls } from './namespaceMtlsMode.ts';

const pa = (ns: string, name: string, mode?: string, createdAt = 0, selector?: Record<string, string>): KubeObject =>
  peerAuthentication(ns, name, { ...(selector ? { selector: { matchLabels: selector } } : {}), ...(mode ? { mtls: { mode } } : {}) }, { createdAt });

describe('namespaceMtlsMode', () => {
  // pilot/pkg/model/authentication.go GetNamespaceMutualTLSMode; authentication_test.go wantNamespaceMutualTLS.
  it.each([
    { test: 'TestGetPoliciesForWorkloadWithoutMeshPeerAuthn: no mesh, no namespace policy → UNKNOWN', policies: [], ns: 'foo', want: 'UNKNOWN' },
    { test: 'TestGetPoliciesForWorkload: mesh STRICT, no namespace policy → mesh mode', policies: [pa('istio-system', 'default', 'STRICT')], ns: 'foo', want: 'STRICT' },
    { test: 'addPeerAuthentication: mesh UNSET is PERMISSIVE', policies: [pa('istio-system', 'default')], ns: 'foo', want: 'PERMISSIVE' },
    { test: 'TestGetPoliciesForWorkload: namespace UNSET inherits mesh STRICT', policies: [pa('istio-system', 'default', 'STRICT'), pa('foo', 'default')], ns: 'foo', want: 'STRICT' },
    { test: 'TestGetPoliciesForWorkloadWithoutMeshPeerAuthn: namespace UNSET without mesh → PERMISSIVE', policies: [pa('foo', 'default')], ns: 'foo', want: 'PERMISSIVE' },
    { test: 'namespace DISABLE beats mesh STRICT', policies: [pa('istio-system', 'default', 'STRICT'), pa('foo', 'default', 'DISABLE')], ns: 'foo', want: 'DISABLE' },
    { test: 'workload-level policies do not count', policies: [pa('foo', 'wl', 'STRICT', 0, { app: 'foo' })], ns: 'foo', want: 'UNKNOWN' },
    { test: 'root-namespace selector policies do not count', policies: [pa('istio-system', 'sel', 'STRICT', 0, { app: 'foo' })], ns: 'foo', want: 'UNKNOWN' },
    { test: 'createTestConfigs "ignored-newer": only the oldest namespace policy counts', policies: [pa('istio-system', 'default', 'STRICT'), pa('foo', 'default', undefined, 0), pa('foo', 'ignored-newer', 'DISABLE', 9)], ns: 'foo', want: 'STRICT' },
    { test: 'the root namespace itself has the mesh mode', policies: [pa('istio-system', 'default', 'DISABLE')], ns: 'istio-system', want: 'DISABLE' },
    { test: 'another namespace\'s policy does not leak', policies: [pa('bar', 'default', 'STRICT')], ns: 'foo', want: 'UNKNOWN' },
  ])('$test', ({ policies, ns, want }) => {
    expect(namespaceMtlsMode(worldWith({ policies }), ns)).toBe(want);
  });

  it('explains where the mode came from', () => {
    const world = worldWith({ policies: [pa('istio-system', 'default', 'DISABLE'), pa('ad', 'default')] });
    expect(resolveNamespaceMtls(world, 'ad').text).toBe('PeerAuthentication ad/default (namespace level) leaves the mode UNSET: inherits DISABLE from PeerAuthentication istio-system/default (mesh level)');
  });
});
