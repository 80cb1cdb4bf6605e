import { type ClusterStatus, clusterStatusMessage } from '../../domain/envoy/clusterStatuses.ts';
import type { EnvoyConfig } from '../../domain/envoy/envoyConfig.ts';
import { type ProtoObject, type ProtoValue, ProtoMap, istioctlJson, toCamelJson } from '../../domain/envoy/protoJson.ts';
import { timestamp } from '../../domain/envoy/configDump.ts';
import type { Json } from '../../domain/objects.ts';
import { formatYaml, tabwrite } from '../kubectl/format/index.ts';
import { goSortSlice } from './proxyConfigSort.ts';

/**
 * istioctl's proxy-config writers (istio 1.26.4 istioctl/pkg/writer/envoy/configdump/*.go and
 * writer/envoy/clusters/clusters.go, writer/compare/sds), fed with the proxy's configuration.
 * A writer returns its text, or an error message as the Go code returns it.
 */
/** What the writers read of a proxy: its configuration, or a config dump read from a file. */
export type ProxyDump = Pick<EnvoyConfig, 'bootstrap' | 'clusters' | 'staticClusters' | 'listeners' | 'staticListeners' | 'routes' | 'inlineRoutes' | 'secrets'>;

export type WriterResult = { ok: true; text: string } | { ok: false; error: string };

const ok = (text: string): WriterResult => ({ ok: true, text });

/** `new(tabwriter.Writer).Init(out, 0, 8, padding, ' ', 0)` then Flush. */
function table(rows: readonly string[][], padding: number): string {
  return tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''), { minwidth: 0, padding, padchar: ' ', rememberWidths: false });
}

/** `json.MarshalIndent(proto.MessageSlice, "", "    ")`, or its YAML (sigs.k8s.io/yaml JSONToYAML). */
function messageSlice(items: readonly ProtoObject[], format: 'json' | 'yaml'): string {
  if (format === 'yaml') return formatYaml(items.map((i) => toCamelJson(i)) as Json);
  return `${istioctlJson(items as ProtoValue[])}\n`;
}

/** `protomarshal.ToJSONWithIndent(msg, "    ")` (jsonpb), or its YAML. */
export function singleMessage(message: ProtoObject, format: 'json' | 'yaml'): string {
  if (format === 'yaml') return formatYaml(toCamelJson(message) as Json);
  return `${istioctlJson(message)}\n`;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): ProtoObject | undefined => (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof ProtoMap) ? (v as ProtoObject) : undefined);
/** A map or Struct's entries, whether built here (ProtoMap) or read back from JSON (a plain object). */
const entries = (v: unknown): ProtoObject | undefined => (v instanceof ProtoMap ? v.entries : obj(v));
const list = (v: unknown): ProtoObject[] => (Array.isArray(v) ? (v.map(obj).filter((x) => x !== undefined) as ProtoObject[]) : []);

function compare(a: string, b: string): boolean {
  return a < b;
}

// ---------------------------------------------------------------- clusters

export interface ClusterFilter {
  fqdn: string;
  port: number;
  subset: string;
  direction: string;
}

/** model.ParseSubsetKey: `direction|port|subset|hostname`. */
function parseSubsetKey(name: string): { direction: string; port: number; subset: string; fqdn: string } {
  const parts = name.split('|');
  const port = Number.parseInt(parts[1] ?? '', 10);
  return { direction: parts[0] ?? '', port: Number.isNaN(port) ? 0 : port, subset: parts[2] ?? '', fqdn: parts[3] ?? '' };
}

function safelyParseSubsetKey(name: string): { direction: string; port: number; subset: string; fqdn: string } {
  return name.split('|').length > 3 ? parseSubsetKey(name) : { direction: '', subset: '', fqdn: name, port: 0 };
}

function verifyCluster(filter: ClusterFilter, name: string): boolean {
  if (filter.fqdn === '' && filter.port === 0 && filter.subset === '' && filter.direction === '') return true;
  if (filter.fqdn !== '' && !name.includes(filter.fqdn)) return false;
  if (filter.direction !== '' && !name.includes(filter.direction)) return false;
  if (filter.subset !== '' && !name.includes(filter.subset)) return false;
  if (filter.port !== 0 && !name.includes(`|${filter.port}|`)) return false;
  return true;
}

function sortedClusters(config: ProxyDump): ProtoObject[] {
  const clusters = [...config.clusters, ...config.staticClusters];
  return goSortSlice(clusters, (a, b) => {
    const i = safelyParseSubsetKey(str(a.name));
    const j = safelyParseSubsetKey(str(b.name));
    if (i.fqdn === j.fqdn) {
      if (i.subset === j.subset) {
        if (i.port === j.port) return compare(i.direction, j.direction);
        return i.port < j.port;
      }
      return compare(i.subset, j.subset);
    }
    return compare(i.fqdn, j.fqdn);
  });
}

/** `describeManagement`: `name.namespace` of the Istio config in `metadata.filter_metadata.istio.config`. */
function describeManagement(metadata: unknown): string {
  const istio = entries(entries(obj(metadata)?.filter_metadata)?.istio);
  const config = istio?.config;
  if (typeof config !== 'string') return '';
  if (!config.startsWith('/apis/networking.istio.io/')) return '<unknown>';
  const pieces = config.split('/');
  return pieces.length === 8 ? `${pieces[7]}.${pieces[5]}` : '';
}

export function clusterSummary(config: ProxyDump, filter: ClusterFilter, withType = false): WriterResult {
  const rows = [withType ? ['NAME', 'SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE'] : ['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE']];
  for (const c of sortedClusters(config)) {
    const name = str(c.name);
    if (!verifyCluster(filter, name)) continue;
    const type = str(c.type) || 'STATIC';
    const dr = describeManagement(c.metadata);
    if (name.split('|').length > 3) {
      const k = parseSubsetKey(name);
      const row = [k.fqdn, String(k.port), k.subset === '' ? '-' : k.subset, k.direction, type, dr];
      rows.push(withType ? [`cluster/${name}`, ...row] : row);
    } else if (withType && name.length > 0) {
      rows.push([`cluster/${name}`, `cluster/${name}`, '-', '-', '-', type, dr]);
    } else {
      rows.push([name, '-', '-', '-', type, dr]);
    }
  }
  return ok(table(rows, 5));
}

export function clusterDump(config: ProxyDump, filter: ClusterFilter, format: 'json' | 'yaml'): WriterResult {
  return ok(messageSlice(sortedClusters(config).filter((c) => verifyCluster(filter, str(c.name))), format));
}

// ---------------------------------------------------------------- listeners

export interface ListenerFilter {
  address: string;
  port: number;
  type: string;
  verbose: boolean;
}

function allListeners(config: ProxyDump): ProtoObject[] {
  return [...config.listeners, ...config.staticListeners];
}

function listenerAddress(l: ProtoObject): string {
  const address = obj(l.address);
  return str(obj(address?.socket_address)?.address) || str(obj(address?.pipe)?.path);
}

function listenerPort(l: ProtoObject): number {
  const port = obj(obj(l.address)?.socket_address)?.port_value;
  return typeof port === 'number' ? port : 0;
}

function filterChains(l: ProtoObject): ProtoObject[] {
  const chains = list(l.filter_chains);
  const def = obj(l.default_filter_chain);
  return def ? [...chains, def] : chains;
}

const HCM = 'envoy.filters.network.http_connection_manager';
const TCP_PROXY = 'envoy.filters.network.tcp_proxy';

/** `strings.Contains(string(typedConfig.Value), "BlackHoleCluster")`: a TCP proxy to the blackhole. */
function isBlackhole(filter: ProtoObject): boolean {
  const config = obj(filter.typed_config);
  return str(config?.cluster).includes('BlackHoleCluster') || str(config?.stat_prefix).includes('BlackHoleCluster');
}

function listenerType(l: ProtoObject): string {
  let http = 0;
  let tcp = 0;
  for (const chain of filterChains(l)) {
    for (const f of list(chain.filters)) {
      if (f.name === HCM) http++;
      else if (f.name === TCP_PROXY && !isBlackhole(f)) tcp++;
    }
  }
  if (http > 0) return tcp === 0 ? 'HTTP' : 'HTTP+TCP';
  return tcp > 0 ? 'TCP' : 'UNKNOWN';
}

function verifyListener(filter: ListenerFilter, l: ProtoObject): boolean {
  if (filter.address === '' && filter.port === 0 && filter.type === '') return true;
  if (filter.address !== '' && listenerAddress(l).toLowerCase() !== filter.address.toLowerCase()) return false;
  if (filter.port !== 0 && listenerPort(l) !== filter.port) return false;
  if (filter.type !== '' && listenerType(l).toLowerCase() !== filter.type.toLowerCase()) return false;
  return true;
}

const PROTOCOL_DESCRIPTIONS: [string, string[]][] = [
  ['App: HTTP TLS', ['http/1.0', 'http/1.1', 'h2c', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: Istio HTTP Plain', ['istio', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: TCP TLS', ['istio-peer-exchange', 'istio']],
  ['App: HTTP', ['http/1.0', 'http/1.1', 'h2c']],
];

/** listener.go getMatches: SNI, transport, ALPN (named when istioctl knows the set), destination. */
function describeMatch(match: ProtoObject | undefined): string {
  const m = match ?? {};
  const descrs: string[] = [];
  const serverNames = Array.isArray(m.server_names) ? (m.server_names as string[]) : [];
  if (serverNames.length > 0) descrs.push(`SNI: ${serverNames.join(',')}`);
  if (str(m.transport_protocol)) descrs.push(`Trans: ${str(m.transport_protocol)}`);
  const alpn = Array.isArray(m.application_protocols) ? (m.application_protocols as string[]) : [];
  if (alpn.length > 0) {
    const known = PROTOCOL_DESCRIPTIONS.find(([, protocols]) => protocols.length === alpn.length && protocols.every((p, i) => p === alpn[i]));
    descrs.push(known ? known[0] : `App: ${alpn.join(',')}`);
  }
  const port = typeof m.destination_port === 'number' ? `:${m.destination_port}` : '';
  const ranges = list(m.prefix_ranges);
  if (ranges.length > 0) descrs.push(`Addr: ${ranges.map((r) => `${str(r.address_prefix)}/${typeof r.prefix_len === 'number' ? r.prefix_len : 0}`).join(',')}${port}`);
  else if (port !== '') descrs.push(`Addr: *${port}`);
  return descrs.length === 0 ? 'ALL' : descrs.join('; ');
}

function routeMatchText(match: ProtoObject | undefined): string {
  const m = match ?? {};
  const conds: string[] = [];
  if (str(m.prefix)) conds.push(`${str(m.prefix)}*`);
  if (str(m.path_separated_prefix)) conds.push(`PathPrefix:${str(m.path_separated_prefix)}`);
  if (str(m.path)) conds.push(str(m.path));
  const regex = obj(m.safe_regex);
  if (regex) conds.push(`regex ${str(regex.regex)}`);
  return conds.join(' ');
}

function describeRouteConfig(route: ProtoObject): string {
  const vhosts = list(route.virtual_hosts);
  const only = vhosts[0];
  if (vhosts.length === 1 && only) {
    const domains = Array.isArray(only.domains) ? only.domains : [];
    const routes = list(only.routes);
    const r = routes[0];
    const cluster = str(obj(r?.route)?.cluster);
    if (domains.length === 1 && domains[0] === '*' && routes.length === 1 && str(obj(r?.match)?.prefix) === '/' && cluster !== '') {
      return cluster.includes('Cluster') ? cluster : `Cluster: ${cluster}`;
    }
  }
  const described = vhosts.map((vh) => {
    const domains = Array.isArray(vh.domains) ? (vh.domains as string[]) : [];
    const d = domains.length === 1 && domains[0] === '*' ? '' : domains.join('/');
    const routes = list(vh.routes).map((r) => routeMatchText(obj(r.match))).join(', ');
    return d === '' ? routes : `${d} ${routes}`;
  });
  return `Inline Route: ${described.join('; ')}`;
}

/** listener.go getFilterType: where a chain's traffic goes. */
function describeDestination(filters: ProtoObject[]): string {
  for (const f of filters) {
    const config = obj(f.typed_config);
    if (f.name === HCM) {
      const routeConfig = obj(config?.route_config);
      if (routeConfig) return describeRouteConfig(routeConfig);
      const rds = str(obj(config?.rds)?.route_config_name);
      return rds !== '' ? `Route: ${rds}` : 'HTTP';
    }
    if (f.name === TCP_PROXY && !isBlackhole(f)) {
      const cluster = str(config?.cluster);
      return cluster.includes('Cluster') ? cluster : `Cluster: ${cluster}`;
    }
  }
  return 'Non-HTTP/Non-TCP';
}

export function listenerSummary(config: ProxyDump, filter: ListenerFilter, withType = false): WriterResult {
  const listeners = goSortSlice(allListeners(config).filter((l) => verifyListener(filter, l)), (a, b) => {
    const ip = listenerPort(a);
    const jp = listenerPort(b);
    if (ip !== jp) return ip < jp;
    const ia = listenerAddress(a);
    const ja = listenerAddress(b);
    if (ia !== ja) return ia < ja;
    return listenerType(a) < listenerType(b);
  });
  const header = ['ADDRESSES', 'PORT', ...(filter.verbose ? ['MATCH', 'DESTINATION'] : ['TYPE'])];
  const rows = [withType ? ['NAME', ...header] : header];
  for (const l of listeners) {
    const addresses = listenerAddress(l);
    const port = String(listenerPort(l));
    const name = `listener/${str(l.name)}`;
    if (filter.verbose) {
      const matches = goSortSlice(filterChains(l).map((c) => ({ match: describeMatch(obj(c.filter_chain_match)), destination: describeDestination(list(c.filters)) })), (a, b) => a.destination > b.destination);
      for (const m of matches) rows.push([...(withType ? [name] : []), addresses, port, m.match, m.destination]);
    } else {
      rows.push([...(withType ? [name] : []), addresses, port, listenerType(l)]);
    }
  }
  return ok(table(rows, 1));
}

export function listenerDump(config: ProxyDump, filter: ListenerFilter, format: 'json' | 'yaml'): WriterResult {
  return ok(messageSlice(allListeners(config).filter((l) => verifyListener(filter, l)), format));
}

// ---------------------------------------------------------------- routes

export interface RouteFilter {
  name: string;
  verbose: boolean;
}

function sortedRoutes(config: ProxyDump): ProtoObject[] {
  const routes = [...config.routes, ...config.inlineRoutes];
  const numeric = (name: string): number | undefined => (/^[+-]?\d+$/.test(name) ? Number(name) : undefined);
  return goSortSlice(routes, (a, b) => {
    const i = numeric(str(a.name));
    const j = numeric(str(b.name));
    return i !== undefined && j !== undefined && i < j;
  });
}

/** route.go describeRouteDomains: the shortest names, without ports, at most two and a count. */
function describeRouteDomains(domains: string[]): string {
  if (domains.length === 0) return '';
  if (domains.length === 1) return domains[0] ?? '';
  const withoutPort = domains.filter((d) => !d.includes(':') || ((d.match(/:/g)?.length ?? 0) > 2 && d.endsWith(']')));
  const unique = new Set(withoutPort);
  const drop = new Set<string>();
  for (const h of withoutPort) {
    const full = h.endsWith('.svc.cluster.local') ? h.slice(0, -'.svc.cluster.local'.length) : h;
    if (unique.has(full) && full !== h) drop.add(h);
    const partial = h.endsWith('.svc') ? h.slice(0, -'.svc'.length) : h;
    if (unique.has(partial) && partial !== h) drop.add(h);
  }
  const kept = withoutPort.filter((h) => !drop.has(h));
  if (kept.length > 2) return `${kept.slice(0, 2).join(', ')} + ${kept.length - 2} more...`;
  return kept.join(', ');
}

function isPassthroughRoute(route: ProtoObject): boolean {
  return str(obj(route.route)?.cluster) === 'PassthroughCluster';
}

export function routeSummary(config: ProxyDump, filter: RouteFilter, withType = false): WriterResult {
  const rows = [filter.verbose ? ['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE'] : ['NAME', 'VIRTUAL HOSTS']];
  for (const route of sortedRoutes(config)) {
    if (filter.name !== '' && filter.name !== str(route.name)) continue;
    const name = withType ? `route/${str(route.name)}` : str(route.name);
    const vhosts = list(route.virtual_hosts);
    if (!filter.verbose) {
      rows.push([name, String(vhosts.length)]);
      continue;
    }
    for (const vh of vhosts) {
      const domains = describeRouteDomains(Array.isArray(vh.domains) ? (vh.domains as string[]) : []);
      const routes = list(vh.routes);
      for (const r of routes) if (!isPassthroughRoute(r)) rows.push([name, str(vh.name), domains, routeMatchText(obj(r.match)), describeManagement(r.metadata)]);
      if (routes.length === 0) rows.push([name, str(vh.name), domains, '/*', '404']);
    }
  }
  return ok(table(rows, 5));
}

export function routeDump(config: ProxyDump, filter: RouteFilter, format: 'json' | 'yaml'): WriterResult {
  return ok(messageSlice(sortedRoutes(config).filter((r) => filter.name === '' || filter.name === str(r.name)), format));
}

// ---------------------------------------------------------------- endpoints (from /clusters)

export interface EndpointFilter {
  address: string;
  port: number;
  cluster: string;
  status: string;
}

function hostAddress(host: ClusterStatus['hosts'][number]): string {
  return host.pipe !== undefined ? `unix://${host.pipe}` : (host.ip ?? 'unknown');
}

function verifyEndpoint(filter: EndpointFilter, host: ClusterStatus['hosts'][number], cluster: string): boolean {
  if (filter.address === '' && filter.port === 0 && filter.cluster === '' && filter.status === '') return true;
  if (filter.address !== '' && hostAddress(host).toLowerCase() !== filter.address.toLowerCase()) return false;
  if (filter.port !== 0 && (host.port ?? 0) !== filter.port) return false;
  if (filter.cluster !== '' && cluster.toLowerCase() !== filter.cluster.toLowerCase()) return false;
  if (filter.status !== '' && filter.status.toLowerCase() !== 'healthy') return false;
  return true;
}

export function endpointSummary(statuses: readonly ClusterStatus[], filter: EndpointFilter): WriterResult {
  const rows: { address: string; port: number; cluster: string }[] = [];
  for (const c of statuses) for (const h of c.hosts) if (verifyEndpoint(filter, h, c.name)) rows.push({ address: hostAddress(h), port: h.port ?? 0, cluster: c.name });
  goSortSlice(rows, (a, b) => (a.address === b.address ? (a.port === b.port ? a.cluster < b.cluster : a.port < b.port) : a.address < b.address));
  return ok(table([['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'], ...rows.map((r) => [r.port !== 0 ? `${r.address}:${r.port}` : r.address, 'HEALTHY', 'OK', r.cluster])], 5));
}

export function endpointDump(statuses: readonly ClusterStatus[], filter: EndpointFilter, format: 'json' | 'yaml'): WriterResult {
  const clusters = statuses.filter((c) => c.hosts.some((h) => verifyEndpoint(filter, h, c.name))).map(clusterStatusMessage);
  return ok(messageSlice(clusters, format));
}

// ---------------------------------------------------------------- secrets

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function secretSummary(config: ProxyDump, now: number, withType = false): WriterResult {
  if (config.secrets.length === 0) return ok('No active or warming secrets found.\n');
  const rows = [['RESOURCE NAME', 'TYPE', 'STATUS', 'VALID CERT', 'SERIAL NUMBER', 'NOT AFTER', 'NOT BEFORE']];
  const trustDomains = config.secrets.map((s) => /^spiffe:\/\/([^/]+)/.exec(s.certificate.spiffeId ?? '')?.[1] ?? '');
  const withTrustDomain = trustDomains.every((td) => td !== '');
  if (withTrustDomain) rows[0]?.push('TRUST DOMAIN');
  config.secrets.forEach((s, i) => {
    const cert = s.certificate;
    const valid = now > cert.notBefore && now < cert.notAfter;
    rows.push([withType ? `secret/${s.name}` : s.name, cert.ca ? 'CA' : 'Cert Chain', 'ACTIVE', String(valid), cert.serialHex, rfc3339(cert.notAfter), rfc3339(cert.notBefore), ...(withTrustDomain ? [trustDomains[i] ?? ''] : [])]);
  });
  return ok(table(rows, 5));
}

/** The SecretsConfigDump message (without its `@type`), as `pc secret -o json` prints it. */
export function secretsMessage(config: ProxyDump): ProtoObject {
  return {
    dynamic_active_secrets: config.secrets.length === 0 ? undefined : config.secrets.map((s) => ({ name: s.name, last_updated: timestamp(s.updatedAt), secret: s.secret })),
  };
}

// ---------------------------------------------------------------- bootstrap

export function bootstrapSummary(config: ProxyDump): WriterResult {
  // configdump.go getIstioVersionInfo / getUserAgentVersionInfo: what the node says of itself.
  const node = obj(config.bootstrap.node);
  const metadata = entries(node?.metadata) ?? {};
  const version = str(metadata.ISTIO_VERSION);
  let sha = str(metadata.ISTIO_PROXY_SHA);
  if (sha.includes(':')) sha = sha.split(':')[1] ?? '';
  const build = obj(node?.user_agent_build_version);
  const v = obj(build?.version) ?? {};
  const md = entries(build?.metadata) ?? {};
  const n = (x: unknown) => (typeof x === 'number' ? x : 0);
  let envoy = `${n(v.major_number)}.${n(v.minor_number)}.${n(v.patch)}`;
  if (md['build.label'] !== undefined) envoy += `-${str(md['build.label'])}`;
  if (md['revision.status'] !== undefined) envoy += `/${str(md['revision.status'])}`;
  if (md['build.type'] !== undefined) envoy += `/${str(md['build.type'])}`;
  if (md['ssl.version'] !== undefined) envoy += `/${str(md['ssl.version'])}`;
  let text = '';
  if (version !== '') text += `Istio Version:\t${version}\n`;
  if (sha !== '') text += `Istio Proxy Version:\t${sha}\n`;
  if (envoy !== '') text += `Envoy Version:\t${envoy}\n`;
  return ok(tabwrite(text, { minwidth: 0, padding: 1, padchar: ' ', rememberWidths: false }));
}

// ---------------------------------------------------------------- endpoints (from the EDS dump, for `all`)

/** configdump/endpoint.go PrintEndpointsSummary: the endpoints of the EDS dump (`?include_eds`). */
export function edsEndpointSummary(assignments: readonly ProtoObject[], filter: EndpointFilter, withType = false): WriterResult {
  const addressesOf = (ep: ProtoObject): string[] => {
    const address = obj(obj(ep.endpoint)?.address);
    const socket = obj(address?.socket_address);
    if (socket) return [`${str(socket.address)}:${typeof socket.port_value === 'number' ? socket.port_value : 0}`];
    const pipe = obj(address?.pipe);
    return [pipe ? str(pipe.path) : 'unknown'];
  };
  const portOf = (ep: ProtoObject): number => {
    const port = obj(obj(obj(ep.endpoint)?.address)?.socket_address)?.port_value;
    return typeof port === 'number' ? port : 0;
  };
  const verify = (ep: ProtoObject, cluster: string): boolean => {
    if (filter.address === '' && filter.port === 0 && filter.cluster === '' && filter.status === '') return true;
    if (filter.address !== '' && !addressesOf(ep).some((a) => a.toLowerCase() === filter.address.toLowerCase())) return false;
    if (filter.port !== 0 && portOf(ep) !== filter.port) return false;
    if (filter.cluster !== '' && cluster.toLowerCase() !== filter.cluster.toLowerCase()) return false;
    if (filter.status !== '' && str(ep.health_status || 'UNKNOWN').toLowerCase() !== filter.status.toLowerCase()) return false;
    return true;
  };
  const kept = assignments
    .map((cla) => {
      const cluster = str(cla.cluster_name);
      const localities = list(cla.endpoints).map((l) => ({ locality: obj(l.locality), endpoints: list(l.lb_endpoints).filter((ep) => verify(ep, cluster)) }));
      return { cluster, localities, count: localities.reduce((n, l) => n + l.endpoints.length, 0) };
    })
    .filter((c) => c.count > 0);
  goSortSlice(kept, (a, b) => {
    const i = safelyParseSubsetKey(a.cluster);
    const j = safelyParseSubsetKey(b.cluster);
    if (i.fqdn === j.fqdn) {
      if (i.subset === j.subset) return i.port === j.port ? i.direction < j.direction : i.port < j.port;
      return i.subset < j.subset;
    }
    return i.fqdn < j.fqdn;
  });
  const rows = [['NAME', 'STATUS', 'LOCALITY', 'CLUSTER']];
  for (const c of kept) {
    for (const l of c.localities) {
      const locality = l.locality ? [str(l.locality.region), str(l.locality.zone), str(l.locality.sub_zone)] : [];
      const place = locality[0] === undefined ? '' : locality[1] ? (locality[2] ? locality.join('/') : `${locality[0]}/${locality[1]}`) : (locality[0] ?? '');
      for (const ep of l.endpoints) {
        const addr = addressesOf(ep).join(',');
        rows.push([withType ? `endpoint/${addr}` : addr, str(ep.health_status) || 'UNKNOWN', place, c.cluster]);
      }
    }
  }
  return ok(table(rows, 5));
}
