import { type KubeObject, getPath, getString, getStringMap, isJsonObject, labelsMatch } from '../objects.ts';
import { perObject } from '../perObject.ts';
import type { World } from '../world.ts';
import { podPhase } from './pods.ts';

export interface ServicePort {
  name?: string;
  port: number;
  /** A number, or the name of a container port. Defaults to `port`. */
  targetPort: number | string;
  protocol: string;
  nodePort?: number;
  appProtocol?: string;
}

export function serviceHost(svc: KubeObject, domain = 'cluster.local'): string {
  return domain === 'cluster.local' ? clusterHost(svc) : hostIn(svc, domain);
}

function hostIn(svc: KubeObject, domain: string): string {
  return `${svc.metadata.name}.${svc.metadata.namespace}.svc.${domain}`;
}

/** One host string per Service object, shared by the hops and traces that name it. */
const clusterHost = perObject((svc: KubeObject) => hostIn(svc, 'cluster.local'));

export function serviceType(svc: KubeObject): string {
  return getString(svc.spec, 'type') ?? 'ClusterIP';
}

export function clusterIP(svc: KubeObject): string | undefined {
  return getString(svc.spec, 'clusterIP');
}

/** The first load-balancer ingress IP, when the cloud has provisioned one. */
export function externalIP(svc: KubeObject): string | undefined {
  return getString(svc.status, 'loadBalancer', 'ingress', 0, 'ip');
}

/** The Service's selector; shared, read-only. */
export function serviceSelector(svc: KubeObject): Readonly<Record<string, string>> {
  return readOnce(svc).selector;
}

/** The Service's ports; shared, read-only. */
export function servicePorts(svc: KubeObject): readonly ServicePort[] {
  return readOnce(svc).ports;
}

/** What a Service object says, read once per object: every hop asks. */
const readOnce = perObject((svc: KubeObject): { selector: Readonly<Record<string, string>>; ports: readonly ServicePort[] } => ({ selector: getStringMap(svc.spec, 'selector'), ports: readPorts(svc) }));

function readPorts(svc: KubeObject): ServicePort[] {
  const ports = getPath(svc.spec, 'ports');
  if (!Array.isArray(ports)) return [];
  return ports.filter(isJsonObject).flatMap((p) => {
    if (typeof p.port !== 'number') return [];
    const target = typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : p.port;
    return [{
      ...(typeof p.name === 'string' ? { name: p.name } : {}),
      port: p.port,
      targetPort: target,
      protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
      ...(typeof p.nodePort === 'number' ? { nodePort: p.nodePort } : {}),
      ...(typeof p.appProtocol === 'string' ? { appProtocol: p.appProtocol } : {}),
    }];
  });
}

/** Running pods in the Service's namespace whose labels match its selector (its endpoints); shared, read-only. */
export function serviceEndpoints(world: World, svc: KubeObject): readonly KubeObject[] {
  const ns = svc.metadata.namespace ?? '';
  const stamp = world.version('Pod', ns);
  const hit = endpointCache.get(svc);
  if (hit && hit.stamp === stamp) return hit.pods;
  const selector = serviceSelector(svc);
  const pods = Object.keys(selector).length === 0 ? [] : world.list('Pod', ns).filter((pod) => podPhase(pod) === 'Running' && labelsMatch(selector, pod.metadata.labels));
  endpointCache.set(svc, { stamp, pods });
  return pods;
}

/** Endpoints by Service object while the pods of its namespace keep their change stamp (unique across worlds). */
const endpointCache = new WeakMap<KubeObject, { stamp: number; pods: readonly KubeObject[] }>();

/** The container port a Service port targets on one pod; a named targetPort is looked up by name. */
export function resolveTargetPort(port: ServicePort, pod: KubeObject): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  const asNumber = Number(port.targetPort);
  if (Number.isInteger(asNumber) && asNumber > 0) return asNumber;
  const containers = getPath(pod.spec, 'containers');
  if (!Array.isArray(containers)) return undefined;
  for (const c of containers.filter(isJsonObject)) {
    if (!Array.isArray(c.ports)) continue;
    for (const p of c.ports.filter(isJsonObject)) {
      if (p.name === port.targetPort && typeof p.containerPort === 'number') return p.containerPort;
    }
  }
  return undefined;
}

/** Services in a namespace that select a pod. */
export function servicesForPod(world: World, pod: KubeObject): KubeObject[] {
  return world.list('Service', pod.metadata.namespace ?? '').filter((svc) => {
    const selector = serviceSelector(svc);
    return Object.keys(selector).length > 0 && labelsMatch(selector, pod.metadata.labels);
  });
}
