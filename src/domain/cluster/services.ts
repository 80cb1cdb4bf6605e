import { type KubeObject, getPath, getString, getStringMap, isJsonObject, labelsMatch } from '../objects.ts';
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
  return `${svc.metadata.name}.${svc.metadata.namespace}.svc.${domain}`;
}

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

export function serviceSelector(svc: KubeObject): Record<string, string> {
  return getStringMap(svc.spec, 'selector');
}

export function servicePorts(svc: KubeObject): ServicePort[] {
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

/** Running pods in the Service's namespace whose labels match its selector (its endpoints). */
export function serviceEndpoints(world: World, svc: KubeObject): KubeObject[] {
  const selector = serviceSelector(svc);
  if (Object.keys(selector).length === 0) return [];
  return world
    .list('Pod', svc.metadata.namespace ?? '')
    .filter((pod) => podPhase(pod) === 'Running' && labelsMatch(selector, pod.metadata.labels));
}

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
