import { any } from './envoyPieces.ts';
import { staticLoadAssignment } from './endpoints.ts';
import type { EnvoyConfig } from './envoyConfig.ts';
import type { ProtoObject, ProtoValue } from './protoJson.ts';

/** The query parameters of `/config_dump` (Envoy admin: include_eds, mask, resource, name_regex). */
export interface ConfigDumpQuery {
  includeEds?: boolean;
  /** Field paths kept in each config (a protobuf FieldMask, comma-separated in the query). */
  mask?: string[];
  /** A repeated field whose elements are dumped one by one. */
  resource?: string;
  /** Only resources whose name matches (a RE2 regular expression). */
  nameRegex?: string;
}

/**
 * How protobuf JSON prints a Timestamp: `2026-11-28T08:32:40.123Z`, and without the fraction when
 * it is zero (both Envoy's printer and Go's jsonpb).
 */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const ADMIN = 'envoy.admin.v3.';

function nameOf(resource: ProtoObject): string {
  return typeof resource.name === 'string' ? resource.name : typeof resource.cluster_name === 'string' ? resource.cluster_name : '';
}

/**
 * The config dump's parts, each an admin message with its `@type`, in the order Envoy's admin
 * handler writes them: bootstrap, clusters, (endpoints), listeners, scoped routes, routes, secrets.
 */
export function configDumpParts(config: EnvoyConfig, query: ConfigDumpQuery = {}): ProtoObject[] {
  let matches: (name: string) => boolean = () => true;
  if (query.nameRegex !== undefined) {
    const re = fullMatch(query.nameRegex);
    matches = (name) => re !== undefined && re.test(name);
  }
  const keep = <T extends ProtoObject>(items: readonly T[], name: (item: T) => string): T[] => items.filter((i) => matches(name(i)));
  const started = timestamp(config.startedAt);
  const updated = timestamp(config.updatedAt);
  const version = config.versionInfo;
  const parts: ProtoObject[] = [
    any(`${ADMIN}BootstrapConfigDump`, { bootstrap: config.bootstrap, last_updated: started }),
    any(`${ADMIN}ClustersConfigDump`, {
      version_info: version,
      static_clusters: listOrUndefined(keep(config.staticClusters, nameOf).map((c) => ({ cluster: any('envoy.config.cluster.v3.Cluster', c), last_updated: started }))),
      dynamic_active_clusters: listOrUndefined(keep(config.clusters, nameOf).map((c) => ({ version_info: version, cluster: any('envoy.config.cluster.v3.Cluster', c), last_updated: updated }))),
    }),
  ];
  if (query.includeEds) {
    parts.push(any(`${ADMIN}EndpointsConfigDump`, {
      static_endpoint_configs: listOrUndefined(keep(staticAssignments(config), nameOf).map((a) => ({ endpoint_config: any('envoy.config.endpoint.v3.ClusterLoadAssignment', a) }))),
      dynamic_endpoint_configs: listOrUndefined(keep(config.endpoints.map((e) => e.assignment), nameOf).map((a) => ({ endpoint_config: any('envoy.config.endpoint.v3.ClusterLoadAssignment', a) }))),
    }));
  }
  parts.push(
    any(`${ADMIN}ListenersConfigDump`, {
      version_info: version,
      static_listeners: listOrUndefined(keep(config.staticListeners, nameOf).map((l) => ({ listener: any('envoy.config.listener.v3.Listener', l), last_updated: started }))),
      dynamic_listeners: listOrUndefined(keep(config.listeners, nameOf).map((l) => ({ name: nameOf(l), active_state: { version_info: version, listener: any('envoy.config.listener.v3.Listener', l), last_updated: updated } }))),
    }),
    any(`${ADMIN}ScopedRoutesConfigDump`),
    any(`${ADMIN}RoutesConfigDump`, {
      static_route_configs: listOrUndefined(keep(config.inlineRoutes, nameOf).map((r) => ({ route_config: any('envoy.config.route.v3.RouteConfiguration', r), last_updated: started }))),
      dynamic_route_configs: listOrUndefined(keep(config.routes, nameOf).map((r) => ({ version_info: version, route_config: any('envoy.config.route.v3.RouteConfiguration', r), last_updated: updated }))),
    }),
    any(`${ADMIN}SecretsConfigDump`, {
      dynamic_active_secrets: listOrUndefined(config.secrets.filter((s) => matches(s.name)).map((s) => ({ name: s.name, last_updated: timestamp(s.updatedAt), secret: s.secret }))),
    }),
  );
  return parts;
}

/** The static clusters' load assignments, as the config dump renders them. */
export function staticAssignments(config: EnvoyConfig): ProtoObject[] {
  return config.staticClusters.flatMap((c) => (c.load_assignment ? [staticLoadAssignment(c.load_assignment as ProtoObject)] : []));
}

/** A RE2 full match; undefined for a pattern JavaScript cannot compile (then nothing matches). */
function fullMatch(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

function listOrUndefined<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** The element message names of the repeated fields `?resource=` can name. */
const ELEMENT_TYPES: Record<string, string> = {
  static_clusters: 'ClustersConfigDump.StaticCluster',
  dynamic_active_clusters: 'ClustersConfigDump.DynamicCluster',
  dynamic_warming_clusters: 'ClustersConfigDump.DynamicCluster',
  static_endpoint_configs: 'EndpointsConfigDump.StaticEndpointConfig',
  dynamic_endpoint_configs: 'EndpointsConfigDump.DynamicEndpointConfig',
  static_listeners: 'ListenersConfigDump.StaticListener',
  dynamic_listeners: 'ListenersConfigDump.DynamicListener',
  static_route_configs: 'RoutesConfigDump.StaticRouteConfig',
  dynamic_route_configs: 'RoutesConfigDump.DynamicRouteConfig',
  static_secrets: 'SecretsConfigDump.StaticSecret',
  dynamic_active_secrets: 'SecretsConfigDump.DynamicSecret',
  dynamic_warming_secrets: 'SecretsConfigDump.DynamicSecret',
};

/** FieldMaskUtil::TrimMessage: keep `@type` and the masked paths (`a.b` keeps `b` inside `a`). */
function trim(message: ProtoObject, paths: readonly string[]): ProtoObject {
  const out: ProtoObject = {};
  for (const [key, value] of Object.entries(message)) {
    if (key === '@type') {
      out[key] = value;
      continue;
    }
    if (paths.includes(key)) out[key] = value;
    else {
      const nested = paths.filter((p) => p.startsWith(`${key}.`)).map((p) => p.slice(key.length + 1));
      if (nested.length > 0 && value && typeof value === 'object' && !Array.isArray(value)) {
        const inner = trim(value as ProtoObject, nested);
        if (Object.keys(inner).some((k) => k !== '@type')) out[key] = inner;
      }
    }
  }
  return out;
}

/** The `/config_dump` answer: the whole dump, or `?resource=` elements, each trimmed by `?mask=`. */
export function configDump(config: EnvoyConfig, query: ConfigDumpQuery = {}): { status: number; body: ProtoObject | string } {
  const parts = configDumpParts(config, query);
  if (query.resource !== undefined) {
    const element = ELEMENT_TYPES[query.resource];
    const source = element ? parts.find((p) => Array.isArray(p[query.resource as string])) : undefined;
    if (!element) return { status: 404, body: `${query.resource} not found in config dump` };
    const items = (source?.[query.resource] as ProtoValue[] | undefined) ?? [];
    const configs = items.map((item) => {
      const msg = any(`${ADMIN}${element}`, item as ProtoObject);
      return query.mask ? trim(msg, query.mask) : msg;
    });
    return { status: 200, body: { configs } };
  }
  return { status: 200, body: { configs: query.mask ? parts.map((p) => trim(p, query.mask ?? [])) : parts } };
}
