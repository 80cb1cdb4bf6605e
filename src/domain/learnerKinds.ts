import type { KindInfo } from './kinds.ts';

const core = (kind: string, plural: string, singular: string, shortNames: string[], namespaced = true): KindInfo => ({
  kind, group: '', versions: ['v1'], plural, singular, shortNames, namespaced,
});

const istio = (group: string, kind: string, plural: string, shortNames: string[], versions: string[]): KindInfo => ({
  kind, group, versions, plural, singular: kind.toLowerCase(), shortNames, namespaced: true,
});

const NETWORKING = ['v1', 'v1alpha3', 'v1beta1'];

/**
 * The further kinds a GKE cluster with Istio serves that a learner meets: core v1 kinds as
 * `kubectl api-resources` lists them on 1.33 (names and short names), EndpointSlice, and the rest
 * of Istio's CRDs (ISTIO crd-all.gen.yaml, the same list as cluster/istioCrds.ts, less the policy
 * kinds of src/domain/policies), so that
 * `the server doesn't have a resource type` is said only of types a real cluster lacks.
 */
export const LEARNER_KINDS: readonly KindInfo[] = [
  core('ConfigMap', 'configmaps', 'configmap', ['cm']),
  core('Endpoints', 'endpoints', 'endpoints', ['ep']),
  core('Event', 'events', 'event', ['ev']),
  core('Node', 'nodes', 'node', ['no'], false),
  core('Secret', 'secrets', 'secret', []),
  { kind: 'EndpointSlice', group: 'discovery.k8s.io', versions: ['v1'], plural: 'endpointslices', singular: 'endpointslice', shortNames: [], namespaced: true },
  istio('security.istio.io', 'RequestAuthentication', 'requestauthentications', ['ra'], ['v1', 'v1beta1']),
  istio('networking.istio.io', 'ServiceEntry', 'serviceentries', ['se'], NETWORKING),
  istio('networking.istio.io', 'Sidecar', 'sidecars', [], NETWORKING),
  istio('networking.istio.io', 'WorkloadEntry', 'workloadentries', ['we'], NETWORKING),
  istio('networking.istio.io', 'WorkloadGroup', 'workloadgroups', ['wg'], NETWORKING),
  istio('networking.istio.io', 'EnvoyFilter', 'envoyfilters', [], ['v1alpha3']),
  istio('networking.istio.io', 'ProxyConfig', 'proxyconfigs', [], ['v1beta1']),
  istio('telemetry.istio.io', 'Telemetry', 'telemetries', ['telemetry'], ['v1', 'v1alpha1']),
  istio('extensions.istio.io', 'WasmPlugin', 'wasmplugins', [], ['v1alpha1']),
];
