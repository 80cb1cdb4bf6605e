import { describe, expect, it } from 'vitest';
import type { JsonObject, KubeObject } from '../objects.ts';
import { destinationRule, gatewayPod, peerAuthentication, pod, service, worldWith } from '../testing/fixtures.ts';
import { resolveClientTls } from './resolveClientTls.ts';
import type { ClientTlsDecision } from './types.ts';

const FRONTEND = 'frontend.frontend.svc.cluster.local';
const SNI = 'outbound_.80_._.frontend.frontend.svc.cluster.local';
const SAN = 'spiffe://cluster.local/ns/frontend/sa/frontend';

// A sidecar client in loadgenerator calls frontend:80, which targets container port 8080.
const sidecarClient = { namespace: 'loadgenerator', kind: 'sidecar' } as const;
const frontendSvc = service('frontend', 'frontend', { ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
const frontendPod = (options: Parameters<typeof pod>[2] = {}) => pod('frontend', 'frontend-6b8d', { labels: { app: 'frontend' }, serviceAccount: 'frontend', ...options });

const tlsDr = (tls: JsonObject, extra: JsonObject = {}, host = 'frontend') => destinationRule('frontend', 'frontend', { host, trafficPolicy: { tls, ...extra } });
const portDr = (top: JsonObject | undefined, port: number, portPolicy: JsonObject) =>
  destinationRule('frontend', 'frontend', { host: 'frontend', trafficPolicy: { ...(top ? { tls: top } : {}), portLevelSettings: [{ port: { number: port }, ...portPolicy }] } });
const nsPa = (ns: string, mode: string) => peerAuthentication(ns, 'default', { mtls: { mode } });
const meshPa = (mode: string) => peerAuthentication('istio-system', 'default', { mtls: { mode } });
const wlPa = (spec: JsonObject) => peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, ...spec });

interface Row {
  test: string;
  policies?: KubeObject[];
  endpoint?: KubeObject;
  sends: ClientTlsDecision['sends'];
  source: ClientTlsDecision['source'];
  code: string;
}

const rows: Row[] = [
  // Explicit DestinationRule tls (cluster_tls.go buildUpstreamTLSSettings).
  { test: 'TestApplyUpstreamTLSSettings: DR DISABLE → plaintext', policies: [tlsDr({ mode: 'DISABLE' })], sends: 'PLAINTEXT', source: 'destination-rule', code: 'dr.disable' },
  { test: 'DR tls: {} is DISABLE (the proto enum default)', policies: [tlsDr({})], sends: 'PLAINTEXT', source: 'destination-rule', code: 'dr.disable' },
  { test: 'TestApplyUpstreamTLSSettings: DR SIMPLE → one-way TLS', policies: [tlsDr({ mode: 'SIMPLE' })], sends: 'SIMPLE_TLS', source: 'destination-rule', code: 'dr.simple' },
  { test: 'TestApplyUpstreamTLSSettings: DR MUTUAL → TLS with user certs', policies: [tlsDr({ mode: 'MUTUAL', clientCertificate: '/c.pem', privateKey: '/k.pem' })], sends: 'MUTUAL_TLS', source: 'destination-rule', code: 'dr.mutual' },
  { test: 'TestApplyUpstreamTLSSettings/"user specified with istio_mutual tls"', policies: [tlsDr({ mode: 'ISTIO_MUTUAL' })], sends: 'ISTIO_MUTUAL', source: 'destination-rule', code: 'dr.istio-mutual' },
  { test: 'DR ISTIO_MUTUAL even to a sidecar-less endpoint', policies: [tlsDr({ mode: 'ISTIO_MUTUAL' })], endpoint: frontendPod({ sidecar: false }), sends: 'ISTIO_MUTUAL', source: 'destination-rule', code: 'dr.istio-mutual' },
  { test: 'ep_filters_test mtlsCases "mtls-on-override-pa": DR ISTIO_MUTUAL beats namespace DISABLE', policies: [nsPa('frontend', 'DISABLE'), tlsDr({ mode: 'ISTIO_MUTUAL' })], sends: 'ISTIO_MUTUAL', source: 'destination-rule', code: 'dr.istio-mutual' },
  { test: 'DR DISABLE to a STRICT server still sends plaintext', policies: [nsPa('frontend', 'STRICT'), tlsDr({ mode: 'DISABLE' })], sends: 'PLAINTEXT', source: 'destination-rule', code: 'dr.disable' },
  // Port-level settings are keyed by the SERVICE port and replace the whole policy for it.
  { test: 'ep_filters_test mtlsCases "mtls-off-port-level": port 80 DISABLE under top-level ISTIO_MUTUAL', policies: [portDr({ mode: 'ISTIO_MUTUAL' }, 80, { tls: { mode: 'DISABLE' } })], sends: 'PLAINTEXT', source: 'destination-rule', code: 'dr.disable' },
  { test: 'ep_filters_test mtlsCases "mtls-on-port-level": port 80 ISTIO_MUTUAL under top-level DISABLE', policies: [portDr({ mode: 'DISABLE' }, 80, { tls: { mode: 'ISTIO_MUTUAL' } })], sends: 'ISTIO_MUTUAL', source: 'destination-rule', code: 'dr.istio-mutual' },
  { test: 'a port-level entry for the container port 8080 does not apply: the top-level tls does', policies: [portDr({ mode: 'ISTIO_MUTUAL' }, 8080, { tls: { mode: 'DISABLE' } })], sends: 'ISTIO_MUTUAL', source: 'destination-rule', code: 'dr.istio-mutual' },
  { test: 'MergeSubsetTrafficPolicy: a port-level entry without tls replaces the top-level tls → auto mTLS', policies: [portDr({ mode: 'DISABLE' }, 80, { connectionPool: { tcp: { maxConnections: 10 } } })], sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls' },
  { test: 'a DR with subsets only (no trafficPolicy) leaves auto mTLS on', policies: [destinationRule('frontend', 'frontend', { host: 'frontend', subsets: [{ name: 'v1', labels: { version: 'v1' } }] })], sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls' },
  { test: 'ep_filters_test mtlsCases "mtls-off-ineffective": a DR for another host does nothing', policies: [tlsDr({ mode: 'DISABLE' }, {}, 'other.frontend.svc.cluster.local')], sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls' },
  { test: 'the tutorial\'s DR for frontend.demo.svc.cluster.local does nothing', policies: [tlsDr({ mode: 'DISABLE' }, {}, 'frontend.demo.svc.cluster.local')], sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls' },
  // Auto mTLS (cluster_tls.go, mtls_checker.go checkMtlsEnabled).
  { test: 'TestBuildAutoMtlsSettings "permissive": no DR, sidecar endpoint → mTLS', sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls' },
  { test: 'ep_filters_test mtlsCases "mtls-on-strict": the client does not treat STRICT specially', policies: [nsPa('frontend', 'STRICT')], sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls' },
  { test: 'TestApplyUpstreamTLSSettings/"auto detect with tls": endpoint without sidecar → plaintext', endpoint: frontendPod({ sidecar: false }), sends: 'PLAINTEXT', source: 'auto-mtls-no-sidecar', code: 'auto.no-sidecar' },
  { test: 'GetTLSModeFromEndpointLabels: a sidecar pod without the tlsMode label → plaintext', endpoint: frontendPod({ tlsMode: null }), sends: 'PLAINTEXT', source: 'auto-mtls-no-sidecar', code: 'auto.no-sidecar' },
  { test: 'ep_filters_test mtlsCases "mtls-off-global": mesh DISABLE', policies: [meshPa('DISABLE')], sends: 'PLAINTEXT', source: 'auto-mtls-service-disabled', code: 'auto.service-disabled' },
  { test: 'ep_filters_test mtlsCases "mtls-off-namespace": namespace DISABLE', policies: [nsPa('frontend', 'DISABLE')], sends: 'PLAINTEXT', source: 'auto-mtls-service-disabled', code: 'auto.service-disabled' },
  { test: 'BestEffortInferServiceMTLSMode reads the service\'s namespace, not the client\'s', policies: [nsPa('loadgenerator', 'DISABLE')], sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls' },
  { test: 'ep_filters_test mtlsCases "mtls-off-workload": workload DISABLE', policies: [wlPa({ mtls: { mode: 'DISABLE' } })], sends: 'PLAINTEXT', source: 'auto-mtls-disabled-port', code: 'auto.server-disable' },
  { test: 'ep_filters_test mtlsCases "mtls-off-port": port-level 8080 DISABLE (service 80 → target 8080)', policies: [wlPa({ portLevelMtls: { '8080': { mode: 'DISABLE' } } })], sends: 'PLAINTEXT', source: 'auto-mtls-disabled-port', code: 'auto.server-disable' },
  { test: 'port-level keyed by the service port 80 does not apply to container port 8080', policies: [wlPa({ portLevelMtls: { '80': { mode: 'DISABLE' } } })], sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls' },
  { test: 'namespace STRICT with workload PERMISSIVE → mTLS', policies: [nsPa('frontend', 'STRICT'), wlPa({ mtls: { mode: 'PERMISSIVE' } })], sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls' },
  { test: '#56084 limitation: namespace DISABLE + workload STRICT → plaintext', policies: [nsPa('frontend', 'DISABLE'), wlPa({ mtls: { mode: 'STRICT' } })], sends: 'PLAINTEXT', source: 'auto-mtls-service-disabled', code: 'auto.service-disabled.56084' },
  { test: '#56084 limitation: mesh DISABLE + workload STRICT → plaintext', policies: [meshPa('DISABLE'), wlPa({ mtls: { mode: 'STRICT' } })], sends: 'PLAINTEXT', source: 'auto-mtls-service-disabled', code: 'auto.service-disabled.56084' },
  { test: '#56084 limitation: namespace DISABLE + port-level STRICT on the container port', policies: [nsPa('frontend', 'DISABLE'), wlPa({ portLevelMtls: { '8080': { mode: 'STRICT' } } })], sends: 'PLAINTEXT', source: 'auto-mtls-service-disabled', code: 'auto.service-disabled.56084' },
  { test: 'TestBestEffortInferServiceMTLSMode: namespace STRICT over mesh DISABLE keeps auto mTLS on', policies: [meshPa('DISABLE'), nsPa('frontend', 'STRICT')], sends: 'ISTIO_MUTUAL', source: 'auto-mtls', code: 'auto.mtls' },
];

describe('resolveClientTls', () => {
  it.each(rows)('$test → $sends', ({ policies = [], endpoint = frontendPod(), sends, source, code }) => {
    const world = worldWith({ pods: [endpoint], services: [frontendSvc], policies });
    const decision = resolveClientTls(world, sidecarClient, frontendSvc, 80, endpoint, 8080);
    expect({ sends: decision.sends, source: decision.source, code: decision.reason.code }).toEqual({ sends, source, code });
  });

  it('names the DR and host: DestinationRule frontend/frontend sets ISTIO_MUTUAL for …', () => {
    const endpoint = frontendPod();
    const world = worldWith({ pods: [endpoint], services: [frontendSvc], policies: [tlsDr({ mode: 'ISTIO_MUTUAL' })] });
    const decision = resolveClientTls(world, sidecarClient, frontendSvc, 80, endpoint, 8080);
    expect(decision.reason.text).toBe(`DestinationRule frontend/frontend sets ISTIO_MUTUAL for ${FRONTEND}`);
    expect(decision.destinationRule).toEqual({ kind: 'DestinationRule', namespace: 'frontend', name: 'frontend', field: 'spec.trafficPolicy.tls.mode' });
  });

  it('names the port-level field', () => {
    const endpoint = frontendPod();
    const world = worldWith({ pods: [endpoint], services: [frontendSvc], policies: [portDr({ mode: 'ISTIO_MUTUAL' }, 80, { tls: { mode: 'DISABLE' } })] });
    const decision = resolveClientTls(world, sidecarClient, frontendSvc, 80, endpoint, 8080);
    expect(decision.reason.text).toBe(`DestinationRule frontend/frontend (port 80) sets DISABLE for ${FRONTEND} → plaintext`);
    expect(decision.reason.causes).toEqual([{ kind: 'DestinationRule', namespace: 'frontend', name: 'frontend', field: 'spec.trafficPolicy.portLevelSettings[0].tls.mode' }]);
  });

  it('explains auto mTLS to a sidecar', () => {
    const endpoint = frontendPod();
    const decision = resolveClientTls(worldWith({ pods: [endpoint], services: [frontendSvc] }), sidecarClient, frontendSvc, 80, endpoint, 8080);
    expect(decision.reason.text).toBe(`no DestinationRule for ${FRONTEND} → auto mTLS; the endpoint has a sidecar (tlsMode=istio) → mTLS`);
  });

  it('explains auto mTLS to a pod without a sidecar', () => {
    const endpoint = frontendPod({ sidecar: false });
    const decision = resolveClientTls(worldWith({ pods: [endpoint], services: [frontendSvc] }), sidecarClient, frontendSvc, 80, endpoint, 8080);
    expect(decision.reason.text).toBe(`no DestinationRule for ${FRONTEND} → auto mTLS: the endpoint frontend/frontend-6b8d has no sidecar → plaintext`);
    expect(decision.reason.causes).toEqual([{ kind: 'Pod', namespace: 'frontend', name: 'frontend-6b8d', field: 'metadata.labels.security.istio.io/tlsMode' }]);
  });

  it('explains the #56084 limitation and names both policies', () => {
    const endpoint = frontendPod();
    const policies = [nsPa('frontend', 'DISABLE'), wlPa({ mtls: { mode: 'STRICT' } })];
    const decision = resolveClientTls(worldWith({ pods: [endpoint], services: [frontendSvc], policies }), sidecarClient, frontendSvc, 80, endpoint, 8080);
    expect(decision.reason.text).toContain('PeerAuthentication frontend/default (namespace level) sets DISABLE');
    expect(decision.reason.text).toContain('PeerAuthentication frontend/frontend (workload level) sets STRICT');
    expect(decision.reason.text).toContain('istio/istio#56084');
    expect(decision.reason.causes.map((c) => `${c.name} ${c.field}`)).toEqual(['default spec.mtls.mode', 'frontend spec.mtls.mode']);
  });

  it('a gateway client uses the same rules and finds the DR in the service namespace (§2.4)', () => {
    const endpoint = frontendPod();
    const gateway = { namespace: 'istio-system', kind: 'gateway' } as const;
    const world = worldWith({ pods: [endpoint, gatewayPod('istio-system', 'istio-ingressgateway-1')], services: [frontendSvc], policies: [tlsDr({ mode: 'DISABLE' })] });
    const decision = resolveClientTls(world, gateway, frontendSvc, 80, endpoint, 8080);
    expect(decision.sends).toBe('PLAINTEXT');
    expect(decision.destinationRule?.name).toBe('frontend');
  });

  it('TestBestEffortInferServiceMTLSMode: a headless service with a sidecar-less endpoint disables auto mTLS', () => {
    const meshed = frontendPod();
    const plain = pod('frontend', 'frontend-legacy', { labels: { app: 'frontend' }, sidecar: false });
    const headless = service('frontend', 'frontend', { clusterIP: 'None', ports: [{ port: 80, targetPort: 8080 }] });
    const decision = resolveClientTls(worldWith({ pods: [meshed, plain], services: [headless] }), sidecarClient, headless, 80, meshed, 8080);
    expect({ sends: decision.sends, code: decision.reason.code }).toEqual({ sends: 'PLAINTEXT', code: 'auto.service-disabled' });
  });
});

describe('resolveClientTls secure naming (§5)', () => {
  it('auto mTLS: SNI outbound_.80_._.<host> and the SPIFFE IDs of the service accounts', () => {
    const endpoint = frontendPod();
    const decision = resolveClientTls(worldWith({ pods: [endpoint], services: [frontendSvc] }), sidecarClient, frontendSvc, 80, endpoint, 8080);
    expect({ sni: decision.sni, sans: decision.subjectAltNames }).toEqual({ sni: SNI, sans: [SAN] });
  });

  it('lists every service account of the endpoints once, sorted (addServiceAccounts)', () => {
    const a = frontendPod();
    const b = pod('frontend', 'frontend-canary', { labels: { app: 'frontend' }, serviceAccount: 'canary' });
    const c = pod('frontend', 'frontend-6b8e', { labels: { app: 'frontend' }, serviceAccount: 'frontend' });
    const decision = resolveClientTls(worldWith({ pods: [a, b, c], services: [frontendSvc] }), sidecarClient, frontendSvc, 80, a, 8080);
    expect(decision.subjectAltNames).toEqual(['spiffe://cluster.local/ns/frontend/sa/canary', SAN]);
  });

  it('TestBuildAutoMtlsSettings/"Destination rule TLS sni and SAN override"', () => {
    const endpoint = frontendPod();
    const policies = [tlsDr({ mode: 'ISTIO_MUTUAL', sni: 'custom.sni', subjectAltNames: ['spiffe://cluster.local/ns/frontend/sa/other'] })];
    const decision = resolveClientTls(worldWith({ pods: [endpoint], services: [frontendSvc], policies }), sidecarClient, frontendSvc, 80, endpoint, 8080);
    expect({ sni: decision.sni, sans: decision.subjectAltNames }).toEqual({ sni: 'custom.sni', sans: ['spiffe://cluster.local/ns/frontend/sa/other'] });
  });

  it('explicit ISTIO_MUTUAL uses the default SNI and SANs', () => {
    const endpoint = frontendPod();
    const decision = resolveClientTls(worldWith({ pods: [endpoint], services: [frontendSvc], policies: [tlsDr({ mode: 'ISTIO_MUTUAL' })] }), sidecarClient, frontendSvc, 80, endpoint, 8080);
    expect({ sni: decision.sni, sans: decision.subjectAltNames }).toEqual({ sni: SNI, sans: [SAN] });
  });

  it('plaintext carries no SNI and no SANs', () => {
    const endpoint = frontendPod({ sidecar: false });
    const decision = resolveClientTls(worldWith({ pods: [endpoint], services: [frontendSvc] }), sidecarClient, frontendSvc, 80, endpoint, 8080);
    expect({ sni: decision.sni, sans: decision.subjectAltNames }).toEqual({ sni: undefined, sans: [] });
  });
});

describe('resolveClientTls container vs service port', () => {
  // emailservice: Service port 5000 → targetPort 8080. PA keys are container ports, DR keys are service ports.
  const emailSvc = service('email', 'emailservice', { ports: [{ port: 5000, targetPort: 8080, name: 'grpc' }] });
  const email = pod('email', 'emailservice-1', { labels: { app: 'emailservice' }, serviceAccount: 'email', ports: [8080] });
  const emailPa = (port: string) => peerAuthentication('email', 'email', { selector: { matchLabels: { app: 'emailservice' } }, portLevelMtls: { [port]: { mode: 'DISABLE' } } });
  const emailDr = (port: number) => destinationRule('email', 'email', { host: 'emailservice', trafficPolicy: { portLevelSettings: [{ port: { number: port }, tls: { mode: 'DISABLE' } }] } });
  const checkout = { namespace: 'checkout', kind: 'sidecar' } as const;

  it.each([
    { test: 'PA portLevelMtls 5000 (the service port) does not apply', policies: [emailPa('5000')], sends: 'ISTIO_MUTUAL' },
    { test: 'ep_filters_test mtlsCases "mtls-off-port": PA portLevelMtls 8080 (the container port) applies', policies: [emailPa('8080')], sends: 'PLAINTEXT' },
    { test: 'DR portLevelSettings 5000 (the service port) applies', policies: [emailDr(5000)], sends: 'PLAINTEXT' },
    { test: 'DR portLevelSettings 8080 (the container port) does not apply', policies: [emailDr(8080)], sends: 'ISTIO_MUTUAL' },
  ])('$test', ({ policies, sends }) => {
    const decision = resolveClientTls(worldWith({ pods: [email], services: [emailSvc], policies }), checkout, emailSvc, 5000, email, 8080);
    expect(decision.sends).toBe(sends);
  });
});
