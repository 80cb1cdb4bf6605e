import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../objects.ts';
import { parseManifests } from './parseManifests.ts';
import { type ValidationContext, admissionWarnings, validateObject } from './validateObject.ts';

const creating: ValidationContext = { source: 'STDIN', operation: 'creating' };
const CEL_SKIPPED = '* <nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

const pa = (spec: JsonObject, name = 'namespace-policy', apiVersion = 'security.istio.io/v1beta1'): JsonObject => ({
  apiVersion, kind: 'PeerAuthentication', metadata: { name }, spec,
});
const dr = (spec: JsonObject, name = 'frontend'): JsonObject => ({ apiVersion: 'networking.istio.io/v1alpha3', kind: 'DestinationRule', metadata: { name }, spec });
const pod = (spec: JsonObject, name = 'testcurl'): JsonObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const messageOf = (raw: JsonObject, ctx: ValidationContext = creating) => validateObject(raw, ctx)?.message;
const docsOf = (text: string) => parseManifests(text, 'STDIN').docs.map((d) => d.object);

describe('validateObject', () => {
  it('accepts the tutorial manifests', () => {
    const objects = docsOf(`apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: "namespace-policy"
spec:
  mtls:
    mode: STRICT
---
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: "frontend"
  namespace: "frontend"
spec:
  selector:
    matchLabels:
      app: frontend
  mtls:
    mode: STRICT
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: "frontend"
spec:
  host: "frontend.demo.svc.cluster.local"
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
---
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: "mesh-wide"
  namespace: "istio-system"
spec:
  mtls:
    mode: STRICT
---
apiVersion: v1
kind: Pod
metadata:
  name: testcurl
  namespace: default
  annotations:
    sidecar.istio.io/inject: "false"
spec:
  containers:
  - name: curl
    image: curlimages/curl
    command: ["sleep", "600"]
`);
    expect(objects).toHaveLength(5);
    for (const o of objects) {
      expect(validateObject(o, creating)).toBeUndefined();
      expect(admissionWarnings(o)).toEqual([]);
    }
  });

  describe('strict decoding', () => {
    it('rejects an unknown field', () => {
      expect(messageOf(pa({ mtls: { mod: 'STRICT' } }))).toBe(
        'Error from server (BadRequest): error when creating "STDIN": PeerAuthentication in version "v1beta1" cannot be handled as a PeerAuthentication: strict decoding error: unknown field "spec.mtls.mod"',
      );
    });

    it('lists several unknown fields, sorted, in metadata too', () => {
      expect(messageOf({ ...pa({ b: 1, a: 2 }), metadata: { name: 'x', nmae: 'y' } }, { source: 'pa.yaml', operation: 'creating' })).toBe(
        'Error from server (BadRequest): error when creating "pa.yaml": PeerAuthentication in version "v1beta1" cannot be handled as a PeerAuthentication: strict decoding error: unknown field "metadata.nmae", unknown field "spec.a", unknown field "spec.b"',
      );
    });

    it('reports a patch bare, wrapped by apply when the patch is known', () => {
      const raw = pa({ mtls: { mod: 'STRICT' } });
      expect(messageOf(raw, { source: 'STDIN', operation: 'patching' })).toBe(
        'Error from server (BadRequest): error when patching "STDIN": strict decoding error: unknown field "spec.mtls.mod"',
      );
      expect(messageOf(raw, { source: 'STDIN', operation: 'patching', patch: { patch: '{"spec":{"mtls":{"mod":"STRICT"}}}', resource: 'peerauthentications', namespace: 'frontend' } })).toBe(
        'Error from server (BadRequest): error when applying patch:\n{"spec":{"mtls":{"mod":"STRICT"}}}\nto:\nResource: "security.istio.io/v1beta1, Resource=peerauthentications", GroupVersionKind: "security.istio.io/v1beta1, Kind=PeerAuthentication"\nName: "namespace-policy", Namespace: "frontend"\nfor: "STDIN": error when patching "STDIN": strict decoding error: unknown field "spec.mtls.mod"',
      );
    });

    it('reports Object.prototype names as unknown fields like any other', () => {
      const [spec, meta, pod] = docsOf([
        'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata: {name: p}\nspec: {__proto__: {mtls: {mode: STRICT}}, constructor: {}, toString: 1, hasOwnProperty: 2}',
        'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata: {name: p, __proto__: {namespace: istio-system}}\nspec: {}',
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, constructor: x}]}',
      ].join('\n---\n'));
      const prefix = (kind: string, version: string) => `Error from server (BadRequest): error when creating "STDIN": ${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: `;
      expect(messageOf(spec as JsonObject)).toBe(`${prefix('PeerAuthentication', 'v1beta1')}unknown field "spec.__proto__", unknown field "spec.constructor", unknown field "spec.hasOwnProperty", unknown field "spec.toString"`);
      expect(messageOf(meta as JsonObject)).toBe(`${prefix('PeerAuthentication', 'v1beta1')}unknown field "metadata.__proto__"`);
      expect(messageOf(pod as JsonObject)).toBe(`${prefix('Pod', 'v1')}unknown field "spec.containers[0].constructor"`);
      const replicaSet: JsonObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, ...Object.fromEntries([['__proto__', { spec: {} }]]) };
      expect(messageOf(replicaSet)).toBe(`${prefix('ReplicaSet', 'v1')}unknown field "__proto__"`);
    });

    it('knows the AuthorizationPolicy fields of Istio 1.26.4, not those a later release added (trustDomains)', () => {
      const [policy] = docsOf('apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: td, namespace: frontend}\nspec:\n  rules:\n  - from:\n    - source: {principals: [a], trustDomains: [cluster.local], notTrustDomains: [x]}');
      expect(messageOf(policy as JsonObject)).toBe(
        'Error from server (BadRequest): error when creating "STDIN": AuthorizationPolicy in version "v1" cannot be handled as a AuthorizationPolicy: strict decoding error: unknown field "spec.rules[0].from[0].source.notTrustDomains", unknown field "spec.rules[0].from[0].source.trustDomains"',
      );
    });

    it('reports unknown fields of built-in kinds with array indices', () => {
      expect(messageOf(pod({ containers: [{ name: 'curl', image: 'curlimages/curl', imagee: 'x' }] }))).toBe(
        'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"',
      );
    });

    it('reports a Go type error for built-in kinds', () => {
      const deployment: JsonObject = {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
        spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: '80' }] }] } } },
      };
      expect(messageOf(deployment)).toBe(
        'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
      );
    });
  });

  describe('metadata', () => {
    it('checks a custom resource name as an RFC 1123 subdomain', () => {
      expect(messageOf(pa({ mtls: { mode: 'STRICT' } }, 'Bad_Name'))).toBe(
        "The PeerAuthentication \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
    });

    it('checks a Namespace name as an RFC 1123 label', () => {
      expect(messageOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } })).toBe('The Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": must not contain dots');
      expect(messageOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Ad' } })).toBe(
        "The Namespace \"Ad\" is invalid: metadata.name: Invalid value: \"Ad\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      );
    });

    it('checks a Service name as a DNS-1035 label', () => {
      expect(messageOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1frontend' }, spec: { ports: [{ port: 80 }] } })).toBe(
        "The Service \"1frontend\" is invalid: metadata.name: Invalid value: \"1frontend\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      );
    });
  });

  describe('schema and CEL rules', () => {
    it('rejects a lower-case mode; CEL rules are then skipped', () => {
      expect(messageOf(pa({ mtls: { mode: 'strict' } }))).toBe(
        `The PeerAuthentication "namespace-policy" is invalid: \n* spec.mtls.mode: Unsupported value: "strict": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"\n${CEL_SKIPPED}`,
      );
    });

    it('requires a selector for portLevelMtls', () => {
      expect(messageOf(pa({ mtls: { mode: 'STRICT' }, portLevelMtls: { '8080': { mode: 'DISABLE' } } }))).toBe(
        'The PeerAuthentication "namespace-policy" is invalid: spec: Invalid value: "object": portLevelMtls requires selector',
      );
    });

    it('checks selector keys and portLevelMtls ports', () => {
      expect(messageOf(pa({ selector: { matchLabels: { 'a*': 'b' } }, portLevelMtls: { '70000': { mode: 'DISABLE' } } }))).toBe(
        'The PeerAuthentication "namespace-policy" is invalid: \n* spec.selector.matchLabels: Invalid value: "object": wildcard not allowed in label key match\n* spec.portLevelMtls: Invalid value: "object": port must be between 1-65535',
      );
    });

    it('rejects an empty portLevelMtls (minProperties)', () => {
      expect(messageOf(pa({ selector: { matchLabels: { app: 'x' } }, portLevelMtls: {} }))).toBe(
        'The PeerAuthentication "namespace-policy" is invalid: spec.portLevelMtls: Invalid value: 0: spec.portLevelMtls in body should have at least 1 properties',
      );
    });

    it('requires a DestinationRule host and checks its TLS mode', () => {
      expect(messageOf(dr({ trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }))).toBe(
        `The DestinationRule "frontend" is invalid: \n* spec.host: Required value\n${CEL_SKIPPED}`,
      );
      expect(messageOf(dr({ host: 'frontend', trafficPolicy: { tls: { mode: 'STRICT' } } }))).toBe(
        `The DestinationRule "frontend" is invalid: \n* spec.trafficPolicy.tls.mode: Unsupported value: "STRICT": supported values: "DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"\n${CEL_SKIPPED}`,
      );
    });

    it("checks a ServiceEntry's resolution against Istio 1.26.4's values (DYNAMIC_DNS came later)", () => {
      const [entry] = docsOf('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, namespace: default}\nspec: {hosts: [example.com], ports: [{number: 443, name: tls, protocol: TLS}], resolution: DYNAMIC_DNS}');
      expect(messageOf(entry as JsonObject)).toBe(
        `The ServiceEntry "ext" is invalid: \n* spec.resolution: Unsupported value: "DYNAMIC_DNS": supported values: "NONE", "STATIC", "DNS", "DNS_ROUND_ROBIN"\n${CEL_SKIPPED}`,
      );
    });

    it('reports a wrong type on a custom resource', () => {
      expect(messageOf(pa({ mtls: 'STRICT' }))).toBe(
        `The PeerAuthentication "namespace-policy" is invalid: \n* spec.mtls: Invalid value: "string": spec.mtls in body must be of type object: "string"\n${CEL_SKIPPED}`,
      );
    });
  });

  describe('built-in kinds', () => {
    it('requires a container image', () => {
      expect(messageOf(pod({ containers: [{ name: 'curl' }] }))).toBe('The Pod "testcurl" is invalid: spec.containers[0].image: Required value');
      expect(messageOf(pod({ containers: [] }))).toBe('The Pod "testcurl" is invalid: spec.containers: Required value');
    });

    it('checks Service type and ports', () => {
      expect(messageOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'Internal', ports: [{ port: 70000 }] } })).toBe(
        'The Service "web" is invalid: \n* spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n* spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      );
    });

    it('requires a Deployment selector that matches the template labels', () => {
      const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
      expect(messageOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template } })).toBe(
        'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
      );
      expect(messageOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template } })).toBe('The Deployment "web" is invalid: spec.selector: Required value');
    });
  });

  describe('Istio webhook', () => {
    const denied = (msg: string) => `Error from server: error when creating "STDIN": admission webhook "validation.istio.io" denied the request: configuration is invalid: ${msg}`;

    it('rejects wildcards and empty keys in a selector', () => {
      expect(messageOf(pa({ selector: { matchLabels: { app: 'front*' } } }))).toBe(
        'The PeerAuthentication "namespace-policy" is invalid: spec.selector.matchLabels[app]: Invalid value: "string": wildcard not allowed in label value match',
      );
      // With the CRD's CEL rules in place the webhook texts are reachable only through a DestinationRule's workloadSelector.
      expect(messageOf(dr({ host: 'frontend', workloadSelector: { matchLabels: { app: 'front*' } } }))).toBe(denied('wildcard is not supported in selector: "app=front*"'));
    });

    it('requires client certificates for MUTUAL', () => {
      expect(messageOf(dr({ host: 'frontend', trafficPolicy: { tls: { mode: 'MUTUAL', privateKey: '/k' } } }))).toBe(denied('client certificate required for mutual tls'));
    });

    it('lists several errors as go-multierror does', () => {
      expect(messageOf(dr({ host: 'frontend', trafficPolicy: { tls: { mode: 'MUTUAL' } } }))).toBe(
        `${denied('2 errors occurred:\n\t* client certificate required for mutual tls\n\t* private key required for mutual tls')}\n`,
      );
    });

    it('rejects an empty traffic policy and a bad host', () => {
      expect(messageOf(dr({ host: 'frontend', trafficPolicy: {} }))).toBe(denied('traffic policy must have at least one field'));
      expect(messageOf(dr({ host: 'front_end.demo' }))).toBe(denied('domain name "front_end.demo" invalid (label "front_end" invalid)'));
    });

    it('warns about a selector without labels, and accepts the object', () => {
      const raw = pa({ selector: {}, mtls: { mode: 'STRICT' } });
      expect(validateObject(raw, creating)).toBeUndefined();
      expect(admissionWarnings(raw)).toEqual(['Warning: workload selector specified without labels']);
    });
  });

  it('leaves unknown kinds and unserved versions to the caller', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, creating)).toBeUndefined();
    expect(validateObject(pa({ mtls: { mod: 'x' } }, 'x', 'security.istio.io/v1alpha1'), creating)).toBeUndefined();
  });

  it('never throws on random objects', () => {
    const kinds = fc.constantFrom('PeerAuthentication', 'DestinationRule', 'Gateway', 'VirtualService', 'Pod', 'Service', 'Deployment', 'Namespace', 'ServiceAccount');
    const versions: Record<string, string> = {
      PeerAuthentication: 'security.istio.io/v1', DestinationRule: 'networking.istio.io/v1', Gateway: 'networking.istio.io/v1beta1',
      VirtualService: 'networking.istio.io/v1alpha3', Pod: 'v1', Service: 'v1', Deployment: 'apps/v1', Namespace: 'v1', ServiceAccount: 'v1',
    };
    fc.assert(fc.property(kinds, fc.jsonValue(), fc.jsonValue(), fc.string(), (kind, spec, metadata, name) => {
      for (const raw of [
        { apiVersion: versions[kind] ?? 'v1', kind, metadata, spec },
        { apiVersion: versions[kind] ?? 'v1', kind, metadata: { name }, spec: { selector: spec, containers: [spec], ports: [spec], trafficPolicy: spec, portLevelMtls: spec } },
      ] as JsonObject[]) {
        const result = validateObject(raw, creating);
        if (result) expect(typeof result.message).toBe('string');
        expect(Array.isArray(admissionWarnings(raw))).toBe(true);
      }
    }), { numRuns: 500 });
  });
});
