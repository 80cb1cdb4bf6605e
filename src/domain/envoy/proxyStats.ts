import { hasSidecar, podIP, podServiceAccount, SIDECAR_CONTAINER, spiffeId } from '../cluster/pods.ts';
import type { KubeObject } from '../objects.ts';
import type { LogLine, World } from '../world.ts';
import type { EnvoyConfig } from './envoyConfig.ts';
import type { HostCounters } from './clusterStatuses.ts';
import { workloadName } from './bootstrap.ts';
import { serviceTargets } from './meshServices.ts';

/**
 * Envoy's counters for one proxy, counted from the same record as `kubectl logs -c istio-proxy`:
 * the access-log lines the simulated requests left in the pods' logs. An inbound line with an SNI
 * was a mutual TLS handshake; `NR filter_chain_not_found` was plaintext that no filter chain took;
 * an outbound line's `TLS_error` was a failed upstream handshake. A hop's two lines (client and
 * server sidecar) are paired by request id, server address and client address, so a client knows
 * whether its upstream connection was mutual TLS.
 * Like the logs, the counters start over when the pod does, and count what the log still holds.
 */

/** One access-log line, split into the fields of Istio's default format (see traffic/accessLog.ts). */
interface LogRecord {
  podKey: string;
  method: string;
  path: string;
  protocol: string;
  code: number;
  flags: string;
  transportFailure: string;
  bytesReceived: number;
  bytesSent: number;
  userAgent: string;
  requestId: string;
  authority: string;
  upstreamHost: string;
  cluster: string;
  downstreamLocal: string;
  downstreamRemote: string;
  sni: string;
}

/** Quoted fields stay whole; brackets start the line. */
function splitFields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    const close = text[i] === '"' ? '"' : text[i] === '[' ? ']' : ' ';
    const start = close === ' ' ? i : i + 1;
    const end = text.indexOf(close, start);
    const stop = end < 0 ? text.length : end;
    out.push(text.slice(start, stop));
    i = close === ' ' ? stop : stop + 1;
  }
  return out;
}

const parsed = new WeakMap<LogLine, LogRecord | null>();

function parseLine(podKey: string, line: LogLine): LogRecord | undefined {
  let hit = parsed.get(line);
  if (hit === undefined) {
    const f = splitFields(line.text);
    if (f.length < 22) hit = null;
    else {
      const [method = '-', path = '-', protocol = '-'] = (f[1] ?? '').split(' ');
      hit = {
        podKey, method, path, protocol,
        code: Number(f[2]) || 0,
        flags: f[3] ?? '-',
        transportFailure: f[6] ?? '-',
        bytesReceived: Number(f[7]) || 0,
        bytesSent: Number(f[8]) || 0,
        userAgent: f[12] ?? '-',
        requestId: f[13] ?? '-',
        authority: f[14] ?? '-',
        upstreamHost: f[15] ?? '-',
        cluster: f[16] ?? '-',
        downstreamLocal: f[18] ?? '-',
        downstreamRemote: f[19] ?? '-',
        sni: f[20] ?? '-',
      };
    }
    parsed.set(line, hit);
  }
  return hit ?? undefined;
}

const ipOf = (address: string): string => address.replace(/:\d+$/, '');

/** One connection a proxy took part in, as its log lines (and its peer's) tell it. */
export interface ProxyConnection {
  side: 'inbound' | 'outbound';
  record: LogRecord;
  /** Mutual TLS completed (both sides' sidecars agree). */
  mtls: boolean;
  /** The handshake failed. */
  tlsError: boolean;
  /** No filter chain matched: plaintext reached a port without one for it. */
  noChain: boolean;
  /** The peer pod, when the peer address is a pod's. */
  peer?: KubeObject;
}

/** `request id|server address|client IP`: what both lines of one hop share. */
function hopKey(r: LogRecord): string {
  return r.cluster.startsWith('inbound|') ? `${r.requestId}|${r.downstreamLocal}|${ipOf(r.downstreamRemote)}` : `${r.requestId}|${r.upstreamHost}|${ipOf(r.downstreamRemote)}`;
}

function addTo(index: Map<string, LogRecord[]>, r: LogRecord): void {
  const key = hopKey(r);
  const list = index.get(key);
  if (list) list.push(r);
  else index.set(key, [r]);
}

/** Every sidecar log record of the world, by pod key, with both sides indexed for pairing. */
function collect(world: World): { byPod: Map<string, LogRecord[]>; inboundIndex: Map<string, LogRecord[]>; outboundIndex: Map<string, LogRecord[]> } {
  const byPod = new Map<string, LogRecord[]>();
  const inboundIndex = new Map<string, LogRecord[]>();
  const outboundIndex = new Map<string, LogRecord[]>();
  for (const [podKey, lines] of world.logs) {
    const records: LogRecord[] = [];
    for (const line of lines) {
      if (line.container !== SIDECAR_CONTAINER) continue;
      const r = parseLine(podKey, line);
      if (!r) continue;
      records.push(r);
      if (r.cluster.startsWith('inbound|')) addTo(inboundIndex, r);
      else if (r.cluster !== '-') addTo(outboundIndex, r);
    }
    byPod.set(podKey, records);
  }
  return { byPod, inboundIndex, outboundIndex };
}

function podsByIp(world: World): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  for (const pod of world.ofKind('Pod')) {
    const ip = podIP(pod);
    if (ip) out.set(ip, pod);
  }
  return out;
}

/** The connections a pod's proxy logged, each with what its pair of log lines says of TLS. */
export function proxyConnections(world: World, pod: KubeObject): ProxyConnection[] {
  const { byPod, inboundIndex, outboundIndex } = collect(world);
  const pods = podsByIp(world);
  const records = byPod.get(`${pod.metadata.namespace ?? ''}/${pod.metadata.name}`) ?? [];
  const used = new Map<string, number>();
  const out: ProxyConnection[] = [];
  for (const r of records) {
    if (r.flags === 'NR' && r.cluster === '-') {
      out.push({ side: 'inbound', record: r, mtls: false, tlsError: false, noChain: true, ...peerOf(pods, r.downstreamRemote) });
    } else if (r.cluster.startsWith('inbound|')) {
      // The server side: an SNI means the client sidecar spoke Istio mTLS, unless its side of the hop failed the handshake.
      const key = hopKey(r);
      const n = used.get(`in ${key}`) ?? 0;
      used.set(`in ${key}`, n + 1);
      const pair = outboundIndex.get(key)?.[n];
      const failed = pair?.transportFailure.includes('TLS_error') === true;
      out.push({ side: 'inbound', record: r, mtls: r.sni !== '-' && !failed, tlsError: r.sni !== '-' && failed, noChain: false, ...peerOf(pods, r.downstreamRemote) });
    } else {
      const key = hopKey(r);
      const n = used.get(`out ${key}`) ?? 0;
      used.set(`out ${key}`, n + 1);
      const pair = inboundIndex.get(key)?.[n];
      const tlsError = r.transportFailure.includes('TLS_error');
      out.push({ side: 'outbound', record: r, mtls: !tlsError && pair !== undefined && pair.sni !== '-', tlsError, noChain: false, ...peerOf(pods, r.upstreamHost) });
    }
  }
  return out;
}

function peerOf(pods: Map<string, KubeObject>, address: string): { peer?: KubeObject } {
  const peer = pods.get(ipOf(address));
  return peer ? { peer } : {};
}

/** A counter or gauge with its value. */
export interface Stat {
  name: string;
  value: number;
  kind: 'counter' | 'gauge';
}

function bump(map: Map<string, number>, name: string, by = 1): void {
  map.set(name, (map.get(name) ?? 0) + by);
}

/** The Istio standard metric labels of a request (istio.stats, in its tag order). */
function istioLabels(world: World, c: ProxyConnection, self: KubeObject): [string, string][] {
  const r = c.record;
  const reporter = c.side === 'inbound' ? 'destination' : 'source';
  // Peers learn who the other side is by metadata exchange, which needs a sidecar (and, inbound, mTLS).
  const knownPeer = c.peer && hasSidecar(c.peer) && (c.side === 'outbound' || c.mtls) ? c.peer : undefined;
  const source = c.side === 'inbound' ? knownPeer : self;
  const destination = c.side === 'inbound' ? self : knownPeer;
  const workload = (pod: KubeObject | undefined) => (pod ? workloadName(pod).name : 'unknown');
  const canonical = (pod: KubeObject | undefined) => pod?.metadata.labels['service.istio.io/canonical-name'] ?? pod?.metadata.labels.app ?? 'unknown';
  const revision = (pod: KubeObject | undefined) => (pod ? (pod.metadata.labels['service.istio.io/canonical-revision'] ?? 'latest') : 'latest');
  const principal = (pod: KubeObject | undefined) => (pod && c.mtls ? spiffeId(world.trustDomain, pod.metadata.namespace ?? '', podServiceAccount(pod)) : 'unknown');
  const targetPort = Number(r.cluster.split('|')[1]);
  const host = c.side === 'outbound' ? (r.cluster.split('|')[3] ?? 'unknown') : (serviceTargets(world, self).find((t) => t.targetPort === targetPort)?.service.hostname ?? 'unknown');
  const [svcName = 'unknown', svcNs = 'unknown'] = host.split('.');
  const grpc = r.protocol === 'HTTP/2' && r.path.startsWith('/hipstershop.');
  return [
    ['reporter', reporter],
    ['source_workload', workload(source)],
    ['source_canonical_service', canonical(source)],
    ['source_canonical_revision', revision(source)],
    ['source_workload_namespace', source?.metadata.namespace ?? 'unknown'],
    ['source_principal', principal(source)],
    ['source_app', source?.metadata.labels.app ?? 'unknown'],
    ['source_version', source?.metadata.labels.version ?? 'unknown'],
    ['source_cluster', source ? 'Kubernetes' : 'unknown'],
    ['destination_workload', workload(destination)],
    ['destination_workload_namespace', destination?.metadata.namespace ?? 'unknown'],
    ['destination_principal', principal(destination)],
    ['destination_app', destination?.metadata.labels.app ?? 'unknown'],
    ['destination_version', destination?.metadata.labels.version ?? 'unknown'],
    ['destination_service', host],
    ['destination_canonical_service', canonical(destination)],
    ['destination_canonical_revision', revision(destination)],
    ['destination_service_name', svcName],
    ['destination_service_namespace', svcNs],
    ['destination_cluster', destination ? 'Kubernetes' : 'unknown'],
    ['request_protocol', grpc ? 'grpc' : 'http'],
    ['response_code', String(r.code)],
    ['grpc_response_status', grpc ? (r.code === 200 ? '0' : '14') : ''],
    ['response_flags', r.flags],
    ['connection_security_policy', c.side === 'inbound' ? (c.mtls ? 'mutual_tls' : 'none') : 'unknown'],
  ];
}

/** `reporter=.=destination;.;…;.;istio_requests_total`: how Envoy names a tagged Istio metric. */
export function taggedName(labels: readonly [string, string][], metric: string): string {
  return `${labels.map(([k, v]) => `${k}=.=${v};.;`).join('')}${metric}`;
}

/**
 * Every counter and gauge the proxy would have (before the stats matcher): Envoy's own (server,
 * managers, the xDS cluster), the listeners' and clusters' connection, request and TLS counters,
 * and Istio's standard metrics, all counted from the traffic in the logs.
 */
export function proxyStats(world: World, config: EnvoyConfig): Stat[] {
  const counters = new Map<string, number>();
  const gauges = new Map<string, number>();
  const pod = config.pod;
  const uptime = Math.max(0, Math.floor((world.clock.now() - config.startedAt) / 1000));
  const listenersActive = config.listeners.length + config.staticListeners.length;
  const clustersActive = config.clusters.length + config.staticClusters.length;
  gauges.set('server.live', 1);
  gauges.set('server.state', 0);
  gauges.set('server.concurrency', 2);
  gauges.set('server.uptime', uptime);
  gauges.set('server.total_connections', 0);
  gauges.set('server.days_until_first_cert_expiring', config.secrets.length ? 0 : 2147483647);
  gauges.set('server.version', 0);
  gauges.set('cluster_manager.active_clusters', clustersActive);
  gauges.set('cluster_manager.warming_clusters', 0);
  counters.set('cluster_manager.cluster_added', clustersActive);
  counters.set('cluster_manager.cds.update_success', world.configVersion + 1);
  counters.set('cluster_manager.cds.update_attempt', world.configVersion + 2);
  gauges.set('listener_manager.total_listeners_active', listenersActive);
  gauges.set('listener_manager.total_listeners_warming', 0);
  counters.set('listener_manager.listener_added', listenersActive);
  counters.set('listener_manager.lds.update_success', world.configVersion + 1);
  counters.set('listener_manager.lds.update_attempt', world.configVersion + 2);
  counters.set('cluster.xds-grpc;.upstream_cx_total', 1);
  gauges.set('cluster.xds-grpc;.upstream_cx_active', 1);
  counters.set('cluster.xds-grpc;.upstream_rq_total', 1);
  gauges.set('cluster.xds-grpc;.upstream_rq_active', 1);

  const inboundListener = 'listener.0.0.0.0_15006';
  const istio = new Map<string, number>();
  for (const c of proxyConnections(world, pod)) {
    const r = c.record;
    if (c.side === 'inbound') {
      bump(counters, `${inboundListener}.downstream_cx_total`);
      if (c.noChain) {
        bump(counters, `${inboundListener}.no_filter_chain_match`);
        continue;
      }
      if (c.mtls) {
        bump(counters, `${inboundListener}.ssl.handshake`);
        bump(counters, `${inboundListener}.ssl.versions.TLSv1.3`);
        bump(counters, `${inboundListener}.ssl.ciphers.TLS_AES_128_GCM_SHA256`);
        bump(counters, `${inboundListener}.ssl.curves.X25519`);
      }
      bump(counters, `cluster.${r.cluster};.upstream_cx_total`);
      bump(counters, `cluster.${r.cluster};.upstream_rq_total`);
      bump(counters, `cluster.${r.cluster};.upstream_rq_${Math.floor(r.code / 100)}xx`);
    } else {
      // Istio gives every cluster an alt_stat_name of `<name>;` (DelimitedStatsPrefix).
      const prefix = `cluster.${r.cluster};`;
      bump(counters, `${prefix}.upstream_cx_total`);
      if (c.tlsError) {
        bump(counters, `${prefix}.ssl.connection_error`);
        bump(counters, `${prefix}.upstream_cx_connect_fail`);
      } else if (c.mtls) {
        bump(counters, `${prefix}.ssl.handshake`);
        bump(counters, `${prefix}.ssl.versions.TLSv1.3`);
        bump(counters, `${prefix}.ssl.ciphers.TLS_AES_128_GCM_SHA256`);
        bump(counters, `${prefix}.ssl.curves.X25519`);
      }
      if (r.flags.includes('UC')) bump(counters, `${prefix}.upstream_cx_destroy_remote_with_active_rq`);
      bump(counters, `${prefix}.upstream_rq_total`);
      if (r.code > 0) {
        bump(counters, `${prefix}.upstream_rq_${r.code}`);
        bump(counters, `${prefix}.upstream_rq_${Math.floor(r.code / 100)}xx`);
        bump(counters, `${prefix}.upstream_rq_completed`);
      }
    }
    if (r.method !== '-') bump(istio, taggedName(istioLabels(world, c, pod), 'istio_requests_total'));
  }
  const stats: Stat[] = [
    ...[...counters].map(([name, value]) => ({ name, value, kind: 'counter' as const })),
    ...[...gauges].map(([name, value]) => ({ name, value, kind: 'gauge' as const })),
    ...[...istio].map(([name, value]) => ({ name, value, kind: 'counter' as const })),
  ];
  return stats.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Host counters for `/clusters`: connections and requests to each upstream host, from the outbound log lines. */
export function proxyHostCounters(world: World, config: EnvoyConfig): HostCounters {
  const byHost = new Map<string, Record<string, number>>();
  for (const c of proxyConnections(world, config.pod)) {
    if (c.side !== 'outbound') continue;
    const key = `${c.record.cluster} ${c.record.upstreamHost}`;
    const s = byHost.get(key) ?? {};
    s.cx_total = (s.cx_total ?? 0) + 1;
    s.rq_total = (s.rq_total ?? 0) + 1;
    if (c.tlsError) s.cx_connect_fail = (s.cx_connect_fail ?? 0) + 1;
    if (c.record.code >= 500 || c.record.code === 0) s.rq_error = (s.rq_error ?? 0) + 1;
    else s.rq_success = (s.rq_success ?? 0) + 1;
    byHost.set(key, s);
  }
  return (cluster, address) => byHost.get(`${cluster} ${address}`) ?? {};
}
