import type { JsonObject, KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import { INJECT_ANNOTATION, SIDECAR_CONTAINER, TLS_MODE_LABEL } from './pods.ts';

/** The proxy image Cloud Service Mesh injects (also the image of the ingress gateway). */
export const PROXY_IMAGE = 'gcr.io/gke-release/asm/proxyv2:1.26.4-asm.5';

/**
 * The control plane is in-cluster (asmcli): one istiod in istio-system, the default revision, so
 * `istio-injection=enabled` selects it and injected pods carry `istio.io/rev: default`. The Istio
 * CNI plugin is not installed, so the injector adds the `istio-init` init container that writes
 * the iptables rules (injection-template.yaml: `istio-validation` only when pilot.cni.enabled).
 */
export const MESH_REVISION = 'default';

/**
 * Whether the injection webhook adds a sidecar to a pod created now in `namespace`, as the default
 * revision's webhooks select it (Istio: manifests/charts/istio-control/istio-discovery/templates/
 * mutatingwebhook.yaml): the namespace is labelled `istio-injection=enabled`, or (without that
 * label) `istio.io/rev=default`; or, in a namespace with neither, the pod is labelled
 * `istio.io/rev=default` or `sidecar.istio.io/inject=true`. A pod opts out with
 * `sidecar.istio.io/inject: "false"` (the label, or the annotation the injector reads). Another
 * revision's label selects no webhook: this cluster runs only the default revision.
 */
export function shouldInject(world: World, namespace: string, pod: Pick<KubeObject, 'metadata'>): boolean {
  const ns = world.get('Namespace', '', namespace);
  const nsLabels = ns?.metadata.labels ?? {};
  const podOptOut = pod.metadata.annotations[INJECT_ANNOTATION] === 'false' || pod.metadata.labels[INJECT_ANNOTATION] === 'false';
  if (podOptOut) return false;
  const injection = nsLabels['istio-injection'];
  const nsRevision = nsLabels['istio.io/rev'];
  if (injection !== undefined) return injection === 'enabled';
  if (nsRevision !== undefined) return nsRevision === MESH_REVISION;
  const podRevision = pod.metadata.labels['istio.io/rev'];
  if (podRevision !== undefined) return podRevision === MESH_REVISION;
  return pod.metadata.labels[INJECT_ANNOTATION] === 'true';
}


/** The init container's name (injection-template.yaml, without the CNI plugin). */
export const INIT_CONTAINER = 'istio-init';

function objectOf(value: unknown): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/**
 * The workload the injector sees (DeploymentMeta and TypeMeta): a pod of a ReplicaSet belongs to
 * the Deployment named by the ReplicaSet minus its template hash; a bare pod is its own workload.
 */
function workloadOf(pod: KubeObject): { apiVersion: string; kind: string; name: string } {
  const owner = pod.metadata.ownerReferences?.[0];
  if (owner?.kind === 'ReplicaSet') return { apiVersion: 'apps/v1', kind: 'Deployment', name: owner.name.slice(0, Math.max(0, owner.name.lastIndexOf('-'))) || owner.name };
  if (owner) return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name };
  return { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name };
}

/**
 * `ISTIO_META_POD_PORTS`: the app containers' ports, each as Go's json.Marshal of a
 * v1.ContainerPort (name, hostPort, containerPort, protocol, hostIP; empty fields left out), one per
 * line after the template's indentation.
 */
function podPortsJson(containers: readonly unknown[]): string {
  const ports: string[] = [];
  for (const c of containers) {
    const list = objectOf(c)?.ports;
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      const port = objectOf(p);
      if (!port) continue;
      const fields: string[] = [];
      for (const key of ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP']) {
        const v = port[key];
        if (v !== undefined && v !== '' && v !== 0) fields.push(`${JSON.stringify(key)}:${JSON.stringify(v)}`);
      }
      ports.push(`{${fields.join(',')}}`);
    }
  }
  return `[\n${ports.map((p, i) => `    ${i ? ',' : ''}${p}`).join('\n')}${ports.length ? '\n' : ''}]`;
}

const fieldRef = (name: string, fieldPath: string): JsonObject => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });
const resourceRef = (name: string, resource: string): JsonObject => ({ name, valueFrom: { resourceFieldRef: { divisor: '0', resource } } });

/** The istio-proxy container's env, in the order Istio 1.26's injection template writes it. */
function proxyEnv(pod: KubeObject, containers: readonly unknown[], appNames: string[]): JsonObject[] {
  const workload = workloadOf(pod);
  const ns = pod.metadata.namespace ?? 'default';
  return [
    { name: 'PILOT_CERT_PROVIDER', value: 'istiod' },
    { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
    fieldRef('POD_NAME', 'metadata.name'),
    fieldRef('POD_NAMESPACE', 'metadata.namespace'),
    fieldRef('INSTANCE_IP', 'status.podIP'),
    fieldRef('SERVICE_ACCOUNT', 'spec.serviceAccountName'),
    fieldRef('HOST_IP', 'status.hostIP'),
    resourceRef('ISTIO_CPU_LIMIT', 'limits.cpu'),
    { name: 'PROXY_CONFIG', value: '{}\n' },
    { name: 'ISTIO_META_POD_PORTS', value: podPortsJson(containers) },
    { name: 'ISTIO_META_APP_CONTAINERS', value: appNames.join(',') },
    resourceRef('GOMEMLIMIT', 'limits.memory'),
    resourceRef('GOMAXPROCS', 'limits.cpu'),
    { name: 'ISTIO_META_CLUSTER_ID', value: 'Kubernetes' },
    fieldRef('ISTIO_META_NODE_NAME', 'spec.nodeName'),
    { name: 'ISTIO_META_INTERCEPTION_MODE', value: 'REDIRECT' },
    { name: 'ISTIO_META_WORKLOAD_NAME', value: pod.metadata.labels['service.istio.io/workload-name'] ?? workload.name },
    { name: 'ISTIO_META_OWNER', value: `kubernetes://apis/${workload.apiVersion}/namespaces/${ns}/${workload.kind.toLowerCase()}s/${workload.name}` },
    { name: 'ISTIO_META_MESH_ID', value: 'cluster.local' },
    { name: 'TRUST_DOMAIN', value: 'cluster.local' },
  ];
}

/** `istio-init`: istio-iptables with the template's default arguments, as root with NET_ADMIN and NET_RAW. */
function initContainer(): JsonObject {
  return {
    name: INIT_CONTAINER,
    image: PROXY_IMAGE,
    args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020', '--log_output_level=default:info'],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: false,
      runAsGroup: 0,
      runAsNonRoot: false,
      runAsUser: 0,
    },
  };
}

/** Returns the pod as the sidecar injector would mutate it (a new object). */
export function injectSidecar(pod: KubeObject): KubeObject {
  const spec = (pod.spec ?? {}) as JsonObject;
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  if (containers.some((c) => c && typeof c === 'object' && !Array.isArray(c) && c.name === SIDECAR_CONTAINER)) return pod;
  const appNames = containers.map((c) => objectOf(c)?.name).filter((n): n is string => typeof n === 'string');
  const firstName = appNames[0] ?? '';
  const app = pod.metadata.labels.app ?? pod.metadata.name;
  const proxy: JsonObject = {
    name: SIDECAR_CONTAINER,
    image: PROXY_IMAGE,
    args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
    env: proxyEnv(pod, containers, appNames),
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    securityContext: { runAsUser: 1337, runAsGroup: 1337, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
  };
  const inits = Array.isArray(spec.initContainers) ? spec.initContainers : [];
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
        'istio.io/rev': MESH_REVISION,
        'kubectl.kubernetes.io/default-container': firstName,
        'kubectl.kubernetes.io/default-logs-container': firstName,
        'prometheus.io/path': '/stats/prometheus',
        'prometheus.io/port': '15020',
        'prometheus.io/scrape': 'true',
        'sidecar.istio.io/status': `{"initContainers":["${INIT_CONTAINER}"],"containers":["istio-proxy"],"volumes":["workload-socket","credential-socket","workload-certs","istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"${MESH_REVISION}"}`,
      },
    },
    // webhook.go `reorderPod`: istio-init moves before the pod's own init containers.
    spec: { ...spec, initContainers: [initContainer(), ...inits], containers: [...containers, proxy] },
  };
}
