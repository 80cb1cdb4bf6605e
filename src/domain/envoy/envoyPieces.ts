import { type ProtoObject, type ProtoValue, protoMap, protoStruct } from './protoJson.ts';

/** The pieces of Envoy configuration that istiod repeats everywhere (pilot/pkg/xds/filters, pilot/pkg/networking/util). */

export const TYPE_PREFIX = 'type.googleapis.com/';

/** A google.protobuf.Any: `@type` first, then the message's fields. */
export function any(type: string, fields: ProtoObject = {}): ProtoObject {
  return { '@type': TYPE_PREFIX + type, ...fields };
}

export function socketAddress(address: string, port: number): ProtoObject {
  return { socket_address: { address, port_value: port } };
}

export function pipeAddress(path: string): ProtoObject {
  return { pipe: { path } };
}

/** ADS, as istiod's CDS/EDS/RDS references say it: no initial fetch timeout, v3 resources. */
export function adsConfigSource(): ProtoObject {
  return { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' };
}

/** The SDS secret istio-agent serves over its UDS: `default` (the workload certificate) or `ROOTCA`. */
export function sdsSecretConfig(name: 'default' | 'ROOTCA'): ProtoObject {
  return {
    name,
    sds_config: {
      api_config_source: {
        api_type: 'GRPC',
        transport_api_version: 'V3',
        grpc_services: [{ envoy_grpc: { cluster_name: 'sds-grpc' } }],
        set_node_on_first_message_only: true,
      },
      initial_fetch_timeout: '0s',
      resource_api_version: 'V3',
    },
  };
}

/** Istio's "match any" StringMatcher list for SANs: exact matches. */
export function exactMatches(values: readonly string[]): ProtoValue[] {
  return values.map((exact) => ({ exact }));
}

/** Mesh mTLS ciphers a sidecar accepts (pilot/pkg/security/authn/utils SupportedCiphers). */
export const MESH_CIPHERS = ['ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'AES128-GCM-SHA256'];

/**
 * The inbound mTLS context (authn utils BuildInboundTLS): client certificates required, the
 * workload certificate and ROOTCA from SDS, ALPN h2/http1.1 for HTTP chains, and with
 * istio-peer-exchange for TCP chains.
 */
export function downstreamMtlsContext(tcp: boolean): ProtoObject {
  return {
    common_tls_context: {
      tls_params: { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3', cipher_suites: [...MESH_CIPHERS] },
      tls_certificate_sds_secret_configs: [sdsSecretConfig('default')],
      combined_validation_context: { default_validation_context: {}, validation_context_sds_secret_config: sdsSecretConfig('ROOTCA') },
      alpn_protocols: tcp ? ['istio-peer-exchange', 'h2', 'http/1.1'] : ['h2', 'http/1.1'],
    },
    require_client_certificate: true,
  };
}

/** The upstream ISTIO_MUTUAL context (cluster_tls.go buildUpstreamClusterTLSContext). */
export function upstreamIstioMutualContext(sni: string, subjectAltNames: readonly string[], http2: boolean): ProtoObject {
  return {
    common_tls_context: {
      tls_params: { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3' },
      tls_certificate_sds_secret_configs: [sdsSecretConfig('default')],
      combined_validation_context: {
        default_validation_context: subjectAltNames.length > 0 ? { match_subject_alt_names: exactMatches(subjectAltNames) } : {},
        validation_context_sds_secret_config: sdsSecretConfig('ROOTCA'),
      },
      alpn_protocols: http2 ? ['istio-peer-exchange', 'istio', 'h2'] : ['istio-peer-exchange', 'istio'],
    },
    sni,
  };
}

export function tlsTransportSocket(context: ProtoObject, downstream: boolean): ProtoObject {
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: any(`envoy.extensions.transport_sockets.tls.v3.${downstream ? 'DownstreamTlsContext' : 'UpstreamTlsContext'}`, context),
  };
}

export function rawBufferTransportSocket(): ProtoObject {
  return { name: 'envoy.transport_sockets.raw_buffer', typed_config: any('envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer') };
}

export const ORIGINAL_DST_FILTER: ProtoObject = { name: 'envoy.filters.listener.original_dst', typed_config: any('envoy.extensions.filters.listener.original_dst.v3.OriginalDst') };
export const TLS_INSPECTOR = 'envoy.filters.listener.tls_inspector';
export const HTTP_INSPECTOR = 'envoy.filters.listener.http_inspector';

export function tlsInspector(filterDisabled?: ProtoObject): ProtoObject {
  return { name: TLS_INSPECTOR, typed_config: any('envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector'), ...(filterDisabled ? { filter_disabled: filterDisabled } : {}) };
}

export function httpInspector(filterDisabled?: ProtoObject): ProtoObject {
  return { name: HTTP_INSPECTOR, typed_config: any('envoy.extensions.filters.listener.http_inspector.v3.HttpInspector'), ...(filterDisabled ? { filter_disabled: filterDisabled } : {}) };
}

/** ListenerFilterChainMatchPredicate matching the listed destination ports (listenerPredicateExcludePorts). */
export function portsPredicate(ports: readonly number[]): ProtoObject {
  const rules = ports.map((p) => ({ destination_port_range: { start: p, end: p + 1 } }));
  return rules.length === 1 ? (rules[0] as ProtoObject) : { or_match: { rules } };
}

/** The metadata-exchange network filter that precedes every sidecar chain (buildMetadataExchangeNetworkFilters). */
export function metadataExchangeNetworkFilter(): ProtoObject {
  return { name: 'istio.metadata_exchange', typed_config: any('envoy.tcp.metadataexchange.config.MetadataExchange', { protocol: 'istio-peer-exchange', enable_discovery: true }) };
}

/** The Istio telemetry network filter (istio.stats) that counts TCP traffic. */
export function statsNetworkFilter(outbound: boolean): ProtoObject {
  return {
    name: 'istio.stats',
    typed_config: any('stats.PluginConfig', { disable_host_header_fallback: outbound ? undefined : true }),
  };
}

export function tcpProxyFilter(cluster: string, statPrefix = cluster): ProtoObject {
  return {
    name: 'envoy.filters.network.tcp_proxy',
    typed_config: any('envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', { stat_prefix: statPrefix, cluster }),
  };
}

/** Envoy's default circuit breaker thresholds as istiod writes them: effectively unlimited. */
export function defaultCircuitBreakers(): ProtoObject {
  return { thresholds: [{ max_connections: 4294967295, max_pending_requests: 4294967295, max_requests: 4294967295, max_retries: 4294967295, track_remaining: true }] };
}

/** `metadata.filter_metadata.istio` of a cluster or route: the Istio config it came from. */
export function istioMetadata(fields: ProtoObject): ProtoObject {
  return { filter_metadata: protoMap({ istio: protoStruct(fields) }) };
}

/** `/apis/networking.istio.io/v1/namespaces/<ns>/<kind>/<name>`: what istioctl turns into `name.ns`. */
export function configPath(kind: 'destination-rule' | 'virtual-service' | 'sidecar', namespace: string, name: string): string {
  return `/apis/networking.istio.io/v1/namespaces/${namespace}/${kind}/${name}`;
}
