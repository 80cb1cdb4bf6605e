import type { KubeObject } from '../objects.ts';
import type { World } from '../world.ts';

/*
 * A proxy's Envoy loggers and their levels, as its admin API's `/logging` handler lists and changes
 * them (envoy source/server/admin/logs_handler.cc). The sidecar starts with `--log-level warning
 * --component-log-level misc:error` (Istio's values global.proxy.logLevel and componentLogLevel,
 * manifests/charts/istio-control/istio-discovery/values.yaml); an operator changes them at run time
 * with `istioctl proxy-config log … --level rbac:debug` or `curl -X POST localhost:15000/logging?rbac=debug`.
 * The change lives in the running Envoy only: a recreated pod starts at the defaults again.
 */

/** envoy source/common/common/logger.h ALL_LOGGER_IDS, in its order (the registry lists them so). */
export const ENVOY_LOGGERS: readonly string[] = [
  'admin', 'alternate_protocols_cache', 'aws', 'assert', 'backtrace', 'basic_auth', 'cache_filter', 'client', 'config',
  'connection', 'conn_handler', 'decompression', 'dns', 'dubbo', 'envoy_bug', 'ext_authz', 'ext_proc', 'rocketmq', 'file',
  'filter', 'forward_proxy', 'geolocation', 'grpc', 'happy_eyeballs', 'hc', 'health_checker', 'http', 'http2', 'hystrix',
  'init', 'io', 'jwt', 'kafka', 'key_value_store', 'lua', 'main', 'matcher', 'misc', 'mongo', 'multi_connection', 'oauth2',
  'quic', 'quic_stream', 'pool', 'rate_limit_quota', 'rbac', 'rds', 'redis', 'router', 'runtime', 'stats', 'secret', 'tap',
  'testing', 'thrift', 'tracing', 'upstream', 'udp', 'wasm', 'websocket', 'golang',
];

/** spdlog's level names as Envoy builds it (SPDLOG_LEVEL_NAMES), most verbose first. */
export const ENVOY_LEVELS: readonly string[] = ['trace', 'debug', 'info', 'warning', 'error', 'critical', 'off'];

/** The levels a sidecar starts with: `--log-level warning`, `--component-log-level misc:error`. */
function defaultLevels(): Record<string, string> {
  const levels: Record<string, string> = {};
  for (const name of ENVOY_LOGGERS) levels[name] = name === 'misc' ? 'error' : 'warning';
  return levels;
}

/** The current level of every logger of the pod's Envoy. */
export function envoyLogLevels(world: World, pod: KubeObject): Readonly<Record<string, string>> {
  return world.envoyLogLevelsOf(pod.metadata.namespace ?? '', pod.metadata.name) ?? defaultLevels();
}

/** Whether the pod's Envoy writes `logger`'s messages of `level` (spdlog: the message's level at or above the logger's). */
export function envoyLogs(world: World, pod: KubeObject, logger: string, level: string): boolean {
  const current = world.envoyLogLevelsOf(pod.metadata.namespace ?? '', pod.metadata.name);
  if (!current) return false;
  return ENVOY_LEVELS.indexOf(level) >= ENVOY_LEVELS.indexOf(current[logger] ?? 'warning');
}

/**
 * logs_handler.cc handlerLogging: with a query, changeLogLevel first (`level=<l>` changes every
 * logger, `paths=a:l,b:l` several, `<name>=<l>` one); then `active loggers:` and each logger's level.
 * A bad query answers 400 with the usage and still lists the loggers, unchanged.
 */
export function envoyLogging(world: World, pod: KubeObject, params: ReadonlyMap<string, string>): { status: number; body: string } {
  let body = '';
  let status = 200;
  if (params.size > 0) {
    const changed = changeLogLevel(envoyLogLevels(world, pod), params);
    if (typeof changed === 'string') {
      status = 400;
      body += `error: ${changed}\n\n`
        + 'usage: /logging?<name>=<level> (change single level)\n'
        + 'usage: /logging?paths=name1:level1,name2:level2,... (change multiple levels)\n'
        + 'usage: /logging?level=<level> (change all levels)\n'
        + `levels: ${ENVOY_LEVELS.map((l) => `${l} `).join('')}\n`;
    } else {
      world.setEnvoyLogLevels(pod.metadata.namespace ?? '', pod.metadata.name, changed);
    }
  }
  const levels = envoyLogLevels(world, pod);
  body += `active loggers:\n${ENVOY_LOGGERS.map((name) => `  ${name}: ${levels[name] ?? 'warning'}\n`).join('')}\n`;
  return { status, body };
}

/** logs_handler.cc changeLogLevel: the new levels, or the error's message. */
function changeLogLevel(current: Readonly<Record<string, string>>, params: ReadonlyMap<string, string>): Record<string, string> | string {
  if (params.size !== 1) return 'invalid number of parameters';
  const [key = '', value = ''] = [...params][0] ?? [];
  const next = { ...current };
  if (key === 'level') {
    if (!ENVOY_LEVELS.includes(value)) return 'unknown logger level';
    for (const name of ENVOY_LOGGERS) next[name] = value;
    return next;
  }
  const pairs: [string, string][] = [];
  if (key === 'paths') {
    for (const pair of value.split(',').filter((p) => p.trim() !== '')) {
      const colon = pair.indexOf(':');
      const name = (colon < 0 ? pair : pair.slice(0, colon)).trim();
      const level = colon < 0 ? '' : pair.slice(colon + 1).trim();
      if (name === '' || level === '') return 'empty logger name or empty logger level';
      if (!ENVOY_LEVELS.includes(level)) return 'unknown logger level';
      pairs.push([name, level]);
    }
  } else {
    if (!ENVOY_LEVELS.includes(value)) return 'unknown logger level';
    pairs.push([key, value]);
  }
  // changeLogLevels: every name must be a logger before any level changes.
  if (pairs.some(([name]) => !ENVOY_LOGGERS.includes(name))) return 'unknown logger name';
  for (const [name, level] of pairs) next[name] = level;
  return next;
}
