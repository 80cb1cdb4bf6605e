import type { KubeObject } from '../objects.ts';
import { podIP } from '../cluster/pods.ts';
import { type ServicePort, clusterIP, externalIP, serviceType, servicePorts } from '../cluster/services.ts';
import type { World } from '../world.ts';
import type { ParsedUrl, RequestClient } from './request.ts';

/** Where a URL leads from one client, before any proxy is involved. */
export type Destination =
  /** DNS found nothing: curl exit 6. */
  | { kind: 'unresolved'; host: string }
  /** A ClusterIP service, by DNS name or VIP. `port` is undefined when the service lacks that port. */
  | { kind: 'service'; service: KubeObject; port: ServicePort | undefined; ip: string }
  /** A LoadBalancer's external IP: the cloud LB forwards TCP to a node port, then to a pod. */
  | { kind: 'load-balancer'; service: KubeObject; port: ServicePort | undefined; ip: string }
  /** A pod IP, or localhost inside the client's own pod. */
  | { kind: 'pod'; pod: KubeObject; ip: string; loopback: boolean }
  /** An address nothing answers: the connection times out. */
  | { kind: 'unreachable'; ip: string };

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function servicePortFor(svc: KubeObject, port: number): ServicePort | undefined {
  return servicePorts(svc).find((p) => p.port === port);
}

/** Cluster DNS: `<svc>.<ns>.svc.cluster.local` answers with the Service's cluster IP. */
function lookupServiceFqdn(world: World, fqdn: string): KubeObject | undefined {
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local\.?$/.exec(fqdn);
  if (!m || !m[1] || !m[2]) return undefined;
  return world.get('Service', m[2], m[1]);
}

/** Resolves a host as the client's resolver would (pod resolv.conf search path with ndots:5). */
function resolveName(world: World, client: RequestClient, host: string): KubeObject | undefined {
  if (client.kind === 'external') return undefined;
  if (host.endsWith('.')) return lookupServiceFqdn(world, host.slice(0, -1));
  const search = [`${client.namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
  const dots = host.split('.').length - 1;
  const candidates = dots >= 5 ? [host, ...search.map((s) => `${host}.${s}`)] : [...search.map((s) => `${host}.${s}`), host];
  for (const name of candidates) {
    const svc = lookupServiceFqdn(world, name);
    if (svc) return svc;
  }
  return undefined;
}

export function resolveDestination(world: World, client: RequestClient, url: ParsedUrl): Destination {
  const host = url.host;
  if (client.kind === 'pod' && (host === 'localhost' || host === '127.0.0.1')) {
    const self = world.get('Pod', client.namespace, client.pod);
    if (self) return { kind: 'pod', pod: self, ip: '127.0.0.1', loopback: true };
  }
  if (IPV4.test(host)) {
    for (const svc of world.list('Service')) {
      if (serviceType(svc) === 'LoadBalancer' && externalIP(svc) === host) {
        return { kind: 'load-balancer', service: svc, port: servicePortFor(svc, url.port), ip: host };
      }
    }
    if (client.kind === 'external') return { kind: 'unreachable', ip: host };
    for (const svc of world.list('Service')) {
      if (clusterIP(svc) === host) return { kind: 'service', service: svc, port: servicePortFor(svc, url.port), ip: host };
    }
    for (const pod of world.list('Pod')) {
      if (podIP(pod) === host) return { kind: 'pod', pod, ip: host, loopback: false };
    }
    return { kind: 'unreachable', ip: host };
  }
  const svc = resolveName(world, client, host);
  if (!svc) return { kind: 'unresolved', host };
  const ip = clusterIP(svc) ?? '';
  return { kind: 'service', service: svc, port: servicePortFor(svc, url.port), ip };
}
