/**
 * Each case names what it mirrors:
 * - BUILDER  istio/istio 1.26.4 pilot/pkg/security/authz/builder/builder_test.go and its testdata
 * - MODEL    pilot/pkg/security/authz/model (generator_test.go, model_test.go)
 * - MATCHER  pilot/pkg/security/authz/matcher (string_test.go, header_test.go)
 * - DOCS     istio.io docs: reference/config/security/authorization-policy, concepts/security
 *            ("Authorization policy"), tasks/security/authorization/authz-dry-run, ops/best-practices/security
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject, KubeObject } from '../objects.ts';
import { gatewayPod, type MetaOptions, pod, worldWith } from '../testing/fixtures.ts';
import type { AuthzRequest } from './authorizationTypes.ts';
import { evaluateAuthorization, policiesFor } from './authorizationPolicy.ts';

function authz(ns: string, name: string, spec: JsonObject, options: MetaOptions = {}): KubeObject {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name, namespace: ns, uid: `uid-${ns}-${name}`, creationTimestamp: 1000 + (options.createdAt ?? 0), generation: 1, resourceVersion: '1', labels: options.labels ?? {}, annotations: options.annotations ?? {} },
    spec,
  };
}

const server = pod('foo', 'httpbin', { labels: { app: 'httpbin', version: 'v1' }, serviceAccount: 'httpbin', podIP: '10.8.1.20' });
const SLEEP = 'cluster.local/ns/sleep/sa/sleep';

function request(overrides: Partial<AuthzRequest> = {}): AuthzRequest {
  return {
    pod: server,
    port: 8080,
    protocol: 'http',
    principal: SLEEP,
    sourceIp: '10.8.3.4',
    remoteIp: '10.8.3.4',
    method: 'GET',
    path: '/headers',
    host: 'httpbin.foo.svc.cluster.local:8000',
    headers: {},
    ...overrides,
  };
}

function decide(policies: KubeObject[], overrides: Partial<AuthzRequest> = {}) {
  return evaluateAuthorization(worldWith({ pods: [server], policies }), request(overrides));
}

const allowRule = (rule: JsonObject) => authz('foo', 'allow', { rules: [rule] });
const denyRule = (rule: JsonObject) => authz('foo', 'deny', { action: 'DENY', rules: [rule] });

describe('evaluateAuthorization: which policies apply', () => {
  it('applies the root namespace and the pod namespace policies whose selector matches (ListAuthorizationPolicies)', () => {
    const world = worldWith({
      pods: [server],
      policies: [
        authz('istio-system', 'mesh-deny', { action: 'DENY', rules: [{ to: [{ operation: { paths: ['/admin'] } }] }] }),
        authz('istio-system', 'mesh-selected', { selector: { matchLabels: { app: 'httpbin' } }, rules: [{}] }),
        authz('foo', 'ns-wide', { action: 'AUDIT', rules: [{}] }),
        authz('foo', 'selected', { selector: { matchLabels: { app: 'httpbin', version: 'v1' } }, rules: [{}] }),
        authz('foo', 'other-app', { selector: { matchLabels: { app: 'productpage' } }, rules: [{}] }),
        authz('bar', 'elsewhere', { action: 'DENY', rules: [{}] }),
      ],
    });
    expect(policiesFor(world, server).map((p) => [p.namespace, p.name, p.action, p.scope])).toEqual([
      ['foo', 'ns-wide', 'AUDIT', 'namespace'],
      ['istio-system', 'mesh-deny', 'DENY', 'root'],
      ['istio-system', 'mesh-selected', 'ALLOW', 'root-selector'],
      ['foo', 'selected', 'ALLOW', 'selector'],
    ]);
  });

  it('orders each action by creation time, then name (configCompareByCreationTime)', () => {
    const world = worldWith({ pods: [server], policies: [authz('foo', 'a', { rules: [{}] }, { createdAt: 5 }), authz('foo', 'b', { rules: [{}] }), authz('foo', 'c', { rules: [{}] })] });
    expect(policiesFor(world, server).map((p) => p.name)).toEqual(['b', 'c', 'a']);
  });

  it('ignores targetRef and targetRefs policies on a sidecar and on the ingress gateway (policyattachment.go ShouldAttachPolicy)', () => {
    const gateway = gatewayPod('istio-system', 'istio-ingressgateway-abc');
    const policies = [
      authz('foo', 'by-ref', { action: 'DENY', targetRefs: [{ kind: 'Service', group: '', name: 'httpbin' }], rules: [{}] }),
      authz('istio-system', 'gw-ref', { action: 'DENY', targetRef: { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'istio-ingressgateway' }, rules: [{}] }),
    ];
    const world = worldWith({ pods: [server, gateway], policies });
    const atSidecar = evaluateAuthorization(world, request());
    expect(atSidecar.code).toBe('allow.no-policy');
    expect(atSidecar.notes.filter((n) => n.code === 'target-ref-ignored')).toEqual([
      { code: 'target-ref-ignored', policy: { namespace: 'istio-system', name: 'gw-ref' }, field: 'spec.targetRef' },
      { code: 'target-ref-ignored', policy: { namespace: 'foo', name: 'by-ref' }, field: 'spec.targetRefs' },
    ]);
    expect(evaluateAuthorization(world, request({ pod: gateway })).allowed).toBe(true);
  });

  it('sees a policy applied after an earlier decision for the same pod', () => {
    const world = worldWith({ pods: [server] });
    expect(evaluateAuthorization(world, request()).code).toBe('allow.no-policy');
    world.put(authz('foo', 'deny-all', { action: 'DENY', rules: [{}] }));
    expect(evaluateAuthorization(world, request()).code).toBe('deny.matched');
    const snapshot = world.clone();
    snapshot.remove(authz('foo', 'deny-all', {}));
    expect(evaluateAuthorization(snapshot, request()).code).toBe('allow.no-policy');
    expect(evaluateAuthorization(world, request()).code).toBe('deny.matched');
  });
});

describe('evaluateAuthorization: allow-nothing, deny-all and allow-all (DOCS concepts/security; BUILDER allow-nil-rule, allow-empty-rule, deny-empty-rule)', () => {
  it.each([
    { doc: 'no policy: everything is allowed', policies: [], allowed: true, code: 'allow.no-policy' },
    { doc: 'allow-nil-rule: `spec: {}` allows nothing', policies: [authz('foo', 'allow-none', {})], allowed: false, code: 'deny.no-allow-match', deniedBy: 'none' },
    { doc: 'allow-empty-rule: `rules: [{}]` allows everything', policies: [authz('foo', 'allow-all', { rules: [{}] })], allowed: true, code: 'allow.matched', envoyName: 'ns[foo]-policy[allow-all]-rule[0]', field: 'spec.rules[0]' },
    { doc: 'deny-all: DENY with `rules: [{}]`', policies: [authz('foo', 'deny-all', { action: 'DENY', rules: [{}] })], allowed: false, code: 'deny.matched', deniedBy: 'ns[foo]-policy[deny-all]-rule[0]' },
    { doc: 'deny-empty-rule: DENY without rules matches nothing', policies: [authz('foo', 'deny-none', { action: 'DENY' })], allowed: true, code: 'allow.no-deny-match' },
    { doc: 'AUDIT alone enforces nothing', policies: [authz('foo', 'audit', { action: 'AUDIT', rules: [{}] })], allowed: true, code: 'allow.no-policy' },
    { doc: 'deny-and-allow: DENY is evaluated before ALLOW', policies: [authz('foo', 'allow-all', { rules: [{}] }), authz('foo', 'deny-all', { action: 'DENY', rules: [{}] })], allowed: false, code: 'deny.matched', deniedBy: 'ns[foo]-policy[deny-all]-rule[0]' },
    { doc: 'the root namespace policy applies to every workload', policies: [authz('istio-system', 'mesh-allow-nothing', {})], allowed: false, code: 'deny.no-allow-match', deniedBy: 'none' },
    { doc: 'one matching ALLOW rule among several ALLOW policies suffices', policies: [authz('foo', 'a', {}), authz('foo', 'b', { rules: [{ to: [{ operation: { paths: ['/headers'] } }] }] })], allowed: true, code: 'allow.matched', envoyName: 'ns[foo]-policy[b]-rule[0]' },
  ])('$doc', ({ policies, allowed, code, deniedBy, envoyName, field }) => {
    const decision = decide(policies);
    expect(decision.allowed).toBe(allowed);
    expect(decision.code).toBe(code);
    expect(decision.deniedBy).toBe(deniedBy);
    if (envoyName) expect(decision.match?.envoyName).toBe(envoyName);
    if (field) expect(decision.match?.field).toBe(field);
    if (code === 'deny.no-allow-match') expect(decision.match).toBeUndefined();
  });

  it('reports the first matching rule in Envoy name order, as its std::map holds them (rule[10] before rule[2])', () => {
    const rules = Array.from({ length: 11 }, (_, i): JsonObject => (i === 2 || i === 10 ? {} : { to: [{ operation: { paths: ['/nope'] } }] }));
    const decision = decide([authz('foo', 'deny', { action: 'DENY', rules })]);
    expect(decision.deniedBy).toBe('ns[foo]-policy[deny]-rule[10]');
    expect(decision.match?.rule).toBe(10);
  });
});

describe('evaluateAuthorization: from.source (MODEL generator_test.go, MATCHER string_test.go)', () => {
  it.each<{ source: JsonObject; principal: string; matches: boolean }>([
    { source: { principals: [SLEEP] }, principal: SLEEP, matches: true },
    { source: { principals: ['cluster.local/ns/sleep/sa/other'] }, principal: SLEEP, matches: false },
    { source: { principals: ['cluster.local/ns/sleep/*'] }, principal: SLEEP, matches: true },
    { source: { principals: ['*/sa/sleep'] }, principal: SLEEP, matches: true },
    { source: { principals: ['*'] }, principal: SLEEP, matches: true },
    { source: { principals: ['a', SLEEP] }, principal: SLEEP, matches: true },
    { source: { notPrincipals: [SLEEP] }, principal: SLEEP, matches: false },
    { source: { namespaces: ['sleep'] }, principal: SLEEP, matches: true },
    { source: { namespaces: ['sl*'] }, principal: SLEEP, matches: true },
    { source: { namespaces: ['*eep'] }, principal: SLEEP, matches: true },
    { source: { namespaces: ['foo'] }, principal: SLEEP, matches: false },
    { source: { notNamespaces: ['foo'] }, principal: SLEEP, matches: true },
    { source: { serviceAccounts: ['sleep/sleep'] }, principal: SLEEP, matches: true },
    { source: { serviceAccounts: ['sleep'] }, principal: SLEEP, matches: false },
    { source: { serviceAccounts: ['sleep'] }, principal: 'cluster.local/ns/foo/sa/sleep', matches: true },
    { source: { serviceAccounts: ['sleep/sleep'] }, principal: 'cluster.local/ns/sleep/sa/sleep-v2', matches: false },
    { source: { notServiceAccounts: ['sleep/sleep'] }, principal: SLEEP, matches: false },
    { source: { ipBlocks: ['10.8.0.0/16'] }, principal: SLEEP, matches: true },
    { source: { ipBlocks: ['10.8.3.4'] }, principal: SLEEP, matches: true },
    { source: { ipBlocks: ['10.9.0.0/16'] }, principal: SLEEP, matches: false },
    { source: { notIpBlocks: ['10.8.3.0/24'] }, principal: SLEEP, matches: false },
    { source: { remoteIpBlocks: ['203.0.113.0/24'] }, principal: SLEEP, matches: false },
    { source: { requestPrincipals: ['*'] }, principal: SLEEP, matches: false },
    { source: { notRequestPrincipals: ['*'] }, principal: SLEEP, matches: true },
    { source: { principals: [SLEEP], namespaces: ['foo'] }, principal: SLEEP, matches: false },
  ])('$source for $principal: matches=$matches', ({ source, principal, matches }) => {
    const decision = decide([allowRule({ from: [{ source }] })], { principal });
    expect(decision.allowed).toBe(matches);
  });

  it('ORs the entries of `from` and names the field of the one that matched', () => {
    const decision = decide([allowRule({ from: [{ source: { namespaces: ['foo'] } }, { source: { principals: [SLEEP] } }] })]);
    expect(decision.match?.field).toBe('spec.rules[0].from[1].source.principals');
  });

  it('uses remote.ip for remoteIpBlocks (the original client, e.g. behind the ingress gateway)', () => {
    const decision = decide([allowRule({ from: [{ source: { remoteIpBlocks: ['203.0.113.0/24'] } }] })], { remoteIp: '203.0.113.9' });
    expect(decision.code).toBe('allow.matched');
  });
});

describe('evaluateAuthorization: plaintext callers (DOCS best-practices "notPrincipals" under PERMISSIVE; ISTIO-SECURITY-2021-004)', () => {
  it('a plaintext caller never matches principals or namespaces, and the decision notes why', () => {
    const decision = decide([allowRule({ from: [{ source: { principals: [SLEEP] } }] })], { principal: undefined });
    expect(decision.code).toBe('deny.no-allow-match');
    expect(decision.notes).toContainEqual({ code: 'no-principal', policy: { namespace: 'foo', name: 'allow' }, field: 'spec.rules[0].from[0].source.principals' });
  });

  it('even principals: ["*"] (any authenticated peer) fails without a certificate', () => {
    expect(decide([allowRule({ from: [{ source: { principals: ['*'] } }] })], { principal: undefined }).allowed).toBe(false);
  });

  it('a DENY with notPrincipals denies a plaintext caller: the recommended pattern under PERMISSIVE', () => {
    const decision = decide([denyRule({ from: [{ source: { notPrincipals: [SLEEP] } }] })], { principal: undefined });
    expect(decision.code).toBe('deny.matched');
    expect(decision.match?.field).toBe('spec.rules[0].from[0].source.notPrincipals');
    expect(decision.notes.map((n) => n.code)).toContain('no-principal');
  });

  it('a DENY with namespaces lets a plaintext caller through: the pitfall', () => {
    expect(decide([denyRule({ from: [{ source: { namespaces: ['sleep'] } }] })], { principal: undefined }).allowed).toBe(true);
  });

  it('notes nothing for an mTLS caller', () => {
    expect(decide([denyRule({ from: [{ source: { notPrincipals: [SLEEP] } }] })]).notes).toEqual([]);
  });
});

describe('evaluateAuthorization: to.operation (BUILDER allow-path, allow-full-rule; MATCHER header.go)', () => {
  it.each<{ operation: JsonObject; req: Partial<AuthzRequest>; matches: boolean }>([
    { operation: { methods: ['GET'] }, req: {}, matches: true },
    { operation: { methods: ['get'] }, req: {}, matches: false },
    { operation: { methods: ['POST', 'GET'] }, req: {}, matches: true },
    { operation: { notMethods: ['GET'] }, req: {}, matches: false },
    { operation: { paths: ['/headers'] }, req: { path: '/headers?x=1' }, matches: true },
    { operation: { paths: ['/head*'] }, req: {}, matches: true },
    { operation: { paths: ['*ders'] }, req: {}, matches: true },
    { operation: { paths: ['*'] }, req: {}, matches: true },
    { operation: { paths: ['/Headers'] }, req: {}, matches: false },
    { operation: { notPaths: ['/admin*'] }, req: { path: '/admin/users' }, matches: false },
    { operation: { paths: ['/api/{*}/items'] }, req: { path: '/api/v1/items' }, matches: true },
    { operation: { paths: ['/api/{*}/items'] }, req: { path: '/api/v1/x/items' }, matches: false },
    { operation: { paths: ['/api/{**}'] }, req: { path: '/api/v1/x/items' }, matches: true },
    { operation: { ports: ['8080'] }, req: {}, matches: true },
    { operation: { ports: ['9080'] }, req: {}, matches: false },
    { operation: { notPorts: ['8080'] }, req: {}, matches: false },
    { operation: { hosts: ['HTTPBIN.foo.svc.cluster.local:8000'] }, req: {}, matches: true },
    { operation: { hosts: ['httpbin.foo.svc.cluster.local'] }, req: {}, matches: false },
    { operation: { hosts: ['httpbin.foo.svc.cluster.local*'] }, req: {}, matches: true },
    { operation: { hosts: ['*:8000'] }, req: {}, matches: true },
    { operation: { notHosts: ['*'] }, req: {}, matches: false },
    { operation: { methods: ['GET'], paths: ['/ip'] }, req: {}, matches: false },
  ])('$operation for $req: matches=$matches', ({ operation, req, matches }) => {
    expect(decide([allowRule({ to: [{ operation }] })], req).allowed).toBe(matches);
  });

  it('names the operation field when no source decided', () => {
    expect(decide([denyRule({ to: [{ operation: { paths: ['/headers'] } }] })]).match?.field).toBe('spec.rules[0].to[0].operation.paths');
  });

  it('ANDs from, to and when inside a rule, and ORs the rules', () => {
    const rules: JsonObject[] = [
      { from: [{ source: { principals: [SLEEP] } }], to: [{ operation: { methods: ['POST'] } }] },
      { from: [{ source: { principals: [SLEEP] } }], to: [{ operation: { methods: ['GET'] } }], when: [{ key: 'request.headers[x-token]', values: ['abc'] }] },
    ];
    expect(decide([authz('foo', 'allow', { rules })]).allowed).toBe(false);
    const decision = decide([authz('foo', 'allow', { rules })], { headers: { 'x-token': 'abc' } });
    expect(decision.match?.rule).toBe(1);
  });
});

describe('evaluateAuthorization: when conditions (DOCS reference/config/security/conditions)', () => {
  it.each<{ when: JsonObject; req: Partial<AuthzRequest>; matches: boolean }>([
    { when: { key: 'request.headers[X-Token]', values: ['abc'] }, req: { headers: { 'x-token': 'abc' } }, matches: true },
    { when: { key: 'request.headers[x-token]', values: ['*'] }, req: {}, matches: false },
    { when: { key: 'request.headers[x-token]', notValues: ['abc'] }, req: {}, matches: true },
    { when: { key: 'source.ip', values: ['10.8.3.0/24'] }, req: {}, matches: true },
    { when: { key: 'remote.ip', values: ['10.8.3.4'] }, req: {}, matches: true },
    { when: { key: 'source.namespace', values: ['sleep'] }, req: {}, matches: true },
    { when: { key: 'source.principal', values: [SLEEP] }, req: {}, matches: true },
    { when: { key: 'destination.port', values: ['8080'] }, req: {}, matches: true },
    { when: { key: 'destination.port', notValues: ['8080'] }, req: {}, matches: false },
    { when: { key: 'destination.ip', values: ['10.8.1.20'] }, req: {}, matches: true },
    { when: { key: 'connection.sni', values: ['outbound_.8000_._.httpbin.foo.svc.cluster.local'] }, req: { sni: 'outbound_.8000_._.httpbin.foo.svc.cluster.local' }, matches: true },
    { when: { key: 'connection.sni', values: ['*'] }, req: {}, matches: false },
    { when: { key: 'request.auth.claims[iss]', values: ['https://accounts.google.com'] }, req: {}, matches: false },
    { when: { key: 'request.auth.principal', notValues: ['*'] }, req: {}, matches: true },
  ])('$when.key $req: matches=$matches', ({ when, req, matches }) => {
    expect(decide([allowRule({ when: [when] })], req).allowed).toBe(matches);
  });

  it('skips a rule whose when key istiod does not know, whatever the action (model.go New)', () => {
    expect(decide([denyRule({ when: [{ key: 'source.user', values: ['x'] }] })]).allowed).toBe(true);
  });
});

describe('evaluateAuthorization: HTTP fields on TCP (BUILDER testdata/tcp allow-only-http, deny-both-http-tcp)', () => {
  const tcp = { protocol: 'tcp' as const, method: '', path: '', host: '', headers: {} };

  it('allow-only-http: an ALLOW rule with HTTP fields never matches on TCP, so the connection is denied', () => {
    const decision = decide([allowRule({ to: [{ operation: { methods: ['GET'] } }] })], tcp);
    expect(decision.code).toBe('deny.no-allow-match');
    expect(decision.notes).toContainEqual({ code: 'http-fields-on-tcp', policy: { namespace: 'foo', name: 'allow' }, field: 'spec.rules[0].to[0].operation.methods' });
  });

  it('allow-both-http-tcp: the other ALLOW rules still match', () => {
    const policy = authz('foo', 'allow', { rules: [{ to: [{ operation: { methods: ['GET'] } }] }, { to: [{ operation: { ports: ['8080'] } }] }] });
    expect(decide([policy], tcp).match?.envoyName).toBe('ns[foo]-policy[allow]-rule[1]');
  });

  it('deny-both-http-tcp: a DENY rule drops its HTTP fields and matches on what remains (a wider deny)', () => {
    const decision = decide([denyRule({ from: [{ source: { namespaces: ['sleep'] } }], to: [{ operation: { methods: ['POST'] } }] })], tcp);
    expect(decision.code).toBe('deny.matched');
    expect(decision.match?.field).toBe('spec.rules[0].from[0].source.namespaces');
    expect(decision.notes.map((n) => n.code)).toContain('http-fields-on-tcp');
  });

  it('a DENY rule made only of HTTP fields denies every TCP connection', () => {
    expect(decide([denyRule({ to: [{ operation: { paths: ['/admin'] } }], when: [{ key: 'request.headers[x]', values: ['y'] }] })], tcp).code).toBe('deny.matched');
  });

  it('the same DENY rule on HTTP only denies the matching requests', () => {
    expect(decide([denyRule({ to: [{ operation: { methods: ['POST'] } }] })]).allowed).toBe(true);
  });
});

describe('evaluateAuthorization: dry run (DOCS tasks/security/authorization/authz-dry-run; BUILDER dry-run-allow, dry-run-mix)', () => {
  const dryRun = { annotations: { 'istio.io/dry-run': 'true' } };

  it('a dry-run DENY is not enforced, and reports what it would have done', () => {
    const decision = decide([authz('foo', 'deny-all', { action: 'DENY', rules: [{}] }, dryRun)]);
    expect(decision.allowed).toBe(true);
    expect(decision.code).toBe('allow.no-policy');
    expect(decision.applied[0]?.dryRun).toBe(true);
    expect(decision.dryRun).toMatchObject({ allowed: false, code: 'deny.matched', match: { envoyName: 'ns[foo]-policy[deny-all]-rule[0]' } });
  });

  it('a dry-run ALLOW next to an enforced one: the enforced one decides', () => {
    const decision = decide([authz('foo', 'allow-all', { rules: [{}] }), authz('foo', 'allow-post', { rules: [{ to: [{ operation: { methods: ['POST'] } }] }] }, dryRun)]);
    expect(decision.code).toBe('allow.matched');
    expect(decision.dryRun?.allowed).toBe(true);
  });

  it("gives each RBAC filter's shadow engine its own result: the dry-run rules of that action alone", () => {
    const decision = decide([
      authz('foo', 'allow-all', { rules: [{}] }),
      authz('foo', 'allow-post', { rules: [{ to: [{ operation: { methods: ['POST'] } }] }] }, dryRun),
      authz('foo', 'deny-get', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] }, dryRun),
    ]);
    expect(decision.shadow?.ALLOW).toBeNull();
    expect(decision.shadow?.DENY?.envoyName).toBe('ns[foo]-policy[deny-get]-rule[0]');
    expect(decision.shadow && 'CUSTOM' in decision.shadow).toBe(false);
    expect(decide([authz('foo', 'allow-all', { rules: [{}] })]).shadow).toBeUndefined();
  });

  it('a dry-run allow-nothing would deny', () => {
    const decision = decide([authz('foo', 'allow-none', {}, dryRun)]);
    expect(decision.allowed).toBe(true);
    expect(decision.dryRun).toEqual({ allowed: false, code: 'deny.no-allow-match' });
  });

  it('has no dryRun when no dry-run policy applies', () => {
    expect(decide([authz('foo', 'allow-all', { rules: [{}] })]).dryRun).toBeUndefined();
  });
});

describe('evaluateAuthorization: AUDIT and CUSTOM (BUILDER audit-full-rule, custom-bad)', () => {
  it('AUDIT never changes the decision', () => {
    const decision = decide([authz('foo', 'audit', { action: 'AUDIT', rules: [{}] }), authz('foo', 'allow-none', {})]);
    expect(decision.code).toBe('deny.no-allow-match');
    expect(decision.notes).toContainEqual({ code: 'audit-only', policy: { namespace: 'foo', name: 'audit' } });
  });

  it('a CUSTOM policy whose provider is not defined becomes DENY rules (getBadCustomDenyRules): it fails closed', () => {
    const custom = authz('foo', 'ext', { action: 'CUSTOM', provider: { name: 'my-ext-authz' }, rules: [{ to: [{ operation: { paths: ['/headers'] } }] }] });
    const decision = decide([custom, authz('foo', 'allow-all', { rules: [{}] })]);
    expect(decision.code).toBe('deny.matched');
    expect(decision.deniedBy).toBe('istio-ext-authz-ns[foo]-policy[ext]-rule[0]-deny-due-to-bad-CUSTOM-action');
    expect(decision.applied.map((p) => p.action)).toEqual(['CUSTOM', 'ALLOW']);
    expect(decision.notes).toContainEqual({ code: 'custom-no-provider', policy: { namespace: 'foo', name: 'ext' }, field: 'spec.provider' });
  });

  it('a CUSTOM rule that does not match lets the request on to the ALLOW policies', () => {
    const custom = authz('foo', 'ext', { action: 'CUSTOM', provider: { name: 'my-ext-authz' }, rules: [{ to: [{ operation: { paths: ['/admin'] } }] }] });
    expect(decide([custom]).code).toBe('allow.no-deny-match');
  });
});
