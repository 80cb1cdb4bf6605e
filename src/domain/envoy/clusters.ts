import { TLS_MODE_LABEL, SIDECAR_CONTAINER } from '../cluster/pods.ts';
import { type KubeObject, getPath, getString, getStringMap, isJsonObject } from '../objects.ts';
import { perObject } from '../perObject.ts';
import { resolveClientTls, type TlsClient } from '../resolution/resolveClientTls.ts';
import { outboundSni } from '../resolution/secureNaming.ts';
import type { ClientTlsDecision } from '../resolution/types.ts';
import type { World } from '../world.ts';
import {
  adsConfigSource, any, configPath, defaultCircuitBreakers, istioMetadata, rawBufferTransportSocket,
  socketAddress, tlsTransportSocket, upstreamIstioMutualContext,
} from './envoyPieces.ts';
import { type IstioProtocol, isHttp2, listenerProtocol } from './istioProtocol.ts';
import { type MeshEndpoint, type MeshPort, type MeshService, portEndpoints } from './meshServices.ts';
import { type ProtoMap, type ProtoObject, protoMap, protoStruct } from './protoJson.ts';

/** meshConfig.connectTimeout */
const CONNECT_TIMEOUT = '10s';

/** What a cluster's TLS comes from, as the resolution decides it for the proxy. */
export interface ClusterTls {
  decision: ClientTlsDecision;
  /** The DestinationRule that applies, as `namespace/name`. */
  destinationRule?: { namespace: string; name: string };
}

/**
 * An endpoint that stands for "a sidecar endpoint" when a Service has none: istiod still builds
 * the cluster (with auto mTLS) for it. One per Service object.
 */
const standInEndpoint = perObject((svc: KubeObject): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: '', namespace: svc.metadata.namespace ?? '', uid: '', creationTimestamp: 0, generation: 0, resourceVersion: '', labels: { [TLS_MODE_LABEL]: 'istio' }, annotations: {} },
  spec: { containers: [{ name: SIDECAR_CONTAINER }] },
}));

/** The client TLS the resolution decides for this proxy and one endpoint (or a stand-in) of a service port. */
export function clusterTls(world: World, client: TlsClient, service: MeshService, port: MeshPort, endpoint?: MeshEndpoint): ClusterTls {
  const pod = endpoint?.pod ?? standInEndpoint(service.object);
  const target = endpoint?.port ?? (typeof port.targetPort === 'number' ? port.targetPort : port.port);
  const decision = resolveClientTls(world, client, service.object, port.port, pod, target);
  const dr = decision.destinationRule;
  return { decision, ...(dr ? { destinationRule: { namespace: dr.namespace, name: dr.name } } : {}) };
}

/** typed_extension_protocol_options, a map keyed by extension name. */
function protocolOptions(protocol: IstioProtocol): ProtoMap | undefined {
  const lp = listenerProtocol(protocol);
  if (lp !== 'HTTP' && lp !== 'Auto') return undefined;
  const options = isHttp2(protocol)
    ? { explicit_http_config: { http2_protocol_options: {} } }
    : { use_downstream_protocol_config: { http_protocol_options: {}, http2_protocol_options: {} } };
  return protoMap({ 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': any('envoy.extensions.upstreams.http.v3.HttpProtocolOptions', options) });
}

/** The TLS of a user-configured (SIMPLE or MUTUAL) DestinationRule: no mesh certificates. */
function userTlsContext(sni: string | undefined, http2: boolean): ProtoObject {
  return {
    common_tls_context: {
      tls_params: { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3' },
      validation_context: {},
      alpn_protocols: http2 ? ['h2'] : undefined,
    },
    sni,
  };
}

/**
 * An outbound EDS cluster `outbound|<port>|<subset>|<host>` (cluster_builder.go, cluster_tls.go):
 * auto mTLS becomes transport_socket_matches on the endpoints' tlsMode (mTLS to `istio`, plaintext
 * to the rest); a DestinationRule's tls becomes the cluster's transport_socket.
 */
function outboundCluster(service: MeshService, port: MeshPort, subset: string, tls: ClusterTls): ProtoObject {
  const name = `outbound|${port.port}|${subset}|${service.hostname}`;
  const { decision } = tls;
  const http2 = isHttp2(port.protocol);
  const sni = outboundSni(port.port, subset, service.hostname);
  let transportSocket: ProtoObject | undefined;
  let matches: ProtoObject[] | undefined;
  if (decision.source === 'destination-rule') {
    if (decision.sends === 'ISTIO_MUTUAL') transportSocket = tlsTransportSocket(upstreamIstioMutualContext(subset ? sni : (decision.sni ?? sni), decision.subjectAltNames, http2), false);
    else if (decision.sends === 'SIMPLE_TLS' || decision.sends === 'MUTUAL_TLS') transportSocket = tlsTransportSocket(userTlsContext(decision.sni, http2), false);
  } else if (decision.source !== 'auto-mtls-service-disabled') {
    matches = [
      { name: 'tlsMode-istio', match: protoStruct({ tlsMode: 'istio' }), transport_socket: tlsTransportSocket(upstreamIstioMutualContext(sni, decision.subjectAltNames.length ? decision.subjectAltNames : [], http2), false) },
      { name: 'tlsMode-disabled', match: protoStruct({}), transport_socket: rawBufferTransportSocket() },
    ];
  }
  const dr = tls.destinationRule;
  return {
    transport_socket_matches: matches,
    name,
    alt_stat_name: `${name};`,
    type: 'EDS',
    eds_cluster_config: { eds_config: adsConfigSource(), service_name: name },
    connect_timeout: CONNECT_TIMEOUT,
    lb_policy: 'LEAST_REQUEST',
    circuit_breakers: defaultCircuitBreakers(),
    typed_extension_protocol_options: protocolOptions(port.protocol),
    common_lb_config: {},
    transport_socket: transportSocket,
    metadata: istioMetadata({
      ...(dr ? { config: configPath('destination-rule', dr.namespace, dr.name) } : {}),
      default_original_port: port.port,
      ...(subset ? { subset } : {}),
      services: [{ host: service.hostname, name: service.name, namespace: service.namespace }],
    }),
    filters: [{ name: 'istio.metadata_exchange', typed_config: any('envoy.tcp.metadataexchange.config.MetadataExchange', { protocol: 'istio-peer-exchange', enable_discovery: true }) }],
  };
}

/** The subsets of the DestinationRule that applies: name and labels. */
export function destinationRuleSubsets(world: World, dr: { namespace: string; name: string } | undefined): { name: string; labels: Record<string, string> }[] {
  if (!dr) return [];
  const rule = world.get('DestinationRule', dr.namespace, dr.name);
  const subsets = getPath(rule?.spec, 'subsets');
  return Array.isArray(subsets)
    ? subsets.filter(isJsonObject).flatMap((s) => {
      const name = getString(s, 'name');
      return name ? [{ name, labels: getStringMap(s, 'labels') }] : [];
    })
    : [];
}

/** A service port's clusters for one proxy: the port's own, then one per DestinationRule subset. */
export interface OutboundClusterSet {
  service: MeshService;
  port: MeshPort;
  tls: ClusterTls;
  clusters: { name: string; subset: string; labels: Record<string, string>; cluster: ProtoObject }[];
}

export function outboundClusters(world: World, client: TlsClient, services: readonly MeshService[]): OutboundClusterSet[] {
  const sets: OutboundClusterSet[] = [];
  const names = new Set<string>();
  for (const service of services) {
    for (const port of service.ports) {
      // One cluster per port number: a second port with the same number (DNS over TCP next to UDP) adds none.
      const name = `outbound|${port.port}||${service.hostname}`;
      if (port.protocol === 'UDP' || names.has(name)) continue;
      names.add(name);
      const endpoints = portEndpoints(world, service, port);
      const tls = clusterTls(world, client, service, port, endpoints[0]);
      const subsets = destinationRuleSubsets(world, tls.destinationRule);
      sets.push({
        service,
        port,
        tls,
        clusters: [
          { name: `outbound|${port.port}||${service.hostname}`, subset: '', labels: {}, cluster: outboundCluster(service, port, '', tls) },
          ...subsets.map((s) => ({ name: `outbound|${port.port}|${s.name}|${service.hostname}`, subset: s.name, labels: s.labels, cluster: outboundCluster(service, port, s.name, tls) })),
        ],
      });
    }
  }
  return sets;
}

/** `inbound|<port>||`: forwards to the application from 127.0.0.6 (cluster_builder.go buildInboundCluster). */
export function inboundCluster(targetPort: number, service: MeshService, protocol: IstioProtocol): ProtoObject {
  return {
    name: `inbound|${targetPort}||`,
    alt_stat_name: `inbound|${targetPort}||;`,
    type: 'ORIGINAL_DST',
    connect_timeout: CONNECT_TIMEOUT,
    lb_policy: 'CLUSTER_PROVIDED',
    circuit_breakers: defaultCircuitBreakers(),
    typed_extension_protocol_options: protocolOptions(protocol),
    // Inbound ORIGINAL_DST hosts are never cleaned up (maxSecondsValue).
    cleanup_interval: '315576000000s',
    upstream_bind_config: { source_address: { address: '127.0.0.6', port_value: 0 } },
    metadata: istioMetadata({ services: [{ host: service.hostname, name: service.name, namespace: service.namespace }] }),
  };
}

/** The clusters every sidecar has whatever the mesh holds (cluster.go buildBlackHoleCluster and the passthroughs). */
export function builtinClusters(sidecar: boolean): ProtoObject[] {
  const useDownstream = protoMap({ 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': any('envoy.extensions.upstreams.http.v3.HttpProtocolOptions', { use_downstream_protocol_config: { http_protocol_options: {}, http2_protocol_options: {} } }) });
  const out: ProtoObject[] = [
    { name: 'BlackHoleCluster', alt_stat_name: 'BlackHoleCluster;', connect_timeout: CONNECT_TIMEOUT },
    { name: 'PassthroughCluster', alt_stat_name: 'PassthroughCluster;', type: 'ORIGINAL_DST', connect_timeout: CONNECT_TIMEOUT, lb_policy: 'CLUSTER_PROVIDED', circuit_breakers: defaultCircuitBreakers(), typed_extension_protocol_options: useDownstream, filters: [{ name: 'istio.metadata_exchange', typed_config: any('envoy.tcp.metadataexchange.config.MetadataExchange', { protocol: 'istio-peer-exchange', enable_discovery: true }) }] },
  ];
  if (sidecar) {
    out.push({ name: 'InboundPassthroughCluster', alt_stat_name: 'InboundPassthroughCluster;', type: 'ORIGINAL_DST', connect_timeout: CONNECT_TIMEOUT, lb_policy: 'CLUSTER_PROVIDED', circuit_breakers: defaultCircuitBreakers(), typed_extension_protocol_options: useDownstream, upstream_bind_config: { source_address: { address: '127.0.0.6', port_value: 0 } } });
  }
  return out;
}

/** A static cluster of the bootstrap (tools/packaging/common/envoy_bootstrap.json). */
export function bootstrapClusters(): ProtoObject[] {
  const h2 = protoMap({ 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': any('envoy.extensions.upstreams.http.v3.HttpProtocolOptions', { explicit_http_config: { http2_protocol_options: {} } }) });
  const loadAssignment = (name: string, address: ProtoObject): ProtoObject => ({ cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address } }] }] });
  return [
    { name: 'prometheus_stats', alt_stat_name: 'prometheus_stats;', connect_timeout: '0.250s', load_assignment: loadAssignment('prometheus_stats', socketAddress('127.0.0.1', 15000)) },
    { name: 'agent', alt_stat_name: 'agent;', connect_timeout: '0.250s', load_assignment: loadAssignment('agent', socketAddress('127.0.0.1', 15020)) },
    { name: 'sds-grpc', alt_stat_name: 'sds-grpc;', connect_timeout: '1s', load_assignment: loadAssignment('sds-grpc', { pipe: { path: './var/run/secrets/workload-spiffe-uds/socket' } }), typed_extension_protocol_options: h2 },
    {
      name: 'xds-grpc', alt_stat_name: 'xds-grpc;', connect_timeout: '1s',
      load_assignment: loadAssignment('xds-grpc', { pipe: { path: './etc/istio/proxy/XDS' } }),
      max_requests_per_connection: 1,
      circuit_breakers: { thresholds: [{ max_connections: 100000, max_pending_requests: 100000, max_requests: 100000 }, { priority: 'HIGH', max_connections: 100000, max_pending_requests: 100000, max_requests: 100000 }] },
      typed_extension_protocol_options: h2,
      upstream_connection_options: { tcp_keepalive: { keepalive_time: 300 } },
    },
  ];
}
