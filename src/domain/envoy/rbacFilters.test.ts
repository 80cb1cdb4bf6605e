/**
 * The RBAC filters against istiod 1.26's own goldens: istio/istio 1.26.8
 * pilot/pkg/security/authz/builder/builder_test.go (TestGenerator_GenerateHTTP, TestGenerator_GenerateTCP)
 * and its testdata, copied verbatim into ./rbacGolden (the `*-in.yaml` policies, the `*-out.yaml`
 * filters istiod builds for a proxy labelled app=httpbin,version=v1 in namespace foo).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import type { JsonObject, KubeObject } from '../objects.ts';
import { authorizationPolicy, pod, service, worldWith } from '../testing/fixtures.ts';
import type { World } from '../world.ts';
import { envoyConfig } from './envoyConfig.ts';
import { type ProtoObject, toCamelJson } from './protoJson.ts';
import { evaluateAuthorization } from '../policies/authorizationPolicy.ts';
import { formatAddress, rbacHttpFilters, rbacNetworkFilters } from './rbacFilters.ts';

const HTTPBIN = { app: 'httpbin', version: 'v1' };

function golden(file: string): string {
  return readFileSync(new URL(`./rbacGolden/${file}`, import.meta.url), 'utf8');
}

/** The `-in.yaml` policies in a world, oldest first, and the httpbin pod they select. */
function worldOf(input: string): { world: World; httpbin: KubeObject } {
  type Doc = { metadata: { name: string; namespace: string; annotations?: Record<string, string> }; spec: JsonObject } | null;
  const docs = parseAllDocuments(golden(input)).map((doc) => doc.toJS() as Doc).filter((d) => d !== null);
  const policies = docs.map((obj, i) => {
    return authorizationPolicy(obj.metadata.namespace, obj.metadata.name, obj.spec, { annotations: obj.metadata.annotations ?? {}, createdAt: i });
  });
  const httpbin = pod('foo', 'httpbin', { labels: HTTPBIN });
  return { world: worldWith({ pods: [httpbin], policies }), httpbin };
}

function expectGolden(filters: ProtoObject[], outputs: string[]): void {
  expect(toCamelJson(filters)).toEqual(outputs.map((file) => parse(golden(file)) as unknown));
}

/**
 * [what it shows, the input, the filters istiod builds]: `http/` as TestGenerator_GenerateHTTP
 * builds them (BuildHTTP), `tcp/` as TestGenerator_GenerateTCP does (BuildTCP).
 */
const GOLDENS: [string, string, string[]][] = [
  ['an ALLOW rule `{}`: any permission, any principal', 'http/allow-empty-rule-in.yaml', ['http/allow-empty-rule-out.yaml']],
  ['an ALLOW policy without rules: rule[0] that matches nothing', 'http/allow-nil-rule-in.yaml', ['http/allow-nil-rule-out.yaml']],
  ['paths: exact, prefix, suffix, `*` as `.+`, and {*}/{**} as an Envoy URI template', 'http/allow-path-in.yaml', ['http/allow-path-out.yaml']],
  ['every source, operation and `when` field, values and not-values', 'http/allow-full-rule-in.yaml', ['http/allow-full-rule-out.yaml']],
  ['AUDIT as Envoy\'s LOG action', 'http/audit-full-rule-in.yaml', ['http/audit-full-rule-out.yaml']],
  ['CUSTOM without a usable provider: DENY rules named …-deny-due-to-bad-CUSTOM-action', 'http/custom-bad-multiple-providers-in.yaml', ['http/custom-bad-out.yaml']],
  ['DENY then ALLOW, one filter each', 'http/deny-and-allow-in.yaml', ['http/deny-and-allow-out1.yaml', 'http/deny-and-allow-out2.yaml']],
  ['a DENY rule `{}`', 'http/deny-empty-rule-in.yaml', ['http/deny-empty-rule-out.yaml']],
  ['a dry-run ALLOW: shadow rules only', 'http/dry-run-allow-in.yaml', ['http/dry-run-allow-out.yaml']],
  ['dry-run DENY and ALLOW: istio_dry_run_deny_ and istio_dry_run_allow_', 'http/dry-run-allow-and-deny-in.yaml', ['http/dry-run-allow-and-deny-out1.yaml', 'http/dry-run-allow-and-deny-out2.yaml']],
  ['enforced and dry-run policies of one action in one filter', 'http/dry-run-mix-in.yaml', ['http/dry-run-mix-out.yaml']],
  ['several policies, some selecting other workloads', 'http/multiple-policies-in.yaml', ['http/multiple-policies-out.yaml']],
  ['two rules of two sources and two operations each, with `when`', 'http/single-policy-in.yaml', ['http/single-policy-out.yaml']],
  ['an ALLOW rule with an HTTP field is skipped; the TCP-only one stays', 'tcp/allow-both-http-tcp-in.yaml', ['tcp/allow-both-http-tcp-out.yaml']],
  ['only HTTP ALLOW rules: an ALLOW filter with no policy (`rules: {}`)', 'tcp/allow-only-http-in.yaml', ['tcp/allow-only-http-out.yaml']],
  ['AUDIT keeps its rules without the HTTP fields', 'tcp/audit-both-http-tcp-in.yaml', ['tcp/audit-both-http-tcp-out.yaml']],
  ['DENY keeps its rules without the HTTP fields (a wider deny)', 'tcp/deny-both-http-tcp-in.yaml', ['tcp/deny-both-http-tcp-out.yaml']],
  ['enforced and dry-run ALLOW on TCP', 'tcp/dry-run-mix-in.yaml', ['tcp/dry-run-mix-out.yaml']],
];

describe('RBAC filters, as istiod 1.26 builder_test.go builds them', () => {
  for (const [title, input, outputs] of GOLDENS) {
    const tcp = input.startsWith('tcp/');
    // The test's name cites istio's testdata/<input> and the outputs it compares to.
    it(`${tcp ? 'TCP' : 'HTTP'}: ${title} (testdata/${input} → ${outputs.map((o) => o.slice(o.indexOf('/') + 1)).join(', ')})`, () => {
      const { world, httpbin } = worldOf(input);
      expectGolden((tcp ? rbacNetworkFilters : rbacHttpFilters)(world, httpbin), outputs);
    });
  }
});

describe('RBAC filters in the proxy configuration', () => {
  function meshWith(policies: KubeObject[]) {
    const web = pod('shop', 'web', { ports: [8080, 9000] });
    const world = worldWith({
      pods: [web, pod('shop', 'client')],
      services: [{ ...service('shop', 'web'), spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'tcp-db', port: 9000, targetPort: 9000 }] } }],
      policies,
    });
    const config = envoyConfig(world, world.get('Pod', 'shop', 'web') as KubeObject);
    if (!config) throw new Error('no config');
    return config;
  }

  /** Filter names of each virtualInbound chain (HTTP filters inside the connection manager). */
  function chainFilters(listeners: ProtoObject[]): Record<string, string[]> {
    const inbound = listeners.find((l) => l.name === 'virtualInbound');
    const out: Record<string, string[]> = {};
    for (const chain of (inbound?.filter_chains ?? []) as ProtoObject[]) {
      const match = chain.filter_chain_match as ProtoObject;
      const key = `${String(chain.name)} ${String(match.transport_protocol ?? '')}`;
      out[key] = ((chain.filters ?? []) as ProtoObject[]).flatMap((f) => {
        const hcm = (f.typed_config as ProtoObject | undefined)?.http_filters as ProtoObject[] | undefined;
        return hcm ? hcm.map((h) => `http:${String(h.name)}`) : [String(f.name)];
      });
    }
    return out;
  }

  it('leaves a proxy without policies as it was', () => {
    const filters = Object.values(chainFilters(meshWith([]).listeners)).flat();
    expect(filters.some((f) => f.includes('rbac'))).toBe(false);
  });

  it('puts the HTTP filters after metadata exchange in inbound connection managers, and the network filters between metadata exchange and stats on TCP chains', () => {
    const config = meshWith([
      authorizationPolicy('shop', 'deny-admin', { action: 'DENY', rules: [{ to: [{ operation: { paths: ['/admin'] } }] }] }),
      authorizationPolicy('shop', 'allow-client', { rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/default'] } }] }] }),
    ]);
    const chains = chainFilters(config.listeners);
    expect(chains['virtualInbound-blackhole ']).toEqual(['istio.metadata_exchange', 'istio.stats', 'envoy.filters.network.tcp_proxy']);
    // listener_test.go TestInboundFilters (1.26): mx, (CUSTOM), RBAC, gRPC stats, fault, CORS, stats, router.
    expect(chains['0.0.0.0_8080 tls']).toEqual([
      'istio.metadata_exchange',
      'http:istio.metadata_exchange', 'http:envoy.filters.http.rbac', 'http:envoy.filters.http.rbac', 'http:envoy.filters.http.grpc_stats',
      'http:envoy.filters.http.fault', 'http:envoy.filters.http.cors', 'http:istio.stats', 'http:envoy.filters.http.router',
    ]);
    expect(chains['0.0.0.0_9000 tls']).toEqual(['istio.metadata_exchange', 'envoy.filters.network.rbac', 'envoy.filters.network.rbac', 'istio.stats', 'envoy.filters.network.tcp_proxy']);
    // The passthrough chains too; never the outbound listeners.
    expect(chains['virtualInbound raw_buffer']).toContain('envoy.filters.network.rbac');
    const outbound = JSON.stringify(config.listeners.filter((l) => l.name !== 'virtualInbound'));
    expect(outbound).not.toContain('rbac');
  });

  it('writes the DENY path match and the ALLOW principal as istiod does', () => {
    const config = meshWith([
      authorizationPolicy('shop', 'deny-admin', { action: 'DENY', rules: [{ to: [{ operation: { paths: ['/admin*'], methods: ['POST'] } }] }] }),
      authorizationPolicy('shop', 'allow-client', { rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/default'], namespaces: ['shop'] } }] }] }),
    ]);
    const inbound = config.listeners.find((l) => l.name === 'virtualInbound');
    const chain = ((inbound?.filter_chains ?? []) as ProtoObject[]).find((c) => c.name === '0.0.0.0_9000') as ProtoObject;
    const [deny, allow] = ((chain.filters as ProtoObject[]).filter((f) => f.name === 'envoy.filters.network.rbac')).map((f) => toCamelJson(f.typed_config as ProtoObject));
    // On TCP the DENY rule loses its HTTP fields: it denies every connection.
    expect(deny).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC',
      rules: { action: 'DENY', policies: { 'ns[shop]-policy[deny-admin]-rule[0]': { permissions: [{ andRules: { rules: [{ any: true }] } }], principals: [{ andIds: { ids: [{ any: true }] } }] } } },
      shadowRulesStatPrefix: 'istio_dry_run_allow_',
      statPrefix: 'tcp.',
    });
    expect(allow).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC',
      rules: {
        policies: {
          'ns[shop]-policy[allow-client]-rule[0]': {
            permissions: [{ andRules: { rules: [{ any: true }] } }],
            principals: [{ andIds: { ids: [
              { orIds: { ids: [{ authenticated: { principalName: { exact: 'spiffe://cluster.local/ns/shop/sa/default' } } }] } },
              { orIds: { ids: [{ authenticated: { principalName: { safeRegex: { regex: '.*/ns/shop/.*' } } } }] } },
            ] } }],
          },
        },
      },
      shadowRulesStatPrefix: 'istio_dry_run_allow_',
      statPrefix: 'tcp.',
    });
  });

  it('gives the gateway\'s HTTP listeners the HTTP filters of the policies selecting it, and drops them when the policy goes', () => {
    const world = createDefaultWorld();
    const gateway = world.list('Pod', 'istio-system').find((p) => p.metadata.labels.istio === 'ingressgateway') as KubeObject;
    const httpFilterNames = () => (envoyConfig(world, gateway)?.listeners ?? []).flatMap((l) => ((l.filter_chains ?? []) as ProtoObject[]).flatMap((c) => (c.filters ?? []) as ProtoObject[]))
      .flatMap((f) => (((f.typed_config as ProtoObject).http_filters ?? []) as ProtoObject[]).map((h) => String(h.name)));
    expect(httpFilterNames()).not.toContain('envoy.filters.http.rbac');
    const gwPolicy = authorizationPolicy('istio-system', 'gw-deny', { selector: { matchLabels: { istio: 'ingressgateway' } }, action: 'DENY', rules: [{ to: [{ operation: { paths: ['/private'] } }] }] });
    world.put(gwPolicy);
    const names = httpFilterNames();
    expect(names.length).toBeGreaterThan(0);
    expect(names.slice(0, 3)).toEqual(['istio.metadata_exchange', 'envoy.filters.http.rbac', 'envoy.filters.http.grpc_stats']);
    world.remove(gwPolicy);
    expect(httpFilterNames()).not.toContain('envoy.filters.http.rbac');
  });
});

describe('RBAC filters and the evaluator', () => {
  it('name every rule the evaluator can report as the deciding one, under the filter of its action', () => {
    const web = pod('shop', 'web');
    const world = worldWith({
      pods: [web],
      policies: [
        authorizationPolicy('shop', 'deny-post', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }, { to: [{ operation: { methods: ['POST'] } }] }] }),
        authorizationPolicy('shop', 'allow-ns', { rules: [{ from: [{ source: { namespaces: ['shop'] } }] }] }),
      ],
    });
    const base = { pod: web, port: 8080, protocol: 'http' as const, sourceIp: '10.8.0.9', remoteIp: '10.8.0.9', path: '/', host: 'web', headers: {} };
    const denied = evaluateAuthorization(world, { ...base, method: 'POST', principal: 'cluster.local/ns/shop/sa/default' });
    const allowed = evaluateAuthorization(world, { ...base, method: 'PUT', principal: 'cluster.local/ns/shop/sa/default' });
    const [deny, allow] = toCamelJson(rbacHttpFilters(world, web)) as { typedConfig: { rules: { action?: string; policies: Record<string, unknown> } } }[];
    expect(denied.deniedBy).toBe('ns[shop]-policy[deny-post]-rule[1]');
    expect(deny?.typedConfig.rules.action).toBe('DENY');
    expect(Object.keys(deny?.typedConfig.rules.policies ?? {})).toContain(denied.deniedBy);
    expect(allowed.match?.envoyName).toBe('ns[shop]-policy[allow-ns]-rule[0]');
    expect(allow?.typedConfig.rules.action).toBeUndefined();
    expect(Object.keys(allow?.typedConfig.rules.policies ?? {})).toEqual([allowed.match?.envoyName]);
  });
});

describe('formatAddress (netip.Addr.String)', () => {
  it('compresses the longest zero run of an IPv6 address and keeps IPv4-mapped ones dotted', () => {
    expect(formatAddress(128, 0x20010db8000000000000000000000001n)).toBe('2001:db8::1');
    expect(formatAddress(128, 0n)).toBe('::');
    expect(formatAddress(128, 0x20010db8000100000001000000000000n)).toBe('2001:db8:1:0:1::');
    expect(formatAddress(128, 0xffff0a000001n)).toBe('::ffff:10.0.0.1');
    expect(formatAddress(32, 0x0a000001n)).toBe('10.0.0.1');
  });
});
