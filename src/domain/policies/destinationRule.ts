/**
 * DestinationRule (networking.istio.io): what a client sends to a service, here its TLS settings.
 * Sources: Istio 1.26 crd-all.gen.yaml (schema, printer columns), pkg/config/validation/validation.go
 * (ValidateDestinationRule) and the DestinationRule analyzers. The decision itself lives in
 * src/domain/resolution.
 */
import { any, arr, enumOf, istioCrdSchema, obj, PORT_SELECTOR, str, stringMap, strings, WORKLOAD_SELECTOR } from '../manifests/fieldSchema.ts';
import { isDns1123Label, wildcardDomain, workloadSelector } from '../manifests/istioWebhookChecks.ts';
import { type Json, type JsonObject, getPath, isJsonObject } from '../objects.ts';
import { findDestinationRule } from '../resolution/findDestinationRule.ts';
import { resolveClientTls } from '../resolution/resolveClientTls.ts';
import { unmatchedDestinationRules } from '../resolution/unmatchedDestinationRules.ts';
import type { World } from '../world.ts';
import { AGE_COLUMN, type PolicyFinding, type PolicyKindModule } from './policyKind.ts';

/** ClientTLSSettings.TLSmode, as in the CRD enum. */
const TLS_MODES = ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const;

const CLIENT_TLS = obj('', {
  mode: enumOf(TLS_MODES), clientCertificate: str(), privateKey: str(), caCertificates: str(), credentialName: str(),
  subjectAltNames: strings, sni: str(), insecureSkipVerify: { t: 'boolean' }, caCrl: str(),
});

const TRAFFIC_POLICY = obj('', {
  loadBalancer: any, connectionPool: any, outlierDetection: any, tls: CLIENT_TLS,
  portLevelSettings: arr(obj('', { port: PORT_SELECTOR, loadBalancer: any, connectionPool: any, outlierDetection: any, tls: CLIENT_TLS }), ''),
  tunnel: any, proxyProtocol: any,
});

const text = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const objectOf = (v: Json | undefined): JsonObject => (isJsonObject(v ?? null) ? (v as JsonObject) : {});

/** agent.ValidateTLS for a DestinationRule's ClientTLSSettings. */
function clientTls(tls: Json | undefined): string[] {
  if (!isJsonObject(tls ?? null)) return [];
  const t = objectOf(tls);
  const mode = text(t.mode) || 'DISABLE';
  const errors: string[] = [];
  if (t.insecureSkipVerify === true) {
    if (mode === 'SIMPLE' && (text(t.caCertificates) || text(t.credentialName) || t.subjectAltNames !== undefined)) {
      errors.push('cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true');
    }
    if (mode === 'MUTUAL' && (text(t.caCertificates) || t.subjectAltNames !== undefined)) {
      errors.push('cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true');
    }
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && text(t.credentialName) !== '') {
    if (text(t.clientCertificate) || text(t.caCertificates) || text(t.privateKey) || text(t.caCrl)) {
      errors.push('cannot specify client certificates or CA certificate or CA CRL If credentialName is set');
    }
    return errors;
  }
  if (mode === 'MUTUAL') {
    if (text(t.clientCertificate) === '') errors.push('client certificate required for mutual tls');
    if (text(t.privateKey) === '') errors.push('private key required for mutual tls');
  }
  return errors;
}

/** validateTrafficPolicy (the checks that apply to the fields modelled here). */
function trafficPolicy(policy: Json | undefined): string[] {
  if (!isJsonObject(policy ?? null)) return [];
  const p = objectOf(policy);
  const fields = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol'];
  if (!fields.some((f) => p[f] !== undefined && p[f] !== null)) return ['traffic policy must have at least one field'];
  const errors = clientTls(p.tls);
  for (const setting of list(p.portLevelSettings)) {
    const s = objectOf(setting);
    if (!['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'].some((f) => s[f] !== undefined && s[f] !== null)) {
      errors.push('port traffic policy must have at least one field');
      continue;
    }
    const port = getPath(s, 'port', 'number');
    const number = typeof port === 'number' ? port : 0;
    if (number < 1 || number > 65535) errors.push(`port number ${number} must be in the range 1..65535`);
    errors.push(...clientTls(s.tls));
  }
  return errors;
}

/** ValidateDestinationRule. */
function webhook(raw: JsonObject) {
  const spec = objectOf(raw.spec);
  const errors: string[] = [];
  const hostError = wildcardDomain(text(spec.host));
  if (hostError) errors.push(hostError);
  errors.push(...trafficPolicy(spec.trafficPolicy));
  const names = new Set<string>();
  for (const subset of list(spec.subsets)) {
    const s = objectOf(subset);
    const name = text(s.name);
    if (names.has(name)) errors.push(`duplicate subset names: ${name}`);
    names.add(name);
    if (!isDns1123Label(name)) errors.push(`subset name is invalid: ${name}`);
    errors.push(...trafficPolicy(s.trafficPolicy));
  }
  const selector = workloadSelector(spec.workloadSelector, 'matchLabels');
  return { errors: [...errors, ...selector.errors], warnings: selector.warnings };
}

/**
 * destinationrule.PodNotSelectedAnalyzer: IST0174 UnknownDestinationRuleHost, a DestinationRule
 * whose host matches no service. Which rules match nothing comes from the resolution.
 */
function analyze(world: World): PolicyFinding[] {
  return unmatchedDestinationRules(world).flatMap((u) => {
    const dr = world.get('DestinationRule', u.namespace, u.name);
    return dr ? [{ level: 'Warning' as const, code: 'IST0174', object: dr, text: `The host ${u.host} defined in the DestinationRule does not match any services in the mesh.` }] : [];
  });
}

export const DESTINATION_RULE: PolicyKindModule = {
  info: { kind: 'DestinationRule', group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], plural: 'destinationrules', singular: 'destinationrule', shortNames: ['dr'], namespaced: true },
  schema: istioCrdSchema(obj('', {
    host: str(),
    trafficPolicy: TRAFFIC_POLICY,
    subsets: arr(obj('', { name: str(), labels: stringMap, trafficPolicy: TRAFFIC_POLICY }, ['name']), ''),
    exportTo: strings,
    workloadSelector: WORKLOAD_SELECTOR,
  }, ['host'])),
  // The CRD's CEL rules cannot fail on the fields modelled here.
  celRules: () => [],
  webhook,
  printerColumns: [
    { name: 'Host', jsonPath: '.spec.host', type: 'string' },
    AGE_COLUMN,
  ],
  meshConfig: true,
  analyze,
  evaluation: {
    functions: { findDestinationRule, resolveClientTls, unmatchedDestinationRules },
    reasonCodes: ['dr.disable', 'dr.simple', 'dr.mutual', 'dr.istio-mutual', 'dr.other'],
  },
};
