import type { EnvoyConfig } from './envoyConfig.ts';
import { clusterLocality } from './endpoints.ts';
import type { ProtoObject } from './protoJson.ts';
import type { World } from '../world.ts';

/** One host of a cluster as Envoy's `/clusters` reports it. */
export interface HostStatus {
  /** `ip:port`, or the pipe path of a UDS host. */
  address: string;
  ip?: string;
  port?: number;
  pipe?: string;
  locality?: { region: string; zone: string };
  /** Counters of the host: cx_total, rq_total, rq_success, rq_error… */
  stats: Record<string, number>;
}

/** One cluster as `/clusters` reports it. */
export interface ClusterStatus {
  name: string;
  addedViaApi: boolean;
  edsServiceName?: string;
  hosts: HostStatus[];
  /** Whether its circuit breakers are istiod's unlimited ones (else Envoy's defaults). */
  unlimited: boolean;
}

/** Per-host counters a caller may supply (from the traffic the proxy has seen), by cluster then address. */
export type HostCounters = (cluster: string, address: string) => Record<string, number>;

const NO_COUNTERS: HostCounters = () => ({});

function socketOf(address: unknown): { ip: string; port: number } | { pipe: string } | undefined {
  const socket = (address as ProtoObject | undefined)?.socket_address as ProtoObject | undefined;
  if (socket && typeof socket.address === 'string') return { ip: socket.address, port: typeof socket.port_value === 'number' ? socket.port_value : 0 };
  const pipe = (address as ProtoObject | undefined)?.pipe as ProtoObject | undefined;
  if (pipe && typeof pipe.path === 'string') return { pipe: pipe.path };
  return undefined;
}

/**
 * What Envoy's `/clusters` lists (admin clusters_handler): every cluster with its hosts. Static
 * clusters list their load assignment; EDS clusters the endpoints istiod sent; ORIGINAL_DST and
 * STATIC-without-hosts clusters (BlackHoleCluster, the passthroughs, inbound|…) have none.
 */
export function clusterStatuses(world: World, config: EnvoyConfig, counters: HostCounters = NO_COUNTERS): ClusterStatus[] {
  const locality = clusterLocality(world);
  const out: ClusterStatus[] = [];
  for (const c of config.staticClusters) {
    const name = String(c.name);
    const endpoints = ((c.load_assignment as ProtoObject | undefined)?.endpoints ?? []) as ProtoObject[];
    const hosts = endpoints.flatMap((e) => ((e.lb_endpoints ?? []) as ProtoObject[]).flatMap((lb): HostStatus[] => {
      const addr = socketOf((lb.endpoint as ProtoObject | undefined)?.address);
      if (!addr) return [];
      const address = 'pipe' in addr ? addr.pipe : `${addr.ip}:${addr.port}`;
      return [{ address, ...addr, stats: counters(name, address) }];
    }));
    out.push({ name, addedViaApi: false, hosts, unlimited: false });
  }
  const eds = new Map(config.endpoints.map((e) => [e.cluster, e]));
  for (const c of config.clusters) {
    const name = String(c.name);
    const hostsOf = eds.get(name)?.hosts ?? [];
    const hosts = hostsOf.map((h): HostStatus => {
      const address = `${h.endpoint.ip}:${h.endpoint.port}`;
      return { address, ip: h.endpoint.ip, port: h.endpoint.port, locality, stats: counters(name, address) };
    });
    out.push({ name, addedViaApi: true, ...(c.type === 'EDS' ? { edsServiceName: name } : {}), hosts, unlimited: c.circuit_breakers !== undefined });
  }
  return out;
}

/** The host counters `/clusters` prints for every host, in Envoy's order. */
export const HOST_COUNTERS = ['cx_active', 'cx_connect_fail', 'cx_total', 'rq_active', 'rq_error', 'rq_success', 'rq_timeout', 'rq_total'] as const;

/** An admin ClusterStatus message, as `/clusters?format=json` writes one. */
export function clusterStatusMessage(c: ClusterStatus): ProtoObject {
  return {
    name: c.name,
    added_via_api: c.addedViaApi || undefined,
    host_statuses: c.hosts.length === 0 ? undefined : c.hosts.map((h): ProtoObject => ({
      address: h.pipe !== undefined ? { pipe: { path: h.pipe } } : { socket_address: { address: h.ip ?? '', port_value: h.port ?? 0 } },
      stats: HOST_COUNTERS.map((name) => ({ type: name.endsWith('_active') ? 'GAUGE' : undefined, value: h.stats[name] ? String(h.stats[name]) : undefined, name })),
      health_status: { eds_health_status: 'HEALTHY' },
      weight: 1,
      locality: h.locality,
    })),
    circuit_breakers: {
      thresholds: [
        { max_connections: c.unlimited ? 4294967295 : 1024, max_pending_requests: c.unlimited ? 4294967295 : 1024, max_requests: c.unlimited ? 4294967295 : 1024, max_retries: c.unlimited ? 4294967295 : 3 },
        { priority: 'HIGH', max_connections: 1024, max_pending_requests: 1024, max_requests: 1024, max_retries: 3 },
      ],
    },
    observability_name: c.name,
    eds_service_name: c.edsServiceName,
  };
}
