import { type KubeObject, getPath, getString, isJsonObject } from '../objects.ts';
import { expandHost, hostMatches } from '../resolution/hostMatch.ts';
import type { World } from '../world.ts';
import { any, configPath, istioMetadata } from './envoyPieces.ts';
import type { MeshService } from './meshServices.ts';
import type { ProtoObject, ProtoValue } from './protoJson.ts';

/** route.DefaultMaxDirectResponseBodySizeBytes */
const MAX_DIRECT_RESPONSE_BODY = 1048576;

/** The retry policy istiod gives every mesh route (meshConfig defaultHttpRetryPolicy unset). */
function defaultRetryPolicy(): ProtoObject {
  return {
    retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
    num_retries: 2,
    retry_host_predicate: [{ name: 'envoy.retry_host_predicates.previous_hosts', typed_config: any('envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate') }],
    host_selection_retry_max_attempts: '5',
    retriable_status_codes: [503],
  };
}

function routeAction(cluster: string, retries: boolean): ProtoObject {
  return {
    cluster,
    timeout: '0s',
    retry_policy: retries ? defaultRetryPolicy() : undefined,
    max_stream_duration: { max_stream_duration: '0s', grpc_timeout_header_max: '0s' },
  };
}

/** The inline route of an inbound HTTP chain (httproute.go buildSidecarInboundHTTPRouteConfig). */
export function inboundRouteConfig(cluster: string, servicePort: number, hostname: string): ProtoObject {
  return {
    name: cluster,
    virtual_hosts: [{
      name: `inbound|http|${servicePort}`,
      domains: ['*'],
      routes: [{ name: 'default', match: { prefix: '/' }, route: routeAction(cluster, false), decorator: { operation: `${hostname}:${servicePort}/*` } }],
    }],
    validate_clusters: false,
  };
}

/**
 * A service's domains (generateVirtualHostDomains with the sidecar's ignore-port rule): the FQDN,
 * the short forms a client in `proxyNamespace` can use, then the VIP.
 */
function serviceDomains(svc: MeshService, proxyNamespace: string): string[] {
  const short = svc.namespace === proxyNamespace ? [svc.name, `${svc.name}.${svc.namespace}.svc`, `${svc.name}.${svc.namespace}`] : [`${svc.name}.${svc.namespace}`, `${svc.name}.${svc.namespace}.svc`];
  return [svc.hostname, ...short, ...(svc.vip ? [svc.vip] : [])];
}

/** A mesh VirtualService (no `gateways`, or `mesh` among them) for a host, the oldest first. */
function meshVirtualService(world: World, hostname: string): KubeObject | undefined {
  return world.list('VirtualService')
    .filter((vs) => {
      const gateways = getPath(vs.spec, 'gateways');
      const mesh = !Array.isArray(gateways) || gateways.length === 0 || gateways.includes('mesh');
      const hosts = getPath(vs.spec, 'hosts');
      return mesh && Array.isArray(hosts) && hosts.some((h) => typeof h === 'string' && hostMatches(expandHost(h, vs.metadata.namespace ?? ''), hostname));
    })
    .sort((a, b) => a.metadata.creationTimestamp - b.metadata.creationTimestamp)[0];
}

/** The route match of one VirtualService `http[].match[]` entry (prefix, exact or regex on the URI). */
function uriMatch(match: unknown): ProtoObject {
  const uri = getPath(match, 'uri');
  const prefix = getString(uri, 'prefix');
  const exact = getString(uri, 'exact');
  const regex = getString(uri, 'regex');
  if (exact !== undefined) return { path: exact, case_sensitive: true };
  if (regex !== undefined) return { safe_regex: { regex }, case_sensitive: true };
  return { prefix: prefix ?? '/', case_sensitive: prefix === undefined ? undefined : true };
}

/**
 * `outbound|<port>|<subset>|<host>` for a VirtualService destination; without a port, the port of
 * a single-port Service, else the port the route serves.
 */
function destinationCluster(world: World, destination: unknown, namespace: string, defaultPort: number): string {
  const host = expandHost(getString(destination, 'host') ?? '', namespace);
  const portNumber = getPath(destination, 'port', 'number');
  const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(host);
  const svc = m && m[1] && m[2] ? world.get('Service', m[2], m[1]) : undefined;
  const ports = getPath(svc?.spec, 'ports');
  const only = Array.isArray(ports) && ports.length === 1 ? getPath(ports[0], 'port') : undefined;
  const port = typeof portNumber === 'number' ? portNumber : typeof only === 'number' ? only : defaultPort;
  return `outbound|${port}|${getString(destination, 'subset') ?? ''}|${host}`;
}

/** The routes a VirtualService's `http` rules become, each tagged with the VirtualService it came from. */
function virtualServiceRoutes(world: World, vs: KubeObject, defaultPort: number, operation: string): ProtoObject[] {
  const http = getPath(vs.spec, 'http');
  const namespace = vs.metadata.namespace ?? '';
  const metadata = istioMetadata({ config: configPath('virtual-service', namespace, vs.metadata.name) });
  if (!Array.isArray(http)) return [];
  return http.filter(isJsonObject).flatMap((rule) => {
    const routes = getPath(rule, 'route');
    const destinations = Array.isArray(routes) ? routes.filter(isJsonObject) : [];
    const action: ProtoObject = destinations.length > 1
      ? { weighted_clusters: { clusters: destinations.map((d) => ({ name: destinationCluster(world, getPath(d, 'destination'), namespace, defaultPort), weight: typeof d.weight === 'number' ? d.weight : 0 })) }, timeout: '0s', retry_policy: defaultRetryPolicy(), max_stream_duration: { max_stream_duration: '0s', grpc_timeout_header_max: '0s' } }
      : routeAction(destinationCluster(world, getPath(destinations[0], 'destination'), namespace, defaultPort), true);
    const matches = getPath(rule, 'match');
    const list = Array.isArray(matches) && matches.length > 0 ? matches : [undefined];
    return list.map((m): ProtoObject => ({ match: uriMatch(m), route: action, metadata, decorator: { operation } }));
  });
}

function serviceVirtualHost(world: World, svc: MeshService, port: number, proxyNamespace: string): ProtoObject {
  const cluster = `outbound|${port}||${svc.hostname}`;
  const operation = `${svc.hostname}:${port}/*`;
  const vs = meshVirtualService(world, svc.hostname);
  const routes: ProtoValue[] = vs ? virtualServiceRoutes(world, vs, port, operation) : [{ name: 'default', match: { prefix: '/' }, route: routeAction(cluster, true), decorator: { operation } }];
  return { name: `${svc.hostname}:${port}`, domains: serviceDomains(svc, proxyNamespace), routes, include_request_attempt_count: true };
}

/** buildCatchAllVirtualHost with outboundTrafficPolicy ALLOW_ANY. */
function allowAnyVirtualHost(): ProtoObject {
  return {
    name: 'allow_any',
    domains: ['*'],
    routes: [{ name: 'allow_any', match: { prefix: '/' }, route: { cluster: 'PassthroughCluster', timeout: '0s', max_grpc_timeout: '0s' } }],
    include_request_attempt_count: true,
  };
}

/**
 * An outbound RDS route (httproute.go buildSidecarOutboundHTTPRouteConfig): `<port>` holds a
 * virtual host per HTTP service on that port, sorted by name, then `allow_any`; a sniffed
 * `<host>:<port>` route holds that service's virtual host alone.
 */
export function outboundRouteConfig(world: World, name: string, services: readonly MeshService[], proxyNamespace: string): ProtoObject {
  const sniffed = /^(.*):(\d+)$/.exec(name);
  let vhosts: ProtoObject[];
  if (sniffed) {
    const svc = services.find((s) => s.hostname === sniffed[1]);
    vhosts = svc ? [serviceVirtualHost(world, svc, Number(sniffed[2]), proxyNamespace)] : [];
  } else {
    const port = Number(name);
    vhosts = services
      .filter((s) => s.ports.some((p) => p.port === port && (p.protocol === 'HTTP' || p.protocol === 'HTTP2' || p.protocol === 'GRPC' || p.protocol === 'GRPC-Web' || p.protocol === 'HTTP_PROXY')))
      .map((s) => serviceVirtualHost(world, s, port, proxyNamespace))
      .sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1));
    vhosts.push(allowAnyVirtualHost());
  }
  return { name, virtual_hosts: vhosts, validate_clusters: false, max_direct_response_body_size_bytes: MAX_DIRECT_RESPONSE_BODY, ignore_port_in_host_matching: true };
}

/**
 * A gateway's RDS route `http.<port>`: a virtual host per host of the VirtualServices bound to the
 * Gateways serving that port, named `<host>:<gateway port>`, with the VirtualService's routes.
 */
export function gatewayRouteConfig(world: World, name: string, gatewayPort: number, virtualServices: readonly KubeObject[]): ProtoObject {
  const vhosts: ProtoObject[] = [];
  for (const vs of virtualServices) {
    const hosts = getPath(vs.spec, 'hosts');
    for (const host of Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string') : []) {
      if (vhosts.some((v) => v.name === `${host}:${gatewayPort}`)) continue;
      vhosts.push({ name: `${host}:${gatewayPort}`, domains: [host], routes: virtualServiceRoutes(world, vs, gatewayPort, `${host}:${gatewayPort}/*`), include_request_attempt_count: true });
    }
  }
  return { name, virtual_hosts: vhosts, validate_clusters: false, max_direct_response_body_size_bytes: MAX_DIRECT_RESPONSE_BODY, ignore_port_in_host_matching: true };
}

/** The inline route of the bootstrap's static listeners (15090 Prometheus, 15021 health). */
export function staticBackendRoute(prefix: string, cluster: string): ProtoObject {
  return { virtual_hosts: [{ name: 'backend', domains: ['*'], routes: [{ match: { prefix }, route: { cluster } }] }] };
}
