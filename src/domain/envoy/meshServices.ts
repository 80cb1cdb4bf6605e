import { type ServicePort, clusterIP, resolveTargetPort, serviceEndpoints, serviceHost, servicePorts } from '../cluster/services.ts';
import { podIP } from '../cluster/pods.ts';
import type { KubeObject } from '../objects.ts';
import { compareByNamespaceAndName, type World } from '../world.ts';
import { type IstioProtocol, servicePortProtocol } from './istioProtocol.ts';

/** A Service port as istiod models it. */
export interface MeshPort {
  name: string;
  port: number;
  targetPort: ServicePort['targetPort'];
  protocol: IstioProtocol;
  raw: ServicePort;
}

/** A Kubernetes Service as istiod's registry holds it. */
export interface MeshService {
  object: KubeObject;
  name: string;
  namespace: string;
  /** `<name>.<namespace>.svc.cluster.local` */
  hostname: string;
  /** The cluster IP, or undefined for a headless Service. */
  vip: string | undefined;
  ports: MeshPort[];
}

/** One endpoint of a Service port: a running pod and the container port the port targets. */
export interface MeshEndpoint {
  pod: KubeObject;
  ip: string;
  port: number;
}

function compareByCreation(a: KubeObject, b: KubeObject): number {
  return a.metadata.creationTimestamp - b.metadata.creationTimestamp || compareByNamespaceAndName(a, b);
}

/**
 * Every Service a sidecar sees: without a Sidecar resource, all of the mesh's, sorted by hostname.
 * Headless Services (clusterIP None) have no VIP.
 */
export function meshServices(world: World): MeshService[] {
  return world
    .list('Service')
    .map((svc): MeshService => {
      const ip = clusterIP(svc);
      return {
        object: svc,
        name: svc.metadata.name,
        namespace: svc.metadata.namespace ?? '',
        hostname: serviceHost(svc),
        vip: ip && ip !== 'None' ? ip : undefined,
        ports: servicePorts(svc).map((p) => ({ name: p.name ?? '', port: p.port, targetPort: p.targetPort, protocol: servicePortProtocol(p), raw: p })),
      };
    })
    .sort((a, b) => (a.hostname < b.hostname ? -1 : a.hostname > b.hostname ? 1 : 0));
}

/** The running endpoints of one Service port, in the API server's pod order. */
export function portEndpoints(world: World, service: MeshService, port: MeshPort): MeshEndpoint[] {
  return serviceEndpoints(world, service.object).flatMap((pod) => {
    const ip = podIP(pod);
    const target = resolveTargetPort(port.raw, pod);
    return ip && target !== undefined ? [{ pod, ip, port: target }] : [];
  });
}

/**
 * The Service ports that target a pod (its "service targets"), keyed by target port: when two
 * Services target the same port, the oldest wins (listener_inbound.go getFilterChainsByServicePort).
 */
export function serviceTargets(world: World, pod: KubeObject): { service: MeshService; port: MeshPort; targetPort: number }[] {
  const byTarget = new Map<number, { service: MeshService; port: MeshPort; targetPort: number }>();
  const services = meshServices(world)
    .filter((s) => s.namespace === pod.metadata.namespace && serviceEndpoints(world, s.object).includes(pod))
    .sort((a, b) => compareByCreation(a.object, b.object));
  for (const service of services) {
    for (const port of service.ports) {
      if (port.protocol === 'UDP') continue;
      const targetPort = resolveTargetPort(port.raw, pod);
      if (targetPort === undefined || byTarget.has(targetPort)) continue;
      byTarget.set(targetPort, { service, port, targetPort });
    }
  }
  return [...byTarget.values()].sort((a, b) => a.targetPort - b.targetPort);
}
