import type { JsonObject, KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import { INJECT_ANNOTATION, SIDECAR_CONTAINER, TLS_MODE_LABEL } from './pods.ts';

/** The proxy image Cloud Service Mesh injects (also the image of the ingress gateway). */
export const PROXY_IMAGE = 'gcr.io/gke-release/asm/proxyv2:1.26.4-asm.5';

/**
 * Whether the injection webhook adds a sidecar to a pod created now in `namespace`: the namespace is
 * labelled `istio-injection=enabled` (or carries an `istio.io/rev` revision label) and the pod does
 * not opt out with `sidecar.istio.io/inject: "false"`; or the pod opts in with the label.
 * (Istio: manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml selectors.)
 */
export function shouldInject(world: World, namespace: string, pod: Pick<KubeObject, 'metadata'>): boolean {
  const ns = world.get('Namespace', '', namespace);
  const nsLabels = ns?.metadata.labels ?? {};
  const podOptOut = pod.metadata.annotations[INJECT_ANNOTATION] === 'false' || pod.metadata.labels[INJECT_ANNOTATION] === 'false';
  if (podOptOut) return false;
  if (nsLabels['istio-injection'] === 'disabled') return false;
  if (nsLabels['istio-injection'] === 'enabled') return true;
  if (nsLabels['istio.io/rev'] !== undefined && nsLabels['istio-injection'] === undefined) return true;
  return pod.metadata.labels[INJECT_ANNOTATION] === 'true';
}

/** Returns the pod as the sidecar injector would mutate it (a new object). */
export function injectSidecar(pod: KubeObject): KubeObject {
  const spec = (pod.spec ?? {}) as JsonObject;
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  if (containers.some((c) => c && typeof c === 'object' && !Array.isArray(c) && c.name === SIDECAR_CONTAINER)) return pod;
  const first = containers[0];
  const firstName = first && typeof first === 'object' && !Array.isArray(first) && typeof first.name === 'string' ? first.name : '';
  const app = pod.metadata.labels.app ?? pod.metadata.name;
  const proxy: JsonObject = {
    name: SIDECAR_CONTAINER,
    image: PROXY_IMAGE,
    args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    securityContext: { runAsUser: 1337, runAsGroup: 1337, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
  };
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      labels: {
        ...pod.metadata.labels,
        [TLS_MODE_LABEL]: 'istio',
        'service.istio.io/canonical-name': app,
        'service.istio.io/canonical-revision': pod.metadata.labels.version ?? 'latest',
      },
      annotations: {
        ...pod.metadata.annotations,
        'istio.io/rev': 'asm-managed',
        'kubectl.kubernetes.io/default-container': firstName,
        'kubectl.kubernetes.io/default-logs-container': firstName,
        'prometheus.io/path': '/stats/prometheus',
        'prometheus.io/port': '15020',
        'prometheus.io/scrape': 'true',
        'sidecar.istio.io/status': '{"initContainers":null,"containers":["istio-proxy"],"volumes":["workload-socket","credential-socket","workload-certs","istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"asm-managed"}',
      },
    },
    spec: { ...spec, containers: [...containers, proxy] },
  };
}
