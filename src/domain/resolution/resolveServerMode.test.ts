import { describe, expect, it } from 'vitest';
import type { JsonObject, KubeObject } from '../objects.ts';
import { gatewayPod, peerAuthentication, pod, worldWith } from '../testing/fixtures.ts';
import { resolveServerMode } from './resolveServerMode.ts';

// The pod under test mirrors Istio's tests: app=foo in namespace foo; root namespace istio-system.
const foo = pod('foo', 'foo-7d9c', { labels: { app: 'foo' }, ports: [80, 90, 100, 8080, 9000] });
const spec = (mode?: string, extra: JsonObject = {}): JsonObject => ({ ...(mode ? { mtls: { mode } } : {}), ...extra });
const onFoo = (mode?: string, extra: JsonObject = {}) => spec(mode, { selector: { matchLabels: { app: 'foo' } }, ...extra });
const mesh = (mode?: string, name = 'default', createdAt = 0) => peerAuthentication('istio-system', name, spec(mode), { createdAt });
const ns = (mode?: string, name = 'default', createdAt = 0, extra: JsonObject = {}) => peerAuthentication('foo', name, spec(mode, extra), { createdAt });
const workload = (mode?: string, name = 'foo', createdAt = 0, extra: JsonObject = {}) => peerAuthentication('foo', name, onFoo(mode, extra), { createdAt });

interface Row {
  test: string;
  policies: KubeObject[];
  port?: number;
  mode: string;
  level: string;
  code: string;
}

const rows: Row[] = [
  { test: 'TestComposePeerAuthentication/"no config"', policies: [], mode: 'PERMISSIVE', level: 'default', code: 'pa.default' },
  { test: 'TestInboundMTLSSettings/"No policy - behave as permissive"', policies: [], port: 8080, mode: 'PERMISSIVE', level: 'default', code: 'pa.default' },
  { test: 'TestComposePeerAuthentication/"mesh only" (mesh STRICT)', policies: [mesh('STRICT')], mode: 'STRICT', level: 'mesh', code: 'pa.mesh' },
  {
    test: 'TestComposePeerAuthentication/"mesh vs namespace" (empty matchLabels in root is mesh; namespace PERMISSIVE beats mesh STRICT)',
    policies: [peerAuthentication('istio-system', 'default', { selector: { matchLabels: {} }, mtls: { mode: 'STRICT' } }), ns('PERMISSIVE')],
    mode: 'PERMISSIVE', level: 'namespace', code: 'pa.namespace',
  },
  { test: 'TestComposePeerAuthentication/"workload vs mesh config" (namespace PERMISSIVE beats mesh DISABLE)', policies: [mesh('DISABLE'), ns('PERMISSIVE')], mode: 'PERMISSIVE', level: 'namespace', code: 'pa.namespace' },
  { test: 'namespace STRICT overrides mesh PERMISSIVE', policies: [mesh('PERMISSIVE'), ns('STRICT')], mode: 'STRICT', level: 'namespace', code: 'pa.namespace' },
  { test: 'TestGetPoliciesForWorkload/"Match workload labels in foo" + docs "Policy precedence" (workload DISABLE beats namespace STRICT)', policies: [ns('STRICT'), workload('DISABLE')], mode: 'DISABLE', level: 'workload', code: 'pa.workload' },
  { test: 'TestComposePeerAuthentication/"inheritance: default mesh" (mesh UNSET → PERMISSIVE)', policies: [mesh()], mode: 'PERMISSIVE', level: 'default', code: 'pa.unset' },
  { test: 'TestComposePeerAuthentication/"inheritance: mesh to namespace to workload"', policies: [mesh('STRICT'), ns(), workload()], mode: 'STRICT', level: 'mesh', code: 'pa.unset' },
  { test: 'UNSET chain with explicit mode: UNSET and mtls: {}', policies: [mesh('DISABLE'), ns('UNSET'), workload(undefined, 'foo', 0, { mtls: {} })], mode: 'DISABLE', level: 'mesh', code: 'pa.unset' },
  { test: 'workload UNSET inherits the namespace mode', policies: [mesh('STRICT'), ns('PERMISSIVE'), workload()], mode: 'PERMISSIVE', level: 'namespace', code: 'pa.unset' },
  { test: 'TestComposePeerAuthentication/"multiple mesh policy" (oldest wins)', policies: [mesh('PERMISSIVE', 'now', 10), mesh('STRICT', 'second-ago', 9)], mode: 'STRICT', level: 'mesh', code: 'pa.mesh' },
  { test: 'TestComposePeerAuthentication/"multiple mesh policy" (same second: name tie-break)', policies: [mesh('PERMISSIVE', 'second-later', 5), mesh('STRICT', 'second-ago', 5)], mode: 'STRICT', level: 'mesh', code: 'pa.mesh' },
  { test: 'TestComposePeerAuthentication/"multiple namespace policy" (oldest wins)', policies: [ns('DISABLE', 'now', 10), ns('STRICT', 'second-ago', 9)], mode: 'STRICT', level: 'namespace', code: 'pa.namespace' },
  { test: 'TestComposePeerAuthentication/"multiple namespace policy" (same second: name tie-break)', policies: [ns('DISABLE', 'second-later', 5), ns('STRICT', 'second-ago', 5)], mode: 'STRICT', level: 'namespace', code: 'pa.namespace' },
  { test: 'authentication_test.go createTestConfigs "ignored-newer" (newer namespace policy dropped even if the older is UNSET)', policies: [mesh('STRICT'), ns(undefined, 'default', 0), ns('DISABLE', 'ignored-newer', 60)], mode: 'STRICT', level: 'mesh', code: 'pa.unset' },
  { test: 'TestComposePeerAuthentication/"multiple workload policy" (oldest wins)', policies: [workload('DISABLE', 'now', 10), workload('STRICT', 'second-ago', 9)], mode: 'STRICT', level: 'workload', code: 'pa.workload' },
  { test: 'TestComposePeerAuthentication/"multiple workload policy" (same second: name tie-break)', policies: [workload('DISABLE', 'second-later', 5), workload('STRICT', 'second-ago', 5)], mode: 'STRICT', level: 'workload', code: 'pa.workload' },
  { test: 'TestInboundMTLSSettings/"Multiple policies resolved to STRICT"', policies: [workload('STRICT', 'now', 10), workload('PERMISSIVE', 'later', 20)], port: 8080, mode: 'STRICT', level: 'workload', code: 'pa.workload' },
  { test: 'TestInboundMTLSSettings/"Multiple policies resolved to PERMISSIVE"', policies: [workload('PERMISSIVE', 'now', 10), workload('STRICT', 'later', 20)], port: 8080, mode: 'PERMISSIVE', level: 'workload', code: 'pa.workload' },
  {
    test: 'TestComposePeerAuthentication/"ignore non-emptypb selector in root namespace"',
    policies: [peerAuthentication('istio-system', 'root-selector', { selector: { matchLabels: { app: 'foo' } }, mtls: { mode: 'STRICT' } })],
    mode: 'PERMISSIVE', level: 'default', code: 'pa.default',
  },
  {
    test: 'TestGetPoliciesForWorkload/"Match workload labels in bar" (a workload policy in another namespace never applies)',
    policies: [peerAuthentication('bar', 'foo', onFoo('STRICT'))],
    mode: 'PERMISSIVE', level: 'default', code: 'pa.default',
  },
  { test: 'selector that does not match the pod', policies: [peerAuthentication('foo', 'other', { selector: { matchLabels: { app: 'other' } }, mtls: { mode: 'STRICT' } })], mode: 'PERMISSIVE', level: 'default', code: 'pa.default' },
  // TestComposePeerAuthentication/"port level": mesh STRICT; workload 80: DISABLE, 90: UNSET, 100: {} → 80 DISABLE, 90 STRICT, 100 STRICT.
  ...[
    { port: 80, mode: 'DISABLE', level: 'port', code: 'pa.port' },
    { port: 90, mode: 'STRICT', level: 'mesh', code: 'pa.port.unset' },
    { port: 100, mode: 'STRICT', level: 'mesh', code: 'pa.port.unset' },
  ].map((r) => ({ test: `TestComposePeerAuthentication/"port level" port ${r.port}`, policies: portLevelPolicies(), ...r })),
  { test: 'TestComposePeerAuthentication/"port level" without a port: the workload mode', policies: portLevelPolicies(), mode: 'STRICT', level: 'mesh', code: 'pa.unset' },
  { test: 'TestInboundMTLSSettings/"Port level hit" (DISABLE + 8080 STRICT)', policies: [workload('DISABLE', 'foo', 0, { portLevelMtls: { '8080': { mode: 'STRICT' } } })], port: 8080, mode: 'STRICT', level: 'port', code: 'pa.port' },
  { test: 'TestInboundMTLSSettings/"Port level miss"', policies: [workload('DISABLE', 'foo', 0, { portLevelMtls: { '8080': { mode: 'STRICT' } } })], port: 9090, mode: 'DISABLE', level: 'workload', code: 'pa.workload' },
  { test: 'TestPeerAuthenticationPassthrough (STRICT + 9000 DISABLE)', policies: [workload('STRICT', 'foo', 0, { portLevelMtls: { '9000': { mode: 'DISABLE' } } })], port: 9000, mode: 'DISABLE', level: 'port', code: 'pa.port' },
  {
    test: 'ComposePeerAuthentication reads portLevelMtls only from the winning workload policy (not a newer one)',
    policies: [workload('STRICT', 'older', 0), workload('STRICT', 'newer', 10, { portLevelMtls: { '8080': { mode: 'DISABLE' } } })],
    port: 8080, mode: 'STRICT', level: 'workload', code: 'pa.workload',
  },
  {
    test: 'ComposePeerAuthentication ignores portLevelMtls on a namespace-level policy (rejected by validation anyway)',
    policies: [ns('STRICT', 'default', 0, { portLevelMtls: { '8080': { mode: 'DISABLE' } } })],
    port: 8080, mode: 'STRICT', level: 'namespace', code: 'pa.namespace',
  },
];

function portLevelPolicies(): KubeObject[] {
  return [mesh('STRICT'), workload(undefined, 'foo', 0, { portLevelMtls: { '80': { mode: 'DISABLE' }, '90': { mode: 'UNSET' }, '100': {} } })];
}

describe('resolveServerMode', () => {
  it.each(rows)('$test → $mode', ({ policies, port, mode, level, code }) => {
    const decision = resolveServerMode(worldWith({ pods: [foo], policies }), foo, port);
    expect({ mode: decision.mode, level: decision.level, code: decision.reason.code }).toEqual({ mode, level, code });
  });

  it('names the policy and level: PeerAuthentication frontend/namespace-policy (namespace level) sets STRICT', () => {
    const frontend = pod('frontend', 'frontend-1', { labels: { app: 'frontend' } });
    const world = worldWith({ pods: [frontend], policies: [peerAuthentication('frontend', 'namespace-policy', { mtls: { mode: 'STRICT' } })] });
    const decision = resolveServerMode(world, frontend);
    expect(decision.reason.text).toBe('PeerAuthentication frontend/namespace-policy (namespace level) sets STRICT');
    expect(decision.reason.causes).toEqual([{ kind: 'PeerAuthentication', namespace: 'frontend', name: 'namespace-policy', field: 'spec.mtls.mode' }]);
  });

  it('says PERMISSIVE by default when no policy applies', () => {
    expect(resolveServerMode(worldWith({ pods: [foo] }), foo).reason).toEqual({ code: 'pa.default', text: 'no PeerAuthentication applies: PERMISSIVE by default', params: {}, causes: [] });
  });

  it('names the port and the portLevelMtls field when a port entry decides', () => {
    const frontend = pod('frontend', 'frontend-1', { labels: { app: 'frontend' } });
    const pa = peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { '8080': { mode: 'DISABLE' } } });
    const decision = resolveServerMode(worldWith({ pods: [frontend], policies: [pa] }), frontend, 8080);
    expect(decision.reason.text).toBe('PeerAuthentication frontend/frontend (workload level, port 8080) sets DISABLE');
    expect(decision.reason.causes).toEqual([{ kind: 'PeerAuthentication', namespace: 'frontend', name: 'frontend', field: 'spec.portLevelMtls.8080.mode' }]);
  });

  it('says what an UNSET workload policy inherited and from where', () => {
    const decision = resolveServerMode(worldWith({ pods: [foo], policies: [mesh('STRICT'), ns(), workload()] }), foo);
    expect(decision.reason.text).toBe('PeerAuthentication foo/foo (workload level) leaves the mode UNSET: inherits STRICT from PeerAuthentication istio-system/default (mesh level)');
    expect(decision.reason.causes.map((c) => `${c.namespace}/${c.name} ${c.field}`)).toEqual(['foo/foo spec', 'foo/default spec', 'istio-system/default spec.mtls.mode']);
  });

  it('says what an UNSET port entry inherited', () => {
    const decision = resolveServerMode(worldWith({ pods: [foo], policies: portLevelPolicies() }), foo, 90);
    expect(decision.reason.text).toBe('PeerAuthentication foo/foo (workload level, port 90) leaves the mode UNSET: inherits STRICT from PeerAuthentication istio-system/default (mesh level)');
  });

  it('lists every candidate with its verdict, mesh first', () => {
    const policies = [
      mesh('STRICT', 'default', 0),
      mesh('DISABLE', 'newer-mesh', 30),
      peerAuthentication('istio-system', 'root-selector', { selector: { matchLabels: { app: 'foo' } }, mtls: { mode: 'DISABLE' } }),
      ns(undefined, 'default', 0),
      ns('DISABLE', 'newer-ns', 0),
      workload('PERMISSIVE', 'foo', 0),
      workload('DISABLE', 'foo-newer', 1),
      peerAuthentication('foo', 'bar-only', { selector: { matchLabels: { app: 'bar' } }, mtls: { mode: 'DISABLE' } }),
    ];
    const decision = resolveServerMode(worldWith({ pods: [foo], policies }), foo);
    expect(decision.mode).toBe('PERMISSIVE');
    expect(decision.considered.map((c) => [`${c.namespace}/${c.name}`, c.level, c.verdict, c.declaredMode])).toEqual([
      ['istio-system/default', 'mesh', 'overridden', 'STRICT'],
      ['istio-system/newer-mesh', 'mesh', 'ignored-newer', 'DISABLE'],
      ['istio-system/root-selector', 'ignored', 'ignored-root-selector', 'DISABLE'],
      ['foo/default', 'namespace', 'inherited-unset', 'UNSET'],
      ['foo/newer-ns', 'namespace', 'ignored-newer', 'DISABLE'],
      ['foo/foo', 'workload', 'applied', 'PERMISSIVE'],
      ['foo/foo-newer', 'workload', 'ignored-newer', 'DISABLE'],
      ['foo/bar-only', 'workload', 'selector-mismatch', 'DISABLE'],
    ]);
    expect(decision.considered[4]?.text).toBe('ignored: foo/default was created in the same second and sorts first by name, and only the oldest namespace-level policy counts');
  });

  it('ignores a root-namespace selector even for a pod in the root namespace', () => {
    const sys = pod('istio-system', 'tool', { labels: { app: 'tool' } });
    const policies = [peerAuthentication('istio-system', 'tool', { selector: { matchLabels: { app: 'tool' } }, mtls: { mode: 'STRICT' } })];
    expect(resolveServerMode(worldWith({ pods: [sys], policies }), sys).mode).toBe('PERMISSIVE');
  });

  it('never applies PeerAuthentication to a gateway (listener.go BuildListeners, model.Router)', () => {
    const gw = gatewayPod('istio-system', 'istio-ingressgateway-5b7f');
    const decision = resolveServerMode(worldWith({ pods: [gw], policies: [mesh('STRICT')] }), gw, 8080);
    expect(decision.reason.code).toBe('pa.gateway');
    expect(decision.considered).toEqual([]);
  });

  // docs authn-policy: "The port value in the peer authentication policy is the container's port".
  it.each([
    { test: 'a portLevelMtls entry for the service port 5000 does not apply', entry: '5000', mode: 'STRICT' },
    { test: 'a portLevelMtls entry for the container port 8080 applies', entry: '8080', mode: 'DISABLE' },
  ])('email (service 5000 → targetPort 8080): $test', ({ entry, mode }) => {
    const email = pod('email', 'emailservice-1', { labels: { app: 'emailservice' }, ports: [8080] });
    const pa = peerAuthentication('email', 'email', { selector: { matchLabels: { app: 'emailservice' } }, mtls: { mode: 'STRICT' }, portLevelMtls: { [entry]: { mode: 'DISABLE' } } });
    expect(resolveServerMode(worldWith({ pods: [email], policies: [pa] }), email, 8080).mode).toBe(mode);
  });
});
