import { hasSidecar, podContainers, podPhase, SIDECAR_CONTAINER } from '../../domain/cluster/pods.ts';
import type { KubeObject } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';

/** The istioctl binary the learner runs (a plain upstream download, not the ASM build). */
export const ISTIOCTL_VERSION = '1.26.4';

/** What client-go says when there is no kubeconfig: it falls back to http://localhost:8080 (clientcmd.ClusterDefaults). */
export function connectionRefused(url: string): string {
  return `Get "http://localhost:8080${url}": dial tcp [::1]:8080: connect: connection refused`;
}

/** Running istiod pods in the Istio namespace (`app=istiod`, as GetIstioVersions and proxy-status select them). */
export function istiodPods(world: World, istioNamespace: string): KubeObject[] {
  return world.list('Pod', istioNamespace).filter((pod) => pod.metadata.labels.app === 'istiod' && podPhase(pod) === 'Running');
}

/** Running pods with an istio-proxy container: every proxy istiod pushes config to. */
export function meshProxies(world: World): KubeObject[] {
  return world.list('Pod').filter((pod) => hasSidecar(pod) && podPhase(pod) === 'Running');
}

/** The version a container image carries in its tag (`…/proxyv2:1.26.4-asm.5` → `1.26.4-asm.5`). */
export function imageVersion(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.indexOf(':', slash + 1);
  return colon === -1 ? 'unknown' : image.slice(colon + 1);
}

/** The Istio version a proxy reports in its node metadata (ISTIO_VERSION), read from its image tag. */
export function proxyVersion(pod: KubeObject): string {
  const proxy = podContainers(pod).find((c) => c.name === SIDECAR_CONTAINER);
  return proxy ? imageVersion(proxy.image) : 'unknown';
}

/** istiod's `/version`, read from its discovery container image. */
export function istiodVersion(pod: KubeObject): string {
  const discovery = podContainers(pod).find((c) => c.name === 'discovery') ?? podContainers(pod)[0];
  return discovery ? imageVersion(discovery.image) : 'unknown';
}

/** `name.namespace`: how istioctl names a proxy. */
export function proxyId(pod: KubeObject): string {
  return `${pod.metadata.name}.${pod.metadata.namespace ?? ''}`;
}
