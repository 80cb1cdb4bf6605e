import { ENVOY_VERSION } from '../../domain/envoy/bootstrap.ts';
import { envoyLogging } from '../../domain/envoy/envoyLogLevels.ts';
import { clusterStatusMessage, clusterStatuses } from '../../domain/envoy/clusterStatuses.ts';
import { configDump, timestamp } from '../../domain/envoy/configDump.ts';
import { type EnvoyConfig, envoyConfig } from '../../domain/envoy/envoyConfig.ts';
import { type ProtoObject, type ProtoValue, ProtoMap, envoyJson } from '../../domain/envoy/protoJson.ts';
import { type Stat, proxyHostCounters, proxyStats } from '../../domain/envoy/proxyStats.ts';
import { statsMatcher } from '../../domain/envoy/statsMatcher.ts';
import type { KubeObject } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';
import { statsJson, statsPrometheus, statsText } from './statsText.ts';

/** What a local admin endpoint answers. */
export interface AdminResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

const ENVOY_HEADERS = (contentType: string): [string, string][] => [
  ['content-type', contentType],
  ['cache-control', 'no-cache, max-age=0'],
  ['x-content-type-options', 'nosniff'],
  ['date', ''],
  ['server', 'envoy'],
  ['transfer-encoding', 'chunked'],
];

const envoyText = (status: number, body: string): AdminResponse => ({ status, headers: ENVOY_HEADERS('text/plain; charset=UTF-8'), body });
const envoyJsonResponse = (value: ProtoValue): AdminResponse => ({ status: 200, headers: ENVOY_HEADERS('application/json'), body: `${envoyJson(value)}\n` });

/** The handlers Envoy 1.34's admin lists (admin.cc handlers_), and whether they need POST. */
const HANDLERS: [string, string, boolean][] = [
  ['/', 'Admin home page', false],
  ['/certs', 'print certs on machine', false],
  ['/clusters', 'upstream cluster status', false],
  ['/config_dump', 'dump current Envoy configs (experimental)', false],
  ['/contention', 'dump current Envoy mutex contention stats (if enabled)', false],
  ['/cpuprofiler', 'enable/disable the CPU profiler', true],
  ['/drain_listeners', 'drain listeners', true],
  ['/healthcheck/fail', 'cause the server to fail health checks', true],
  ['/healthcheck/ok', 'cause the server to pass health checks', true],
  ['/heapprofiler', 'enable/disable the heap profiler', true],
  ['/help', 'print out list of admin commands', false],
  ['/hot_restart_version', 'print the hot restart compatibility version', false],
  ['/init_dump', 'dump current Envoy init manager information (experimental)', false],
  ['/listeners', 'print listener info', false],
  ['/logging', 'query/change logging levels', true],
  ['/memory', 'print current allocation/heap usage', false],
  ['/quitquitquit', 'exit the server', true],
  ['/ready', 'print server state, return 200 if LIVE, otherwise return 503', false],
  ['/reopen_logs', 'reopen access logs', true],
  ['/reset_counters', 'reset all counters to zero', true],
  ['/runtime', 'print runtime values', false],
  ['/runtime_modify', 'Adds or modifies runtime values as passed in query parameters. To delete a previously added key, use an empty string as the value. Note that deletion only applies to overrides added via this endpoint; values loaded from disk can be modified via override but not deleted. E.g. ?key1=value1&key2=value2...', true],
  ['/server_info', 'print server version/status information', false],
  ['/stats', 'print server stats', false],
  ['/stats/prometheus', 'print server stats in prometheus format', false],
  ['/stats/recentlookups', 'Show recent stat-name lookups', false],
];

function helpText(): string {
  return `admin commands are:\n${HANDLERS.map(([path, text]) => `  ${path}: ${text}\n`).join('')}`;
}

/** `path?a=b&c` → path and decoded parameters. */
function splitQuery(target: string): { path: string; params: Map<string, string> } {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const params = new Map<string, string>();
  for (const pair of (q < 0 ? '' : target.slice(q + 1)).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    params.set(decode(eq < 0 ? pair : pair.slice(0, eq)), decode(eq < 0 ? '' : pair.slice(eq + 1)));
  }
  return { path: path === '' ? '/' : path, params };
}

function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The stats the proxy keeps: everything it counts that the bootstrap's stats matcher lets through. */
export function keptStats(world: World, config: EnvoyConfig): Stat[] {
  const keep = statsMatcher(config.pod);
  return proxyStats(world, config).filter((s) => keep(s.name));
}

function statsResponse(world: World, config: EnvoyConfig, params: Map<string, string>, prometheus: boolean): AdminResponse {
  let stats = keptStats(world, config);
  const filter = params.get('filter');
  if (filter !== undefined && filter !== '') {
    let re: RegExp;
    try {
      re = new RegExp(filter);
    } catch {
      return envoyText(400, `Invalid re2 regex`);
    }
    stats = stats.filter((s) => re.test(s.name));
  }
  if (params.has('usedonly')) stats = stats.filter((s) => s.value !== 0);
  const type = params.get('type');
  if (type === 'Counters') stats = stats.filter((s) => s.kind === 'counter');
  if (type === 'Gauges') stats = stats.filter((s) => s.kind === 'gauge');
  if (prometheus || params.get('format') === 'prometheus') return { status: 200, headers: ENVOY_HEADERS('text/plain; charset=UTF-8'), body: statsPrometheus(stats) };
  if (params.get('format') === 'json') return { status: 200, headers: ENVOY_HEADERS('application/json'), body: statsJson(stats) };
  return envoyText(200, statsText(stats));
}

/** `/certs`: for every TLS context the certificates it holds (one entry per context, as Envoy lists them). */
function certsResponse(world: World, config: EnvoyConfig): AdminResponse {
  const now = world.clock.now();
  const leaf = config.secrets.find((s) => s.name === 'default');
  const root = config.secrets.find((s) => s.name === 'ROOTCA');
  const details = (cert: NonNullable<typeof leaf>['certificate']): ProtoObject => ({
    path: '<inline>',
    serial_number: cert.serialHex.length % 2 ? `0${cert.serialHex}` : cert.serialHex,
    subject_alt_names: cert.spiffeId ? [{ uri: cert.spiffeId }] : undefined,
    days_until_expiration: String(Math.max(0, Math.floor((cert.notAfter - now) / 86400000))),
    valid_from: timestamp(cert.notBefore),
    expiration_time: timestamp(cert.notAfter),
  });
  const contexts = countTlsContexts([...config.listeners, ...config.clusters]);
  const entry: ProtoObject = { ca_cert: root ? [details(root.certificate)] : undefined, cert_chain: leaf ? [details(leaf.certificate)] : undefined };
  return envoyJsonResponse({ certificates: leaf || root ? Array.from({ length: Math.max(1, contexts) }, () => entry) : undefined });
}

function countTlsContexts(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countTlsContexts(v), 0);
  if (value instanceof ProtoMap) return countTlsContexts(Object.values(value.entries));
  if (!value || typeof value !== 'object') return 0;
  const obj = value as ProtoObject;
  const here = obj.name === 'envoy.transport_sockets.tls' ? 1 : 0;
  return here + Object.values(obj).reduce((n: number, v) => n + countTlsContexts(v), 0);
}

/** `/clusters`: `cluster::field::value` lines, or `?format=json`. */
function clustersResponse(world: World, config: EnvoyConfig, params: Map<string, string>): AdminResponse {
  const statuses = clusterStatuses(world, config, proxyHostCounters(world, config));
  if (params.get('format') === 'json') return envoyJsonResponse({ cluster_statuses: statuses.map(clusterStatusMessage) });
  let out = '';
  for (const c of statuses) {
    const p = `${c.name}::`;
    out += `${p}observability_name::${c.name}\n`;
    const limit = c.unlimited ? 4294967295 : 1024;
    out += `${p}default_priority::max_connections::${limit}\n${p}default_priority::max_pending_requests::${limit}\n${p}default_priority::max_requests::${limit}\n${p}default_priority::max_retries::${c.unlimited ? 4294967295 : 3}\n`;
    out += `${p}high_priority::max_connections::1024\n${p}high_priority::max_pending_requests::1024\n${p}high_priority::max_requests::1024\n${p}high_priority::max_retries::3\n`;
    out += `${p}added_via_api::${c.addedViaApi}\n`;
    if (c.edsServiceName) out += `${p}eds_service_name::${c.edsServiceName}\n`;
    for (const h of c.hosts) {
      const hp = `${p}${h.pipe !== undefined ? `unix://${h.pipe}` : h.address}::`;
      for (const name of ['cx_active', 'cx_connect_fail', 'cx_total', 'rq_active', 'rq_error', 'rq_success', 'rq_timeout', 'rq_total']) out += `${hp}${name}::${h.stats[name] ?? 0}\n`;
      out += `${hp}hostname::\n${hp}health_flags::healthy\n${hp}weight::1\n${hp}region::${h.locality?.region ?? ''}\n${hp}zone::${h.locality?.zone ?? ''}\n${hp}sub_zone::\n${hp}canary::false\n${hp}priority::0\n${hp}success_rate::-1\n${hp}local_origin_success_rate::-1\n`;
    }
  }
  return envoyText(200, out);
}

function listenerName(pod: KubeObject, index: number): string {
  const h = (n: number) => hashOf(`${pod.metadata.uid}/listener/${index}/${n}`).toString(16).padStart(8, '0');
  return `${h(0)}-${h(1).slice(0, 4)}-4${h(2).slice(0, 3)}-a${h(3).slice(0, 3)}-${h(4)}${h(5).slice(0, 4)}`;
}

/** `/listeners`: `name::address` per listener (unnamed bootstrap listeners get a generated name). */
function listenersResponse(config: EnvoyConfig, params: Map<string, string>): AdminResponse {
  const all = [...config.staticListeners.map((l, i) => ({ name: listenerName(config.pod, i), listener: l })), ...config.listeners.map((l) => ({ name: String(l.name), listener: l }))];
  if (params.get('format') === 'json') {
    return envoyJsonResponse({ listener_statuses: all.map(({ name, listener }) => ({ name, local_address: listener.address })) });
  }
  const address = (l: ProtoObject) => {
    const s = (l.address as ProtoObject | undefined)?.socket_address as ProtoObject | undefined;
    return `${String(s?.address ?? '')}:${String(s?.port_value ?? 0)}`;
  };
  return envoyText(200, all.map(({ name, listener }) => `${name}::${address(listener)}\n`).join(''));
}

function serverInfo(world: World, config: EnvoyConfig): AdminResponse {
  const uptime = `${Math.max(0, Math.floor((world.clock.now() - config.startedAt) / 1000))}s`;
  const node = (config.bootstrap.node ?? {}) as ProtoObject;
  const version = ((node.metadata as ProtoMap | undefined)?.entries.ISTIO_PROXY_SHA as string | undefined) ?? '';
  return envoyJsonResponse({
    version: `${version}/${ENVOY_VERSION.major}.${ENVOY_VERSION.minor}.${ENVOY_VERSION.patch}-dev/Clean/RELEASE/BoringSSL`,
    state: 'LIVE',
    hot_restart_version: 'disabled',
    command_line_options: {
      base_id: '1',
      concurrency: 2,
      config_path: 'etc/istio/proxy/envoy-rev.json',
      log_level: 'warning',
      component_log_level: 'misc:error',
      log_format: '%Y-%m-%dT%T.%fZ\t%l\tenvoy %n %g:%#\t%v\tthread=%t',
      service_cluster: String(node.cluster ?? ''),
      service_node: String(node.id ?? ''),
      service_zone: '',
      drain_time: '45s',
      parent_shutdown_time: '60s',
      mode: 'Serve',
      allow_unknown_static_fields: true,
      local_address_ip_version: 'v4',
      drain_strategy: 'Immediate',
      file_flush_interval: '10s',
    },
    node,
    uptime_current_epoch: uptime,
    uptime_all_epochs: uptime,
  });
}

/** Envoy's admin API on 127.0.0.1:15000. */
function envoyAdmin(world: World, config: EnvoyConfig, method: string, target: string): AdminResponse {
  const { path, params } = splitQuery(target);
  const handler = HANDLERS.find(([p]) => p === path);
  if (!handler) return envoyText(404, `invalid path. ${helpText()}`);
  if (handler[2] && method !== 'POST') return envoyText(405, `Method ${method} not allowed, POST required.`);
  if (path === '/logging') {
    // logs_handler.cc handlerLogging: changes the running Envoy's logger levels (see envoyLogLevels.ts).
    const { status, body } = envoyLogging(world, config.pod, params);
    return envoyText(status, body);
  }
  if (handler[2]) return envoyText(501, `mtls-playground: ${path} changes a running Envoy, which the simulator does not do\n`);
  switch (path) {
    case '/config_dump': {
      const mask = params.get('mask');
      const nameRegex = params.get('name_regex');
      if (nameRegex !== undefined) {
        try {
          new RegExp(nameRegex);
        } catch {
          return envoyText(400, 'Invalid re2 regex');
        }
      }
      const result = configDump(config, {
        includeEds: params.has('include_eds'),
        ...(mask ? { mask: mask.split(',') } : {}),
        ...(params.has('resource') ? { resource: params.get('resource') ?? '' } : {}),
        ...(params.has('name_regex') ? { nameRegex: params.get('name_regex') ?? '' } : {}),
      });
      if (typeof result.body === 'string') return envoyText(result.status, result.body);
      return envoyJsonResponse(result.body);
    }
    case '/certs':
      return certsResponse(world, config);
    case '/clusters':
      return clustersResponse(world, config, params);
    case '/listeners':
      return listenersResponse(config, params);
    case '/stats':
      return statsResponse(world, config, params, false);
    case '/stats/prometheus':
      return statsResponse(world, config, params, true);
    case '/server_info':
      return serverInfo(world, config);
    case '/ready':
      return envoyText(200, 'LIVE\n');
    case '/memory': {
      const heap = 40 + (hashOf(config.pod.metadata.uid) % 30);
      return envoyJsonResponse({ allocated: String(heap * 1048576 - 123456), heap_size: String((heap + 8) * 1048576), pageheap_unmapped: '1048576', pageheap_free: '262144', total_thread_cache: '3145728', total_physical_bytes: String((heap + 12) * 1048576) });
    }
    case '/hot_restart_version':
      return envoyText(200, 'disabled\n');
    case '/help':
    case '/':
      return envoyText(200, helpText());
    default:
      return envoyText(200, '{}\n');
  }
}

const goHeaders = (contentType: string, length: number): [string, string][] => [['content-type', contentType], ['date', ''], ['content-length', String(length)]];

/**
 * What a local address:port of a pod with an Envoy answers: the admin API (15000), pilot-agent's
 * status server (15020), Envoy's health listener (15021) and its Prometheus listener (15090).
 * Undefined when nothing listens there.
 */
export function localEndpoint(world: World, pod: KubeObject, port: number, method: string, target: string, loopback: boolean): AdminResponse | undefined {
  const config = envoyConfig(world, pod);
  if (!config) return undefined;
  const { path } = splitQuery(target);
  switch (port) {
    case 15000:
      // The admin API binds 127.0.0.1 only.
      return loopback ? envoyAdmin(world, config, method, target) : undefined;
    case 15020: {
      if (path === '/healthz/ready' || /^\/app-health\/[^/]+\/(readyz|livez|startupz)$/.test(path)) return { status: 200, headers: goHeaders('text/plain; charset=utf-8', 0), body: '' };
      if (path === '/stats/prometheus') {
        const body = statsPrometheus(keptStats(world, config));
        return { status: 200, headers: goHeaders('text/plain; version=0.0.4; charset=utf-8; escaping=underscores', body.length), body };
      }
      return { status: 404, headers: goHeaders('text/plain; charset=utf-8', 19), body: '404 page not found\n' };
    }
    case 15021:
      if (path === '/healthz/ready') return { status: 200, headers: [['date', ''], ['content-length', '0'], ['x-envoy-upstream-service-time', '0'], ['server', 'envoy']], body: '' };
      return { status: 404, headers: [['date', ''], ['server', 'envoy'], ['content-length', '0']], body: '' };
    case 15090:
      if (path === '/stats/prometheus') return { status: 200, headers: ENVOY_HEADERS('text/plain; charset=UTF-8'), body: statsPrometheus(keptStats(world, config)) };
      return { status: 404, headers: [['date', ''], ['server', 'envoy'], ['content-length', '0']], body: '' };
    default:
      return undefined;
  }
}
