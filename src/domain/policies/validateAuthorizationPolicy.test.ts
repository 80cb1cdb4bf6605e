/**
 * The webhook as `kubectl apply` meets it: through validateObject (schema, CEL rules, then
 * validation.istio.io) and admissionWarnings. Cases mirror istio 1.26.4
 * pkg/config/validation/validation_test.go TestValidateAuthorizationPolicy and
 * pkg/config/security/security_test.go (ValidateIPs, ValidatePorts, CheckValidPathTemplate,
 * CheckServiceAccount), with the messages of validation.go.
 */
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../manifests/parseManifests.ts';
import { admissionWarnings, type ValidationContext, validateObject } from '../manifests/validateObject.ts';
import type { JsonObject } from '../objects.ts';
import { validateAuthorizationPolicy } from './validateAuthorizationPolicy.ts';

const creating: ValidationContext = { source: 'STDIN', operation: 'creating' };
const denied = (msg: string) => `Error from server: error when creating "STDIN": admission webhook "validation.istio.io" denied the request: configuration is invalid: ${msg}`;
const prefix = 'invalid policy httpbin.foo:';

function ap(spec: JsonObject, annotations: Record<string, string> = {}): JsonObject {
  return { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'httpbin', namespace: 'foo', annotations }, spec };
}

const messageOf = (raw: JsonObject) => validateObject(raw, creating)?.message;

describe('validateAuthorizationPolicy (validation_test.go TestValidateAuthorizationPolicy)', () => {
  it('accepts the docs policies: allow-nothing, allow-all, deny with notPrincipals, path and header rules', () => {
    const yaml = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: foo
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: require-mtls
  namespace: foo
spec:
  action: DENY
  rules:
  - from:
    - source:
        notPrincipals: ["*"]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: frontend
  namespace: foo
  annotations:
    istio.io/dry-run: "true"
spec:
  selector:
    matchLabels:
      app: frontend
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/istio-system/sa/istio-ingressgateway"]
    to:
    - operation:
        methods: ["GET", "POST"]
        paths: ["/api/{*}/items", "/static/*"]
        ports: ["8080"]
    when:
    - key: request.headers[x-token]
      values: ["abc"]
`;
    for (const doc of parseManifests(yaml, 'STDIN').docs) {
      expect(validateObject(doc.object, creating)).toBeUndefined();
      expect(admissionWarnings(doc.object)).toEqual([]);
    }
  });

  it.each<{ name: string; spec: JsonObject; error: string }>([
    { name: 'DENY without rules', spec: { action: 'DENY' }, error: `${prefix} DENY action without \`rules\` is meaningless as it will never be triggered, add an empty rule \`{}\` if you want it be triggered for every request` },
    { name: 'CUSTOM without rules', spec: { action: 'CUSTOM', provider: { name: 'ext' } }, error: `${prefix} CUSTOM action without \`rules\` is meaningless as it will never be triggered, add an empty rule \`{}\` if you want it be triggered for every request` },
    { name: 'CUSTOM without provider', spec: { action: 'CUSTOM', rules: [{}] }, error: `${prefix} \`provider.name\` must not be empty` },
    { name: 'provider with ALLOW', spec: { provider: { name: 'ext' }, rules: [{}] }, error: `${prefix} \`provider\` must not be with non CUSTOM action, found ALLOW` },
    { name: 'CUSTOM with principals', spec: { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{ from: [{ source: { principals: ['a'] } }] }] }, error: `${prefix} From.Principals is currently not supported with CUSTOM action` },
    { name: 'CUSTOM with request.auth', spec: { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{ when: [{ key: 'request.auth.claims[iss]', values: ['x'] }] }] }, error: `${prefix} request.auth.claims[iss] is currently not supported with CUSTOM action` },
    { name: 'from without source', spec: { rules: [{ from: [{}] }] }, error: `${prefix} \`from.source\` must not be nil, found at rule 0` },
    { name: 'empty source', spec: { rules: [{}, { from: [{ source: {} }] }] }, error: `${prefix} \`from.source\` must not be empty, found at rule 1` },
    { name: 'to without operation', spec: { rules: [{ to: [{}] }] }, error: `${prefix} \`to.operation\` must not be nil, found at rule 0` },
    { name: 'empty operation', spec: { rules: [{ to: [{ operation: {} }] }] }, error: `${prefix} \`to.operation\` must not be empty, found at rule 0` },
    { name: 'empty value', spec: { rules: [{ from: [{ source: { principals: [''] } }] }] }, error: `${prefix} empty value not allowed, found in Principals` },
    { name: 'empty method', spec: { rules: [{ to: [{ operation: { notMethods: [''] } }] }] }, error: `${prefix} empty value not allowed, found in NotMethods` },
    { name: 'service account wildcard', spec: { rules: [{ from: [{ source: { serviceAccounts: ['foo/*'] } }] }] }, error: `${prefix} wildcard not allowed, found in ServiceAccounts` },
    { name: 'service account format', spec: { rules: [{ from: [{ source: { notServiceAccounts: ['a/b/c'] } }] }] }, error: `${prefix} expected format 'serviceAccount' or 'namespace/serviceAccount', found "a/b/c" in NotServiceAccounts` },
    { name: 'path template not last', spec: { rules: [{ to: [{ operation: { paths: ['/a/{**}/b/{*}'] } }] }] }, error: `${prefix} invalid or unsupported path a/{**}/b/{*}, found in Paths. {**} is not the last operator` },
    { name: 'path braces', spec: { rules: [{ to: [{ operation: { paths: ['/a/{id}'] } }] }] }, error: `${prefix} invalid or unsupported path a/{id}, found in Paths. Contains '{' or '}' beyond a supported path template` },
    { name: 'when without values', spec: { rules: [{ when: [{ key: 'source.ip' }] }] }, error: `${prefix} at least one of \`values\` or \`notValues\` must be set for key source.ip` },
    { name: 'when header key', spec: { rules: [{ when: [{ key: 'request.headers', values: ['x'] }] }] }, error: `2 errors occurred:\n\t* ${prefix} invalid \`value\` for \`key\` request.headers: bad key (request.headers): should have format a[b]\n\t* ${prefix} invalid \`notValue\` for \`key\` request.headers: bad key (request.headers): should have format a[b]\n\n` },
    { name: 'when destination.labels', spec: { rules: [{ when: [{ key: 'destination.labels[app]', notValues: ['x'] }] }] }, error: `2 errors occurred:\n\t* ${prefix} invalid \`value\` for \`key\` destination.labels[app]: attribute destination.labels[app] is replaced by the workload selector\n\t* ${prefix} invalid \`notValue\` for \`key\` destination.labels[app]: attribute destination.labels[app] is replaced by the workload selector\n\n` },
  ])('rejects $name', ({ spec, error }) => {
    const message = messageOf(ap(spec));
    expect(message).toBe(error.endsWith('\n\n') ? `${denied(error)}`.replace(/\n$/, '') : denied(error));
  });

  it('lists an unknown when key twice, for values and for notValues (ValidateAttribute runs on both)', () => {
    expect(validateAuthorizationPolicy(ap({ rules: [{ when: [{ key: 'source.user', values: ['x'] }] }] })).errors).toEqual([
      `${prefix} invalid \`value\` for \`key\` source.user: unknown attribute: source.user`,
      `${prefix} invalid \`notValue\` for \`key\` source.user: unknown attribute: source.user`,
    ]);
  });

  it('prints a bad IP as the multierror ValidateIPs returns, even alone (security_test.go TestValidateIPs)', () => {
    expect(messageOf(ap({ rules: [{ from: [{ source: { ipBlocks: ['10.0.0.0/33'] } }] }] }))).toBe(
      denied(`1 error occurred:\n\t* ${prefix} bad CIDR range (10.0.0.0/33): netip.ParsePrefix("10.0.0.0/33"): prefix length out of range\n`),
    );
    expect(validateAuthorizationPolicy(ap({ rules: [{ from: [{ source: { notIpBlocks: ['1.2.3', '10.0.0.1/x', '10.1.2.3'] } }] }] })).errors).toEqual([
      `${prefix} bad IP address (1.2.3)`,
      `${prefix} bad CIDR range (10.0.0.1/x): netip.ParsePrefix("10.0.0.1/x"): bad bits after slash: "x"`,
    ]);
    expect(validateAuthorizationPolicy(ap({ rules: [{ from: [{ source: { ipBlocks: ['300.1.1.1/8'] } }] }] })).errors).toEqual([
      `1 error occurred:\n\t* ${prefix} bad CIDR range (300.1.1.1/8): netip.ParsePrefix("300.1.1.1/8"): ParseAddr("300.1.1.1"): IPv4 field has value >255\n\n`,
    ]);
  });

  it('rejects ports that are not numbers up to 65535 (security_test.go TestValidatePorts)', () => {
    expect(validateAuthorizationPolicy(ap({ rules: [{ to: [{ operation: { ports: ['http', '70000'] } }] }] })).errors).toEqual([
      `${prefix} bad port (http): strconv.ParseUint: parsing "http": invalid syntax`,
      `${prefix} bad port (70000): <nil>`,
    ]);
    expect(validateAuthorizationPolicy(ap({ rules: [{ when: [{ key: 'destination.port', values: ['-1'] }] }] })).errors).toEqual([
      `${prefix} invalid \`value\` for \`key\` destination.port: 1 error occurred:\n\t* bad port (-1): strconv.ParseUint: parsing "-1": invalid syntax\n\n`,
    ]);
  });

  it('checks the dry-run annotation before anything else (validateMetadata)', () => {
    expect(messageOf(ap({ action: 'AUDIT', rules: [{}] }, { 'istio.io/dry-run': 'true' }))).toBe(denied('the annotation istio.io/dry-run currently only supports action ALLOW/DENY, found action AUDIT in foo/httpbin'));
    expect(messageOf(ap({ action: 'DENY' }, { 'istio.io/dry-run': 'yes' }))).toBe(denied('foo/httpbin has annotation istio.io/dry-run with invalid value (yes): strconv.ParseBool: parsing "yes": invalid syntax'));
  });

  it('names a policy written without a namespace by the request namespace', () => {
    const raw: JsonObject = { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'x' }, spec: { action: 'DENY' } };
    expect(validateAuthorizationPolicy(raw, 'frontend').errors[0]).toMatch(/^invalid policy x\.frontend: DENY action/);
  });

  it('warns that a DENY rule of only HTTP attributes denies every TCP connection, and accepts it', () => {
    const raw = ap({ action: 'DENY', rules: [{ to: [{ operation: { methods: ['POST'] } }] }, { from: [{ source: { namespaces: ['x'] } }] }, { from: [{ source: { requestPrincipals: ['*'] } }] }] });
    expect(validateObject(raw, creating)).toBeUndefined();
    const warning = 'Warning: configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port';
    expect(admissionWarnings(raw)).toEqual([warning, warning]);
    expect(admissionWarnings(ap({ action: 'DENY', rules: [{ to: [{ operation: { methods: ['POST'], ports: ['8080'] } }] }] }))).toEqual([]);
    expect(admissionWarnings(ap({ rules: [{ to: [{ operation: { methods: ['POST'] } }] }] }))).toEqual([]);
  });

  it('warns about a selector without labels', () => {
    expect(admissionWarnings(ap({ selector: {}, rules: [{}] }))).toEqual(['Warning: workload selector specified without labels']);
  });

  it('rejects a targetRef to a kind policies cannot attach to (validatePolicyTargetReference)', () => {
    expect(validateAuthorizationPolicy(ap({ targetRef: { kind: 'Deployment', group: 'apps', name: 'x' }, rules: [{}] })).errors).toEqual([
      `${prefix} targetRef must be to one of [core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1beta1/Gateway gateway.networking.k8s.io/v1beta1/GatewayClass] but was apps/Deployment`,
    ]);
    expect(validateAuthorizationPolicy(ap({ targetRefs: [{ kind: 'Service', group: '', name: 'httpbin' }], rules: [{}] })).errors).toEqual([]);
  });
});
