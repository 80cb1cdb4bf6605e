import { type KubeObject, getPath, getString, isJsonObject } from '../objects.ts';
import { perObject } from '../perObject.ts';

export const SIDECAR_CONTAINER = 'istio-proxy';
export const TLS_MODE_LABEL = 'security.istio.io/tlsMode';
export const INJECT_ANNOTATION = 'sidecar.istio.io/inject';

export interface ContainerInfo {
  name: string;
  image: string;
  ports: number[];
}

export function podContainers(pod: KubeObject): ContainerInfo[] {
  const containers = getPath(pod.spec, 'containers');
  if (!Array.isArray(containers)) return [];
  return containers.filter(isJsonObject).map((c) => ({
    name: typeof c.name === 'string' ? c.name : '',
    image: typeof c.image === 'string' ? c.image : '',
    ports: Array.isArray(c.ports)
      ? c.ports.filter(isJsonObject).map((p) => p.containerPort).filter((p): p is number => typeof p === 'number')
      : [],
  }));
}

export function hasSidecar(pod: KubeObject): boolean {
  return sidecarByPod(pod);
}

/** Once per pod object: every hop asks, often several times. */
const sidecarByPod = perObject((pod: KubeObject) => podContainers(pod).some((c) => c.name === SIDECAR_CONTAINER));

/** The endpoint's tlsMode label as EDS reads it: a missing label means `disabled`. */
export function podTlsMode(pod: KubeObject): string {
  return pod.metadata.labels[TLS_MODE_LABEL] ?? 'disabled';
}

export function podServiceAccount(pod: KubeObject): string {
  return getString(pod.spec, 'serviceAccountName') ?? 'default';
}

export function podIP(pod: KubeObject): string | undefined {
  return getString(pod.status, 'podIP');
}

export function podPhase(pod: KubeObject): string {
  return getString(pod.status, 'phase') ?? 'Pending';
}

/** The application containers' ports (the sidecar's own ports excluded). */
export function appContainerPorts(pod: KubeObject): number[] {
  return podContainers(pod)
    .filter((c) => c.name !== SIDECAR_CONTAINER)
    .flatMap((c) => c.ports);
}

/** `spiffe://cluster.local/ns/<ns>/sa/<sa>`: the identity in the workload's certificate. */
export function spiffeId(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}
