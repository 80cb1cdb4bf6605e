import type { Json, KubeObject } from '../objects.ts';
import type { World } from '../world.ts';

/** One CustomResourceDefinition as Istio's chart installs it (istio 1.26.4 manifests/charts/base/files/crd-all.gen.yaml). */
interface IstioCrd {
  group: string;
  kind: string;
  plural: string;
  shortNames: readonly string[];
  categories: readonly string[];
  /** Served versions, and which one is stored. */
  versions: readonly (readonly [string, boolean])[];
  /** The chart's labels beside app, chart, heritage and release. */
  labels?: Readonly<Record<string, string>>;
}

const crd = (group: string, kind: string, plural: string, shortNames: string[], categories: string[], versions: [string, boolean][], labels?: Record<string, string>): IstioCrd => ({
  group, kind, plural, shortNames, categories, versions, ...(labels ? { labels } : {}),
});

/** Istio's CRDs, in the order `kubectl get crd` lists them (by name). */
export const ISTIO_CRDS: readonly IstioCrd[] = [
  crd('security.istio.io', 'AuthorizationPolicy', 'authorizationpolicies', ['ap'], ['istio-io', 'security-istio-io'], [['v1', false], ['v1beta1', true]], { istio: 'security' }),
  crd('networking.istio.io', 'DestinationRule', 'destinationrules', ['dr'], ['istio-io', 'networking-istio-io'], [['v1', false], ['v1alpha3', false], ['v1beta1', true]]),
  crd('networking.istio.io', 'EnvoyFilter', 'envoyfilters', [], ['istio-io', 'networking-istio-io'], [['v1alpha3', true]]),
  crd('networking.istio.io', 'Gateway', 'gateways', ['gw'], ['istio-io', 'networking-istio-io'], [['v1', false], ['v1alpha3', false], ['v1beta1', true]]),
  crd('security.istio.io', 'PeerAuthentication', 'peerauthentications', ['pa'], ['istio-io', 'security-istio-io'], [['v1', false], ['v1beta1', true]], { istio: 'security' }),
  crd('networking.istio.io', 'ProxyConfig', 'proxyconfigs', [], ['istio-io', 'networking-istio-io'], [['v1beta1', true]]),
  crd('security.istio.io', 'RequestAuthentication', 'requestauthentications', ['ra'], ['istio-io', 'security-istio-io'], [['v1', false], ['v1beta1', true]], { istio: 'security' }),
  crd('networking.istio.io', 'ServiceEntry', 'serviceentries', ['se'], ['istio-io', 'networking-istio-io'], [['v1', false], ['v1alpha3', false], ['v1beta1', true]]),
  crd('networking.istio.io', 'Sidecar', 'sidecars', [], ['istio-io', 'networking-istio-io'], [['v1', false], ['v1alpha3', false], ['v1beta1', true]]),
  crd('telemetry.istio.io', 'Telemetry', 'telemetries', ['telemetry'], ['istio-io', 'telemetry-istio-io'], [['v1', false], ['v1alpha1', true]], { istio: 'telemetry' }),
  crd('networking.istio.io', 'VirtualService', 'virtualservices', ['vs'], ['istio-io', 'networking-istio-io'], [['v1', false], ['v1alpha3', false], ['v1beta1', true]]),
  crd('extensions.istio.io', 'WasmPlugin', 'wasmplugins', [], ['istio-io', 'extensions-istio-io'], [['v1alpha1', true]]),
  crd('networking.istio.io', 'WorkloadEntry', 'workloadentries', ['we'], ['istio-io', 'networking-istio-io'], [['v1', false], ['v1alpha3', false], ['v1beta1', true]]),
  crd('networking.istio.io', 'WorkloadGroup', 'workloadgroups', ['wg'], ['istio-io', 'networking-istio-io'], [['v1', false], ['v1alpha3', false], ['v1beta1', true]]),
];

/** A stable uid from the name (FNV-1a), so that installing the CRDs draws nothing from the world's random source. */
export function uidFor(name: string): string {
  const hex = (seed: number) => {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    return (h >>> 0).toString(16).padStart(8, '0');
  };
  const a = hex(1);
  const b = hex(2);
  const c = hex(3);
  const d = hex(4);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/**
 * Puts Istio's CustomResourceDefinitions in the world, created with the mesh (`createdAt`). Only
 * what `kubectl get crd` and `-o yaml` show of their spec is kept: group, names, scope and versions
 * (not the OpenAPI schemas, which the simulator keeps in src/domain/manifests/schemas.ts).
 */
export function addIstioCrds(world: World, createdAt: number): void {
  for (const c of ISTIO_CRDS) {
    const name = `${c.plural}.${c.group}`;
    const object: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {
        name,
        uid: uidFor(name),
        creationTimestamp: createdAt,
        generation: 1,
        resourceVersion: String(1000 + ISTIO_CRDS.indexOf(c)),
        labels: { app: 'istio-pilot', chart: 'istio', heritage: 'Tiller', ...c.labels, release: 'istio' },
        annotations: { 'helm.sh/resource-policy': 'keep' },
      },
      spec: {
        group: c.group,
        names: {
          categories: [...c.categories],
          kind: c.kind,
          listKind: `${c.kind}List`,
          plural: c.plural,
          ...(c.shortNames.length ? { shortNames: [...c.shortNames] } : {}),
          singular: c.kind.toLowerCase(),
        },
        scope: 'Namespaced',
        versions: c.versions.map(([version, storage]): Json => ({ name: version, served: true, storage })),
      },
      status: {
        acceptedNames: { categories: [...c.categories], kind: c.kind, listKind: `${c.kind}List`, plural: c.plural, ...(c.shortNames.length ? { shortNames: [...c.shortNames] } : {}), singular: c.kind.toLowerCase() },
        storedVersions: c.versions.filter(([, storage]) => storage).map(([version]) => version),
      },
    };
    world.put(object);
  }
}
