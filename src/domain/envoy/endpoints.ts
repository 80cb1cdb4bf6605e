import { podTlsMode } from '../cluster/pods.ts';
import { labelsMatch } from '../objects.ts';
import type { TlsClient } from '../resolution/resolveClientTls.ts';
import type { World } from '../world.ts';
import { type OutboundClusterSet, clusterTls } from './clusters.ts';
import { type MeshEndpoint, portEndpoints } from './meshServices.ts';
import { type ProtoObject, protoMap, protoStruct } from './protoJson.ts';

/** One endpoint of an EDS cluster, with what Envoy knows of it. */
export interface ClusterHost {
  endpoint: MeshEndpoint;
  /** The endpoint's `tlsMode` metadata, which auto mTLS matches; undefined when istiod sends none. */
  tlsMode?: string;
}

/** The locality of the GKE zone the cluster runs in (`us-central1-c` → region `us-central1`). */
export function clusterLocality(world: World): { region: string; zone: string } {
  const zone = world.cluster.zone;
  return { region: zone.replace(/-[a-z]$/, ''), zone };
}

/**
 * The hosts istiod sends for one cluster (EDS). An endpoint carries tlsMode `istio` when its pod has
 * a sidecar, except where the resolution says auto mTLS sends it plaintext: a port in DISABLE mode
 * (the mtls_checker strips the label) or a pod without the label.
 */
export function clusterHosts(world: World, client: TlsClient, set: OutboundClusterSet, labels: Record<string, string>): ClusterHost[] {
  return portEndpoints(world, set.service, set.port)
    .filter((ep) => labelsMatch(labels, ep.pod.metadata.labels))
    .map((endpoint) => {
      const decision = clusterTls(world, client, set.service, set.port, endpoint).decision;
      const label = podTlsMode(endpoint.pod);
      const tlsMode = decision.source === 'auto-mtls' ? 'istio' : decision.source === 'auto-mtls-disabled-port' || label === 'disabled' ? undefined : label;
      return { endpoint, ...(tlsMode ? { tlsMode } : {}) };
    });
}

/** `<workload>;<namespace>;<canonical service>;<canonical revision>;<cluster>`, istiod's workload metadata. */
function workloadMetadata(host: ClusterHost): string {
  const pod = host.endpoint.pod;
  const labels = pod.metadata.labels;
  const owner = pod.metadata.ownerReferences?.[0]?.name.replace(/-[a-z0-9]+$/, '') ?? pod.metadata.name;
  return `${owner};${pod.metadata.namespace ?? ''};${labels['service.istio.io/canonical-name'] ?? labels.app ?? owner};${labels['service.istio.io/canonical-revision'] ?? 'latest'};Kubernetes`;
}

/**
 * An EDS cluster's endpoints as Envoy's config dump renders its host set: the locality, each host
 * HEALTHY with its metadata and weight, and the default overprovisioning policy.
 */
export function clusterLoadAssignment(world: World, clusterName: string, hosts: readonly ClusterHost[]): ProtoObject {
  if (hosts.length === 0) return { cluster_name: clusterName, policy: { overprovisioning_factor: 140 } };
  return {
    cluster_name: clusterName,
    endpoints: [{
      locality: clusterLocality(world),
      lb_endpoints: hosts.map((h): ProtoObject => ({
        endpoint: { address: { socket_address: { address: h.endpoint.ip, port_value: h.endpoint.port } }, health_check_config: {} },
        health_status: 'HEALTHY',
        metadata: {
          filter_metadata: protoMap({
            ...(h.tlsMode ? { 'envoy.transport_socket_match': protoStruct({ tlsMode: h.tlsMode }) } : {}),
            istio: protoStruct({ workload: workloadMetadata(h) }),
          }),
        },
        load_balancing_weight: 1,
      })),
      load_balancing_weight: 1,
    }],
    policy: { overprovisioning_factor: 140 },
  };
}

/** A static cluster's load assignment as the config dump renders it: no locality, hosts HEALTHY. */
export function staticLoadAssignment(assignment: ProtoObject): ProtoObject {
  const endpoints = Array.isArray(assignment.endpoints) ? (assignment.endpoints as ProtoObject[]) : [];
  return {
    cluster_name: assignment.cluster_name,
    endpoints: endpoints.map((e) => ({
      locality: {},
      lb_endpoints: (Array.isArray(e.lb_endpoints) ? (e.lb_endpoints as ProtoObject[]) : []).map((lb) => ({
        endpoint: { ...(lb.endpoint as ProtoObject), health_check_config: {} },
        health_status: 'HEALTHY',
        load_balancing_weight: 1,
      })),
      load_balancing_weight: 0,
    })),
    policy: { overprovisioning_factor: 140 },
  };
}
