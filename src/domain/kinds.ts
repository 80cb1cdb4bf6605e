import { LEARNER_KINDS } from './learnerKinds.ts';
import { POLICY_KINDS } from './policies/index.ts';

/** What the API server knows about one kind: its group, versions and names (discovery). */
export interface KindInfo {
  kind: string;
  /** '' for the core group. */
  group: string;
  /** Served versions; the first is the preferred one used by `get -o yaml` for new objects. */
  versions: readonly string[];
  plural: string;
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
}

/** The kinds this simulated cluster serves (Kubernetes core plus Istio's CRDs, crd-all.gen.yaml). */
export const KINDS: readonly KindInfo[] = [
  { kind: 'Namespace', group: '', versions: ['v1'], plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false },
  { kind: 'ServiceAccount', group: '', versions: ['v1'], plural: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], namespaced: true },
  { kind: 'Pod', group: '', versions: ['v1'], plural: 'pods', singular: 'pod', shortNames: ['po'], namespaced: true },
  { kind: 'Service', group: '', versions: ['v1'], plural: 'services', singular: 'service', shortNames: ['svc'], namespaced: true },
  { kind: 'Deployment', group: 'apps', versions: ['v1'], plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], namespaced: true },
  { kind: 'ReplicaSet', group: 'apps', versions: ['v1'], plural: 'replicasets', singular: 'replicaset', shortNames: ['rs'], namespaced: true },
  ...POLICY_KINDS.map((m) => m.info),
  { kind: 'CustomResourceDefinition', group: 'apiextensions.k8s.io', versions: ['v1'], plural: 'customresourcedefinitions', singular: 'customresourcedefinition', shortNames: ['crd', 'crds'], namespaced: false },
  ...LEARNER_KINDS,
];

const byKind = new Map(KINDS.map((k) => [k.kind, k]));

export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

/**
 * Resolves what a user typed (`pa`, `peerauthentication`, `peerauthentications.security.istio.io`,
 * `deployments.apps`, `svc`) to a kind, as kubectl's RESTMapper does; case-insensitive.
 */
export function resolveResourceName(typed: string): KindInfo | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot === -1 ? lower : lower.slice(0, dot);
  const group = dot === -1 ? undefined : lower.slice(dot + 1);
  return KINDS.find((k) => {
    // kubectl accepts `resource.group` and `resource.version.group`.
    if (group !== undefined && group !== k.group && !k.versions.some((v) => group === (k.group ? `${v}.${k.group}` : v))) return false;
    return k.plural === name || k.singular === name || k.shortNames.includes(name) || k.kind.toLowerCase() === name;
  });
}

/** Splits an apiVersion into group and version: `security.istio.io/v1beta1`, `v1`. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** `peerauthentication.security.istio.io`, `deployment.apps`, `pod`: the prefix of apply/create lines. */
export function qualifiedSingular(info: KindInfo): string {
  return info.group ? `${info.singular}.${info.group}` : info.singular;
}

/** `peerauthentications.security.istio.io`, `pods`: the resource named in NotFound errors. */
export function qualifiedPlural(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

/** `security.istio.io/v1`: the preferred apiVersion of a kind. */
export function preferredApiVersion(info: KindInfo): string {
  const v = info.versions[0] ?? 'v1';
  return info.group ? `${info.group}/${v}` : v;
}
