import { hasSidecar, podPhase } from '../cluster/pods.ts';
import { type KubeObject, getPath, getStringMap, isJsonObject, labelsMatch } from '../objects.ts';
import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import type { TlsClient } from '../resolution/resolveClientTls.ts';
import type { World } from '../world.ts';
import { bootstrapConfig, bootstrapListeners } from './bootstrap.ts';
import { bootstrapClusters, builtinClusters, inboundCluster, outboundClusters } from './clusters.ts';
import { type ClusterHost, clusterHosts, clusterLoadAssignment } from './endpoints.ts';
import { gatewayListener, outboundListeners, referencedRouteNames, virtualInboundListener, virtualOutboundListener } from './listeners.ts';
import { meshServices, serviceTargets } from './meshServices.ts';
import type { ProtoObject } from './protoJson.ts';
import { rbacHttpFilters } from './rbacFilters.ts';
import { gatewayRouteConfig, outboundRouteConfig } from './routes.ts';
import { type EnvoySecret, proxySecrets } from './secrets.ts';

/** An EDS cluster's endpoints: what istiod sent and the hosts behind it. */
export interface ClusterEndpoints {
  cluster: string;
  assignment: ProtoObject;
  hosts: ClusterHost[];
}

/** Everything istiod and the bootstrap give one proxy: what its admin endpoint dumps. */
export interface EnvoyConfig {
  pod: KubeObject;
  /** A gateway (`router~` node) rather than a sidecar. */
  router: boolean;
  bootstrap: ProtoObject;
  staticListeners: ProtoObject[];
  staticClusters: ProtoObject[];
  /** LDS resources, in istiod's order. */
  listeners: ProtoObject[];
  /** CDS resources. */
  clusters: ProtoObject[];
  /** RDS resources. */
  routes: ProtoObject[];
  /** Route configurations written inline in listeners (Envoy dumps them as static route configs). */
  inlineRoutes: ProtoObject[];
  endpoints: ClusterEndpoints[];
  secrets: EnvoySecret[];
  /** istiod's push version, `2026-11-28T08:32:40Z/3`. */
  versionInfo: string;
  /** When Envoy started (ms), and when it last accepted a push. */
  startedAt: number;
  updatedAt: number;
}

/** The kinds whose changes make istiod push (AuthorizationPolicy builds RBAC filters): the newest one dates the last push. */
const PUSHED_KINDS = ['PeerAuthentication', 'DestinationRule', 'AuthorizationPolicy', 'VirtualService', 'Gateway', 'Service', 'Pod'];

function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Whether a pod runs an Envoy that istiod configures: a sidecar or a gateway, running. */
export function hasEnvoy(pod: KubeObject): boolean {
  return (hasSidecar(pod) || isGatewayPod(pod)) && podPhase(pod) === 'Running';
}

/** Route configurations written inline in HTTP connection managers, in listener order. */
function inlineRouteConfigs(listeners: readonly ProtoObject[]): ProtoObject[] {
  const found: ProtoObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object' && !(value instanceof Map)) {
      const obj = value as ProtoObject;
      if (obj.route_config && typeof obj.route_config === 'object' && !Array.isArray(obj.route_config)) found.push(obj.route_config as ProtoObject);
      Object.values(obj).forEach(visit);
    }
  };
  visit(listeners);
  return found;
}

/** The Gateway servers that select a gateway pod, by the container port their Service port targets. */
function gatewayPorts(world: World, pod: KubeObject): { port: number; servicePort: number; virtualServices: KubeObject[] }[] {
  const out = new Map<number, { port: number; servicePort: number; virtualServices: KubeObject[] }>();
  const services = world.list('Service', pod.metadata.namespace ?? '').filter((s) => {
    const selector = getStringMap(s.spec, 'selector');
    return Object.keys(selector).length > 0 && labelsMatch(selector, pod.metadata.labels);
  });
  for (const gw of world.list('Gateway')) {
    if (!labelsMatch(getStringMap(gw.spec, 'selector'), pod.metadata.labels)) continue;
    const servers = getPath(gw.spec, 'servers');
    for (const server of Array.isArray(servers) ? servers.filter(isJsonObject) : []) {
      const number = getPath(server, 'port', 'number');
      if (typeof number !== 'number') continue;
      // Istio binds the server's port as the gateway Service maps it onto the pod.
      let target = number;
      for (const svc of services) {
        const ports = getPath(svc.spec, 'ports');
        const match = Array.isArray(ports) ? ports.find((p) => getPath(p, 'port') === number) : undefined;
        const tp = getPath(match, 'targetPort');
        if (typeof tp === 'number') target = tp;
      }
      const ref = `${gw.metadata.namespace}/${gw.metadata.name}`;
      const vss = world.list('VirtualService').filter((vs) => {
        const gws = getPath(vs.spec, 'gateways');
        return Array.isArray(gws) && gws.some((g) => typeof g === 'string' && (g.includes('/') ? g : `${vs.metadata.namespace}/${g}`) === ref);
      });
      const entry = out.get(target) ?? { port: target, servicePort: number, virtualServices: [] };
      for (const vs of vss) if (!entry.virtualServices.includes(vs)) entry.virtualServices.push(vs);
      out.set(target, entry);
    }
  }
  return [...out.values()].sort((a, b) => a.port - b.port);
}

/**
 * The configuration of a pod's Envoy: what istiod would push to it now, with the bootstrap
 * pilot-agent wrote, or undefined when the pod runs no Envoy. Every decision it reflects (the
 * inbound mode of each port, the TLS each cluster originates) comes from the resolution.
 */
export function envoyConfig(world: World, pod: KubeObject): EnvoyConfig | undefined {
  if (!hasEnvoy(pod)) return undefined;
  const router = isGatewayPod(pod);
  const namespace = pod.metadata.namespace ?? '';
  const client: TlsClient = { namespace, kind: router ? 'gateway' : 'sidecar' };
  const services = meshServices(world);

  const sets = outboundClusters(world, client, services);
  const targets = router ? [] : serviceTargets(world, pod);
  const clusters: ProtoObject[] = [
    ...builtinClusters(!router),
    ...targets.map((t) => inboundCluster(t.targetPort, t.service, t.port.protocol)),
    ...sets.flatMap((s) => s.clusters.map((c) => c.cluster)),
  ];
  const endpoints: ClusterEndpoints[] = sets.flatMap((s) => s.clusters.map((c) => {
    const hosts = clusterHosts(world, client, s, c.labels);
    return { cluster: c.name, assignment: clusterLoadAssignment(world, c.name, hosts), hosts };
  }));

  let listeners: ProtoObject[];
  let routes: ProtoObject[];
  if (router) {
    const ports = gatewayPorts(world, pod);
    const rbac = rbacHttpFilters(world, pod);
    listeners = ports.map((p) => gatewayListener(p.port, rbac));
    routes = ports.map((p) => gatewayRouteConfig(world, `http.${p.port}`, p.servicePort, p.virtualServices));
  } else {
    const outbound = outboundListeners(services);
    listeners = [virtualOutboundListener(), virtualInboundListener(world, pod), ...outbound];
    routes = referencedRouteNames(outbound).map((name) => outboundRouteConfig(world, name, services, namespace));
  }

  const staticListeners = bootstrapListeners();
  const staticClusters = bootstrapClusters();
  // Envoy starts a few seconds after the pod is created; its clock has milliseconds.
  const startedAt = pod.metadata.creationTimestamp * 1000 + 3000 + (hashOf(pod.metadata.uid) % 997);
  let newest = startedAt + 1000;
  for (const kind of PUSHED_KINDS) for (const obj of world.ofKind(kind)) newest = Math.max(newest, obj.metadata.creationTimestamp * 1000 + 1000);
  const updatedAt = Math.min(Math.max(startedAt, world.clock.now()), newest + (hashOf(`${world.configVersion}`) % 997));
  return {
    pod,
    router,
    bootstrap: bootstrapConfig(world, pod, router, staticClusters),
    staticListeners,
    staticClusters,
    listeners,
    clusters,
    routes,
    inlineRoutes: inlineRouteConfigs([...staticListeners, ...listeners]),
    endpoints,
    secrets: proxySecrets(world, pod, startedAt),
    versionInfo: `${rfc3339Seconds(updatedAt)}/${world.configVersion}`,
    startedAt,
    updatedAt,
  };
}
