import { SIDECAR_CONTAINER, podContainers } from '../cluster/pods.ts';
import type { KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import { clusterCaCertificate } from './clusterCaCertificate.ts';
import { rootCertificate } from './rootCertificate.ts';
import { clusterIssuer, serviceAccountToken } from './serviceAccountToken.ts';

/** The downward API's form of a label or annotation map: `key="value"` lines, sorted, Go-quoted. */
function downwardMap(map: Record<string, string>): string {
  return Object.keys(map)
    .sort()
    .map((k) => `${k}=${JSON.stringify(map[k])}`)
    .join('\n');
}

/**
 * The files Kubernetes and the Istio injector mount into a container, by absolute path:
 * - every container of the pod spec: the `kube-api-access` projection at
 *   /var/run/secrets/kubernetes.io/serviceaccount (ca.crt, namespace, and a token for the API
 *   server, 3607 s requested), unless the pod sets `automountServiceAccountToken: false`;
 * - the istio-proxy container, as the sidecar template mounts them: the mesh root CA from the
 *   istio-ca-root-cert ConfigMap (/var/run/secrets/istio/root-cert.pem), the `istio-ca` token
 *   istio-agent presents to the CA (/var/run/secrets/tokens/istio-token, 43200 s) and the pod's
 *   labels and annotations (/etc/istio/pod). The workload key and certificate are not files:
 *   istio-agent keeps them in memory and serves them to Envoy over SDS.
 * Ephemeral (debug) containers get no volumes.
 */
export function containerFiles(world: World, pod: KubeObject, container: string): Record<string, string> {
  if (!podContainers(pod).some((c) => c.name === container)) return {};
  const files: Record<string, string> = {};
  if (pod.spec?.automountServiceAccountToken !== false) {
    const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
    files[`${dir}/ca.crt`] = clusterCaCertificate(world).pem;
    files[`${dir}/namespace`] = pod.metadata.namespace ?? '';
    files[`${dir}/token`] = serviceAccountToken(world, pod, { audience: clusterIssuer(world), expirationSeconds: 3607 });
  }
  if (container === SIDECAR_CONTAINER) {
    files['/var/run/secrets/istio/root-cert.pem'] = rootCertificate(world).pem;
    files['/var/run/secrets/tokens/istio-token'] = serviceAccountToken(world, pod, { audience: 'istio-ca', expirationSeconds: 43200 });
    files['/etc/istio/pod/labels'] = downwardMap(pod.metadata.labels);
    files['/etc/istio/pod/annotations'] = downwardMap(pod.metadata.annotations);
  }
  return files;
}
