/**
 * AuthorizationPolicy (security.istio.io) as a kind: discovery, schema, CEL rules, webhook, printer
 * columns and analyzers. Sources: Istio 1.26 crd-all.gen.yaml and
 * pkg/config/analysis/analyzers/authz/authorizationpolicies.go. The decision is
 * authorizationPolicy.ts's, the webhook validateAuthorizationPolicy.ts's.
 */
import { SIDECAR_CONTAINER } from '../cluster/pods.ts';
import { type FieldError, invalid } from '../manifests/fieldErrors.ts';
import { arr, enumOf, istioCrdSchema, mapOf, obj, str, strings } from '../manifests/fieldSchema.ts';
import { type Json, type JsonObject, type KubeObject, getPath, getStringMap, isJsonObject, labelsMatch } from '../objects.ts';
import type { World } from '../world.ts';
import { evaluateAuthorization, policiesFor } from './authorizationPolicy.ts';
import { AGE_COLUMN, type PolicyFinding, type PolicyKindModule } from './policyKind.ts';
import { validateAuthorizationPolicy } from './validateAuthorizationPolicy.ts';

/** Source's fields in Istio 1.26.4's v1 schema (`trustDomains` came to the CRD after 1.28: unknown here). */
const SOURCE_FIELDS = ['principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces', 'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts'];
const OPERATION_FIELDS = ['hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths'];
const TARGET_REF = obj('', { group: str(), kind: str(), name: str(), namespace: str() }, ['kind', 'name']);

const objectOf = (v: Json | undefined): JsonObject => (isJsonObject(v ?? null) ? (v as JsonObject) : {});
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const has = (o: JsonObject, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const OBJECT = { raw: '"object"' };
const STRING = { raw: '"string"' };

/** The CRD's x-kubernetes-validations a manifest author can break. */
function celRules(raw: JsonObject): FieldError[] {
  const spec = objectOf(raw.spec);
  const errors: FieldError[] = [];
  if ((has(spec, 'selector') ? 1 : 0) + (has(spec, 'targetRef') ? 1 : 0) + (has(spec, 'targetRefs') ? 1 : 0) > 1) {
    errors.push(invalid('spec', OBJECT, 'only one of targetRefs or selector can be set'));
  }
  list(spec.rules).forEach((rule, i) => list(objectOf(rule).from).forEach((from, j) => {
    const source = objectOf(objectOf(from).source);
    const byAccount = has(source, 'serviceAccounts') || has(source, 'notServiceAccounts');
    if (byAccount && ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'].some((k) => has(source, k))) {
      errors.push(invalid(`spec.rules[${i}].from[${j}].source`, OBJECT, 'Cannot set serviceAccounts with namespaces or principals'));
    }
  }));
  const matchLabels = objectOf(spec.selector).matchLabels;
  if (isJsonObject(matchLabels ?? null)) {
    const labels = objectOf(matchLabels);
    const keys = Object.keys(labels);
    if (keys.some((k) => k.includes('*'))) errors.push(invalid('spec.selector.matchLabels', OBJECT, 'wildcard not allowed in label key match'));
    if (keys.some((k) => k.length === 0)) errors.push(invalid('spec.selector.matchLabels', OBJECT, 'key must not be empty'));
    for (const [k, v] of Object.entries(labels)) {
      if (typeof v === 'string' && v.includes('*')) errors.push(invalid(`spec.selector.matchLabels[${k}]`, STRING, 'wildcard not allowed in label value match'));
    }
  }
  const crossNamespace = (ref: Json | undefined, path: string) => {
    const ns = objectOf(ref).namespace;
    if (typeof ns === 'string' && ns.length > 0) errors.push(invalid(`${path}.namespace`, STRING, 'cross namespace referencing is not currently supported'));
  };
  if (has(spec, 'targetRef')) crossNamespace(spec.targetRef, 'spec.targetRef');
  list(spec.targetRefs).forEach((ref, i) => crossNamespace(ref, `spec.targetRefs[${i}]`));
  return errors;
}

/**
 * util.PodInMesh: the pod runs istio-proxy, or its `sidecar.istio.io/inject` label (then annotation)
 * says "true", or, without either, its namespace's `istio-injection` label says "enabled".
 */
function podInMesh(world: World, pod: KubeObject): boolean {
  const containers = getPath(pod.spec, 'containers');
  if (Array.isArray(containers) && containers.filter(isJsonObject).some((c) => c.name === SIDECAR_CONTAINER && typeof c.image === 'string' && c.image !== '')) return true;
  const inject = pod.metadata.labels['sidecar.istio.io/inject'] ?? pod.metadata.annotations['sidecar.istio.io/inject'];
  if (inject !== undefined) return inject === 'true';
  return world.get('Namespace', '', pod.metadata.namespace ?? '')?.metadata.labels['istio-injection'] === 'enabled';
}

/** authz.namespaceMatch: `*`, a `*suffix`, a `prefix*`, or the name (case-insensitive). */
function namespaceMatch(ns: string, exp: string): boolean {
  if (exp === '*') return true;
  if (exp.startsWith('*')) return ns.endsWith(exp.slice(1));
  if (exp.endsWith('*')) return ns.startsWith(exp.slice(0, -1));
  return ns.toLowerCase() === exp.toLowerCase();
}

const stringList = (v: Json | undefined): string[] => list(v).filter((s): s is string => typeof s === 'string');

/**
 * authz.AuthorizationPoliciesAnalyzer: IST0127 NoMatchingWorkloadsFound when no in-mesh pod
 * matches the selector (anywhere in the mesh for a root-namespace policy, else in its namespace; a
 * namespace-wide policy in a namespace without in-mesh pods, with empty labels); IST0101 for each
 * `namespaces`/`notNamespaces` entry of a source that matches no namespace.
 */
function analyze(world: World): PolicyFinding[] {
  const inMesh = world.list('Pod').filter((pod) => podInMesh(world, pod));
  const namespaces = world.list('Namespace').map((ns) => ns.metadata.name);
  const out: PolicyFinding[] = [];
  for (const ap of world.list('AuthorizationPolicy')) {
    const ns = ap.metadata.namespace ?? '';
    const hasSelector = isJsonObject(getPath(ap.spec, 'selector') ?? null);
    const selector = getStringMap(ap.spec, 'selector', 'matchLabels');
    // klabels.SelectorFromSet(...).String(): sorted `key=value`, comma-separated.
    const labels = Object.keys(selector).sort().map((k) => `${k}=${selector[k] ?? ''}`).join(',');
    const candidates = ns === world.rootNamespace ? inMesh : inMesh.filter((pod) => pod.metadata.namespace === ns);
    const noWorkloads = (text: string) => out.push({ level: 'Warning', code: 'IST0127', object: ap, text: `No matching workloads for this resource with the following labels: ${text}` });
    if (ns === world.rootNamespace && !hasSelector) {
      // A selectorless root-namespace policy applies mesh-wide: nothing to report.
    } else if (!hasSelector) {
      if (candidates.length === 0) noWorkloads('');
    } else if (!candidates.some((pod) => labelsMatch(selector, pod.metadata.labels))) {
      noWorkloads(labels);
    }
    for (const rule of list(getPath(ap.spec, 'rules'))) {
      for (const from of list(getPath(rule, 'from'))) {
        for (const exp of [...stringList(getPath(from, 'source', 'namespaces')), ...stringList(getPath(from, 'source', 'notNamespaces'))]) {
          if (!namespaces.some((name) => namespaceMatch(name, exp))) out.push({ level: 'Error', code: 'IST0101', object: ap, text: `Referenced namespace not found: ${JSON.stringify(exp)}` });
        }
      }
    }
  }
  return out;
}

export const AUTHORIZATION_POLICY: PolicyKindModule = {
  info: { kind: 'AuthorizationPolicy', group: 'security.istio.io', versions: ['v1', 'v1beta1'], plural: 'authorizationpolicies', singular: 'authorizationpolicy', shortNames: ['ap'], namespaced: true },
  schema: istioCrdSchema(obj('', {
    selector: obj('', { matchLabels: mapOf(str(), '') }),
    targetRef: TARGET_REF,
    targetRefs: arr(TARGET_REF, ''),
    rules: arr(obj('', {
      from: arr(obj('', { source: obj('', Object.fromEntries(SOURCE_FIELDS.map((f) => [f, strings]))) }), ''),
      to: arr(obj('', { operation: obj('', Object.fromEntries(OPERATION_FIELDS.map((f) => [f, strings]))) }), ''),
      when: arr(obj('', { key: str(), values: strings, notValues: strings }, ['key']), ''),
    }), ''),
    action: enumOf(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']),
    provider: obj('', { name: str() }),
  })),
  celRules,
  webhook: (raw) => validateAuthorizationPolicy(raw),
  printerColumns: [
    { name: 'Action', jsonPath: '.spec.action', type: 'string' },
    AGE_COLUMN,
  ],
  meshConfig: true,
  analyze,
  evaluation: {
    functions: { evaluateAuthorization, policiesFor },
    // The hop's reasons (src/domain/traffic/evaluateHop.ts); the decision's own code is an AuthzDecisionCode.
    reasonCodes: ['authz.denied', 'authz.no-allow-match'],
  },
};
