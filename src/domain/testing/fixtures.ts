/**
 * Readable builders for domain tests: small functions that return KubeObjects as the API server would
 * store them, and `worldWith` to put them in a World. Expected values in tests stay readable because
 * nobody pastes JSON blobs (STYLE.md §15).
 */
import { DEFAULT_EPOCH_MS, toSeconds } from '../clock.ts';
import { SIDECAR_CONTAINER, TLS_MODE_LABEL } from '../cluster/pods.ts';
import type { JsonObject, KubeObject, ObjectMeta } from '../objects.ts';
import { World } from '../world.ts';

/** Fixtures are created relative to this instant (seconds): `createdAt: 5` means five seconds after it. */
export const FIXTURE_EPOCH = toSeconds(DEFAULT_EPOCH_MS) - 3600;

/** Options every builder takes. */
export interface MetaOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Seconds after FIXTURE_EPOCH (Kubernetes timestamps are whole seconds). */
  createdAt?: number;
}

export function namespace(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: meta('Namespace', undefined, name, { labels }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

export interface PodOptions extends MetaOptions {
  /** Defaults to `{ app: <name> }`. */
  labels?: Record<string, string>;
  /** Adds the istio-proxy container and the `security.istio.io/tlsMode: istio` label (default true). */
  sidecar?: boolean;
  /** Overrides the tlsMode label; `null` removes it even from a sidecar pod. */
  tlsMode?: string | null;
  serviceAccount?: string;
  /** Container ports of the app container (default [8080]); give a name for named targetPorts. */
  ports?: (number | { containerPort: number; name: string })[];
  phase?: string;
  podIP?: string;
}

/** A Running pod with one app container named `server`, plus a sidecar unless `sidecar: false`. */
export function pod(ns: string, name: string, options: PodOptions = {}): KubeObject {
  const { sidecar = true, serviceAccount = 'default', ports = [8080], phase = 'Running' } = options;
  const labels = { ...(options.labels ?? { app: name }) };
  const tlsMode = options.tlsMode === undefined ? (sidecar ? 'istio' : null) : options.tlsMode;
  if (tlsMode !== null) labels[TLS_MODE_LABEL] = tlsMode;
  const containers: JsonObject[] = [{
    name: 'server',
    image: `example/${name}:1.0`,
    ports: ports.map((p) => (typeof p === 'number' ? { containerPort: p, protocol: 'TCP' } : { ...p, protocol: 'TCP' })),
  }];
  if (sidecar) containers.push({ name: SIDECAR_CONTAINER, image: 'proxyv2', args: ['proxy', 'sidecar'], ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }] });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('Pod', ns, name, { ...options, labels }),
    spec: { serviceAccountName: serviceAccount, containers },
    status: { phase, podIP: options.podIP ?? fakeIp(ns, name) },
  };
}

/** An ingress gateway pod: only istio-proxy, running as a router (`pilot-agent proxy router`). */
export function gatewayPod(ns: string, name: string, options: MetaOptions & { serviceAccount?: string; ports?: number[] } = {}): KubeObject {
  const labels = options.labels ?? { app: 'istio-ingressgateway', istio: 'ingressgateway' };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('Pod', ns, name, { ...options, labels }),
    spec: {
      serviceAccountName: options.serviceAccount ?? 'istio-ingressgateway',
      containers: [{ name: SIDECAR_CONTAINER, image: 'proxyv2', args: ['proxy', 'router'], ports: (options.ports ?? [8080, 8443]).map((p) => ({ containerPort: p, protocol: 'TCP' })) }],
    },
    status: { phase: 'Running', podIP: fakeIp(ns, name) },
  };
}

export interface ServiceOptions extends MetaOptions {
  /** Defaults to `{ app: <name> }`. */
  selector?: Record<string, string>;
  /** Defaults to one port 80 → 8080 named `http`. */
  ports?: { port: number; targetPort?: number | string; name?: string; protocol?: string }[];
  type?: string;
  /** `None` makes it headless. */
  clusterIP?: string;
}

export function service(ns: string, name: string, options: ServiceOptions = {}): KubeObject {
  const ports = options.ports ?? [{ port: 80, targetPort: 8080, name: 'http' }];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('Service', ns, name, options),
    spec: {
      type: options.type ?? 'ClusterIP',
      clusterIP: options.clusterIP ?? fakeIp(ns, name, '10.96'),
      selector: options.selector ?? { app: name },
      ports: ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol ?? 'TCP' })),
    },
  };
}

/** A `security.istio.io/v1` PeerAuthentication with the spec as written. */
export function peerAuthentication(ns: string, name: string, spec: JsonObject = {}, options: MetaOptions = {}): KubeObject {
  return { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: meta('PeerAuthentication', ns, name, options), spec };
}

/** A `networking.istio.io/v1` DestinationRule with the spec as written. */
export function destinationRule(ns: string, name: string, spec: JsonObject, options: MetaOptions = {}): KubeObject {
  return { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta('DestinationRule', ns, name, options), spec };
}

/** A `security.istio.io/v1` AuthorizationPolicy with the spec as written. */
export function authorizationPolicy(ns: string, name: string, spec: JsonObject, options: MetaOptions = {}): KubeObject {
  return { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: meta('AuthorizationPolicy', ns, name, options), spec };
}

export interface WorldParts {
  /** Namespace names or objects; namespaces used by other objects, and the root namespace, are added. */
  namespaces?: (string | KubeObject)[];
  pods?: KubeObject[];
  services?: KubeObject[];
  /** PeerAuthentications, DestinationRules and any other Istio objects. */
  policies?: KubeObject[];
  objects?: KubeObject[];
}

/** A fresh World holding exactly these objects (plus their namespaces). */
export function worldWith(parts: WorldParts = {}): World {
  const world = new World();
  const objects = [...(parts.pods ?? []), ...(parts.services ?? []), ...(parts.policies ?? []), ...(parts.objects ?? [])];
  const namespaces = (parts.namespaces ?? []).map((n) => (typeof n === 'string' ? namespace(n) : n));
  const named = new Set(namespaces.map((n) => n.metadata.name));
  for (const ns of [world.rootNamespace, ...objects.map((o) => o.metadata.namespace ?? '')]) {
    if (ns !== '' && !named.has(ns)) {
      named.add(ns);
      namespaces.push(namespace(ns));
    }
  }
  for (const obj of [...namespaces, ...objects]) world.put(obj);
  return world;
}

function meta(kind: string, ns: string | undefined, name: string, options: MetaOptions): ObjectMeta {
  const h = hash(`${kind}/${ns ?? ''}/${name}`);
  const hex = (n: number, len: number) => (n >>> 0).toString(16).padStart(8, '0').slice(0, len);
  return {
    name,
    ...(ns !== undefined ? { namespace: ns } : {}),
    // Derived from the name so fixtures are deterministic whatever order tests build them in.
    uid: `${hex(h, 8)}-${hex(h * 31, 4)}-4${hex(h * 17, 3)}-8${hex(h * 13, 3)}-${hex(h * 7, 8)}${hex(h * 3, 4)}`,
    creationTimestamp: FIXTURE_EPOCH + (options.createdAt ?? 0),
    generation: 1,
    resourceVersion: String(1000 + (h % 9000)),
    labels: { ...(options.labels ?? {}) },
    annotations: { ...(options.annotations ?? {}) },
  };
}

function fakeIp(ns: string, name: string, prefix = '10.8'): string {
  const h = hash(`${ns}/${name}`);
  return `${prefix}.${(h >>> 8) % 250}.${(h % 250) + 2}`;
}

/** FNV-1a, 32-bit. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
