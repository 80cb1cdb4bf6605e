import { podContainers, podIP, podServiceAccount, SIDECAR_CONTAINER } from '../cluster/pods.ts';
import type { KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import { any, socketAddress } from './envoyPieces.ts';
import { clusterLocality } from './endpoints.ts';
import { type ProtoObject, protoStruct } from './protoJson.ts';
import { staticBackendRoute } from './routes.ts';
import { buildSha } from './buildSha.ts';

/** The Envoy build inside Istio 1.26's proxy image (istio/proxy release-1.26 pins Envoy 1.34). */
export const ENVOY_VERSION = { major: 1, minor: 34, patch: 5 };

/** The Istio version of a proxy, from its container's image tag (`…/proxyv2:1.26.4-asm.5`). */
export function proxyIstioVersion(pod: KubeObject): string {
  const image = podContainers(pod).find((c) => c.name === SIDECAR_CONTAINER)?.image ?? '';
  const colon = image.indexOf(':', image.lastIndexOf('/') + 1);
  return colon < 0 ? 'unknown' : image.slice(colon + 1);
}


/** `sidecar~<ip>~<pod>.<ns>~<ns>.svc.cluster.local` (`router~…` for a gateway): the xDS node id. */
export function nodeId(pod: KubeObject, router: boolean): string {
  const ns = pod.metadata.namespace ?? '';
  return `${router ? 'router' : 'sidecar'}~${podIP(pod) ?? ''}~${pod.metadata.name}.${ns}~${ns}.svc.cluster.local`;
}

/** The workload a pod belongs to: its ReplicaSet's Deployment, else the pod itself. */
export function workloadName(pod: KubeObject): { kind: string; name: string } {
  const owner = pod.metadata.ownerReferences?.[0];
  if (owner?.kind === 'ReplicaSet') return { kind: 'deployments', name: owner.name.replace(/-[a-z0-9]+$/, '') };
  if (owner) return { kind: `${owner.kind.toLowerCase()}s`, name: owner.name };
  return { kind: 'pods', name: pod.metadata.name };
}

/** The node metadata pilot-agent sends (pkg/bootstrap/config.go getNodeMetaData): a Struct. */
function nodeMetadata(world: World, pod: KubeObject, router: boolean): ProtoObject {
  const ns = pod.metadata.namespace ?? '';
  const version = proxyIstioVersion(pod);
  const workload = workloadName(pod);
  const apps = podContainers(pod).filter((c) => c.name !== SIDECAR_CONTAINER);
  const ports = apps.flatMap((c) => c.ports.map((p) => ({ containerPort: p, protocol: 'TCP' })));
  return {
    ANNOTATIONS: { ...pod.metadata.annotations },
    APP_CONTAINERS: router ? undefined : apps.map((c) => c.name).join(','),
    CLUSTER_ID: 'Kubernetes',
    ENVOY_PROMETHEUS_PORT: 15090,
    ENVOY_STATUS_PORT: 15021,
    INSTANCE_IPS: podIP(pod) ?? '',
    INTERCEPTION_MODE: 'REDIRECT',
    ISTIO_PROXY_SHA: buildSha(version),
    ISTIO_VERSION: version,
    LABELS: { ...pod.metadata.labels },
    MESH_ID: world.trustDomain,
    NAME: pod.metadata.name,
    NAMESPACE: ns,
    NODE_NAME: typeof pod.spec?.nodeName === 'string' ? pod.spec.nodeName : '',
    OWNER: `kubernetes://apis/apps/v1/namespaces/${ns}/${workload.kind}/${workload.name}`,
    PILOT_SAN: ['istiod.istio-system.svc'],
    POD_PORTS: JSON.stringify(ports),
    PROXY_CONFIG: {
      binaryPath: '/usr/local/bin/envoy',
      concurrency: 2,
      configPath: './etc/istio/proxy',
      controlPlaneAuthPolicy: 'MUTUAL_TLS',
      discoveryAddress: 'istiod.istio-system.svc:15012',
      drainDuration: '45s',
      proxyAdminPort: 15000,
      serviceCluster: 'istio-proxy',
      statNameLength: 189,
      statusPort: 15020,
      terminationDrainDuration: '5s',
    },
    SERVICE_ACCOUNT: podServiceAccount(pod),
    WORKLOAD_NAME: workload.name,
  };
}

function staticListener(port: number, statPrefix: string, prefix: string, cluster: string): ProtoObject {
  return {
    address: socketAddress('0.0.0.0', port),
    filter_chains: [{
      filters: [{
        name: 'envoy.filters.network.http_connection_manager',
        typed_config: any('envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager', {
          stat_prefix: statPrefix,
          route_config: staticBackendRoute(prefix, cluster),
          http_filters: [{ name: 'envoy.filters.http.router', typed_config: any('envoy.extensions.filters.http.router.v3.Router') }],
        }),
      }],
    }],
  };
}

/** The bootstrap's static listeners: Prometheus on 15090 and the readiness endpoint on 15021. */
export function bootstrapListeners(): ProtoObject[] {
  return [staticListener(15090, 'stats', '/stats/prometheus', 'prometheus_stats'), staticListener(15021, 'agent', '/healthz/ready', 'agent')];
}

/**
 * The bootstrap pilot-agent writes for Envoy (tools/packaging/common/envoy_bootstrap.json): the
 * node, the static listeners and clusters, ADS through the agent's XDS socket, the stats matcher
 * and the admin address.
 */
export function bootstrapConfig(world: World, pod: KubeObject, router: boolean, staticClusters: ProtoObject[]): ProtoObject {
  const ns = pod.metadata.namespace ?? '';
  const app = pod.metadata.labels.app ?? pod.metadata.labels['service.istio.io/canonical-name'] ?? pod.metadata.name;
  const ads = { ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' };
  return {
    node: {
      id: nodeId(pod, router),
      cluster: `${app}.${ns}`,
      metadata: protoStruct(nodeMetadata(world, pod, router)),
      locality: clusterLocality(world),
      user_agent_name: 'envoy',
      user_agent_build_version: {
        version: { major_number: ENVOY_VERSION.major, minor_number: ENVOY_VERSION.minor, patch: ENVOY_VERSION.patch },
        metadata: protoStruct({ 'build.label': 'dev', 'build.type': 'RELEASE', 'revision.sha': buildSha(proxyIstioVersion(pod)), 'revision.status': 'Clean', 'ssl.version': 'BoringSSL' }),
      },
    },
    static_resources: { listeners: bootstrapListeners(), clusters: staticClusters },
    dynamic_resources: {
      lds_config: ads,
      cds_config: ads,
      ads_config: { api_type: 'GRPC', transport_api_version: 'V3', grpc_services: [{ envoy_grpc: { cluster_name: 'xds-grpc' } }], set_node_on_first_message_only: true },
    },
    stats_config: {
      use_all_default_tags: false,
      stats_matcher: {
        inclusion_list: {
          patterns: [
            { prefix: 'reporter=' },
            ...['cluster_manager', 'listener_manager', 'server', 'cluster.xds-grpc', 'wasm'].map((prefix) => ({ prefix })),
            ...['rbac.allowed', 'rbac.denied', 'shadow_allowed', 'shadow_denied'].map((suffix) => ({ suffix })),
            { safe_regex: { regex: 'vhost\\..*\\.route\\..*' } },
            { prefix: 'component' },
            { prefix: 'istio' },
          ],
        },
      },
    },
    stats_flush_interval: '5s',
    layered_runtime: { layers: [{ name: 'global config', static_layer: protoStruct({ 're2.max_program_size.error_level': '32768', 'envoy.reloadable_features.http_reject_path_with_fragment': 'false' }) }, { name: 'admin', admin_layer: {} }] },
    admin: {
      access_log: [{ name: 'envoy.access_loggers.file', typed_config: any('envoy.extensions.access_loggers.file.v3.FileAccessLog', { path: '/dev/null' }) }],
      profile_path: '/var/lib/istio/data/envoy.prof',
      address: socketAddress('127.0.0.1', 15000),
    },
    bootstrap_extensions: [{ name: 'envoy.bootstrap.internal_listener', typed_config: any('udpa.type.v1.TypedStruct', { type_url: 'type.googleapis.com/envoy.extensions.bootstrap.internal_listener.v3.InternalListener', value: protoStruct({ buffer_size_kb: 64 }) }) }],
    application_log_config: { log_format: { text_format: '%Y-%m-%dT%T.%fZ\t%l\tenvoy %n %g:%#\t%v\tthread=%t' } },
  };
}
