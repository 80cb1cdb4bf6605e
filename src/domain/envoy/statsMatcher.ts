import { yamlToJson } from '../manifests/goYaml.ts';
import { type KubeObject, getPath, ownValue } from '../objects.ts';

/** The Envoy stats a sidecar keeps by default (pkg/bootstrap/config.go, Istio 1.26). */
const REQUIRED_PREFIXES = ['cluster_manager', 'listener_manager', 'server', 'cluster.xds-grpc', 'wasm'];
const REQUIRED_SUFFIXES = ['rbac.allowed', 'rbac.denied', 'shadow_allowed', 'shadow_denied'];
const REQUIRED_REGEXPS = ['vhost\\..*\\.route\\..*'];

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function csv(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Which stat names a proxy's Envoy keeps (bootstrap stats_config.stats_matcher.inclusion_list):
 * Istio's standard metrics (`reporter=`), `component`, `istio`, the required prefixes, and what the
 * pod adds with the `sidecar.istio.io/statsInclusion{Prefixes,Suffixes,Regexps}` annotations or
 * `proxyStatsMatcher` in `proxy.istio.io/config`. Everything else Envoy never creates, so
 * `/stats` does not list it: `listener.0.0.0.0_15006.ssl.handshake` needs `listener` added.
 */
export function statsMatcher(pod: KubeObject): (name: string) => boolean {
  const annotations = pod.metadata.annotations;
  let proxyConfig: unknown;
  const raw = ownValue(annotations, 'proxy.istio.io/config');
  if (raw) {
    const parsed = yamlToJson(raw);
    if (parsed.ok) proxyConfig = parsed.value;
  }
  const prefixes = ['reporter=', ...REQUIRED_PREFIXES, ...csv(ownValue(annotations, 'sidecar.istio.io/statsInclusionPrefixes')), ...strings(getPath(proxyConfig, 'proxyStatsMatcher', 'inclusionPrefixes')), 'component', 'istio'];
  const suffixes = [...REQUIRED_SUFFIXES, ...csv(ownValue(annotations, 'sidecar.istio.io/statsInclusionSuffixes')), ...strings(getPath(proxyConfig, 'proxyStatsMatcher', 'inclusionSuffixes'))];
  const regexps: RegExp[] = [];
  for (const source of [...REQUIRED_REGEXPS, ...csv(ownValue(annotations, 'sidecar.istio.io/statsInclusionRegexps')), ...strings(getPath(proxyConfig, 'proxyStatsMatcher', 'inclusionRegexps'))]) {
    try {
      // Envoy's safe_regex matches the whole name.
      regexps.push(new RegExp(`^(?:${source})$`));
    } catch {
      // An invalid RE2 pattern makes Envoy reject the bootstrap; here it simply matches nothing.
    }
  }
  return (name) => prefixes.some((p) => name.startsWith(p)) || suffixes.some((s) => name.endsWith(s)) || regexps.some((r) => r.test(name));
}
