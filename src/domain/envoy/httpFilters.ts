import { any, adsConfigSource } from './envoyPieces.ts';
import type { ProtoObject } from './protoJson.ts';

/**
 * The HTTP connection managers istiod writes (listener_builder.go buildHTTPConnectionManager): the
 * filter chain metadata exchange → gRPC stats → fault → CORS → Istio stats → router, websocket
 * upgrades, no stream idle timeout, path normalization and a UUID request id.
 */

/** Istio's default access-log format (meshConfig.accessLogFormat unset), as accessLog.ts writes lines. */
export const ISTIO_ACCESS_LOG_FORMAT =
  '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW% %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% %REQUESTED_SERVER_NAME% %ROUTE_NAME%\n';

/** The access log to stdout (meshConfig.accessLogFile: /dev/stdout), optionally only for some response flags. */
export function stdoutAccessLog(onlyFlags?: string[]): ProtoObject {
  return {
    name: 'envoy.access_loggers.file',
    filter: onlyFlags ? { response_flag_filter: { flags: onlyFlags } } : undefined,
    typed_config: any('envoy.extensions.access_loggers.file.v3.FileAccessLog', {
      path: '/dev/stdout',
      log_format: { text_format_source: { inline_string: ISTIO_ACCESS_LOG_FORMAT } },
    }),
  };
}

/** The filters of a connection manager; `rbac` (authorization) right after metadata exchange, as buildHTTPConnectionManager puts it. */
function httpFilters(inbound: boolean, rbac: readonly ProtoObject[]): ProtoObject[] {
  return [
    { name: 'istio.metadata_exchange', typed_config: any('envoy.extensions.filters.http.peer_metadata.v3.Config', inbound ? { downstream_discovery: [{ istio_headers: {} }, { workload_discovery: {} }], shared_with_upstream: true } : { upstream_discovery: [{ istio_headers: {} }, { workload_discovery: {} }], upstream_propagation: [{ istio_headers: {} }] }) },
    ...rbac,
    { name: 'envoy.filters.http.grpc_stats', typed_config: any('envoy.extensions.filters.http.grpc_stats.v3.FilterConfig', { emit_filter_state: true, stats_for_all_methods: false }) },
    { name: 'envoy.filters.http.fault', typed_config: any('envoy.extensions.filters.http.fault.v3.HTTPFault') },
    { name: 'envoy.filters.http.cors', typed_config: any('envoy.extensions.filters.http.cors.v3.Cors') },
    { name: 'istio.stats', typed_config: any('stats.PluginConfig', { disable_host_header_fallback: inbound ? true : undefined }) },
    { name: 'envoy.filters.http.router', typed_config: any('envoy.extensions.filters.http.router.v3.Router') },
  ];
}

export interface ConnectionManagerOptions {
  statPrefix: string;
  /** An RDS route name, or an inline route configuration. */
  rds?: string;
  routeConfig?: ProtoObject;
  inbound: boolean;
  http2?: boolean;
  /** The RBAC filters of the proxy's AuthorizationPolicies (rbacFilters.ts); inbound and gateway managers only. */
  rbac?: readonly ProtoObject[];
}

export function httpConnectionManager(options: ConnectionManagerOptions): ProtoObject {
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: any('envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager', {
      stat_prefix: options.statPrefix,
      rds: options.rds !== undefined ? { config_source: adsConfigSource(), route_config_name: options.rds } : undefined,
      route_config: options.routeConfig,
      http_filters: httpFilters(options.inbound, options.rbac ?? []),
      tracing: { client_sampling: { value: 100 }, random_sampling: { value: 1 }, overall_sampling: { value: 100 } },
      http2_protocol_options: options.http2 ? {} : undefined,
      stream_idle_timeout: '0s',
      access_log: [stdoutAccessLog()],
      use_remote_address: false,
      forward_client_cert_details: options.inbound ? 'APPEND_FORWARD' : undefined,
      set_current_client_cert_details: options.inbound ? { subject: true, dns: true, uri: true } : undefined,
      upgrade_configs: [{ upgrade_type: 'websocket' }],
      normalize_path: true,
      path_with_escaped_slashes_action: 'KEEP_UNCHANGED',
      request_id_extension: { typed_config: any('envoy.extensions.request_id.uuid.v3.UuidRequestIdConfig', { use_request_id_for_trace_sampling: true }) },
    }),
  };
}
