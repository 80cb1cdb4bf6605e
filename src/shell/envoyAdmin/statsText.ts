import type { Stat } from '../../domain/envoy/proxyStats.ts';

/**
 * Envoy's `/stats` renderings (source/server/admin/stats_render.cc): `name: value` lines sorted by
 * name; JSON `{"stats":[{"name","value"}]}`; Prometheus text with the tags Istio's bootstrap
 * extracts (the Istio metric tags, `cluster_name`, `listener_address`).
 */

export function statsText(stats: readonly Stat[]): string {
  return stats.map((s) => `${s.name}: ${s.value}\n`).join('');
}

export function statsJson(stats: readonly Stat[]): string {
  const items = stats.map((s) => `  {\n   "name": ${JSON.stringify(s.name)},\n   "value": ${s.value}\n  }`);
  return `{\n "stats": [\n${items.join(',\n')}\n ]\n}\n`;
}

interface PromSample {
  family: string;
  labels: [string, string][];
  value: number;
  kind: Stat['kind'];
}

/** Splits an Envoy stat name into its Prometheus family and labels, as the bootstrap's tag extractors do. */
function toPrometheus(stat: Stat): PromSample {
  const name = stat.name;
  if (name.includes('=.=')) {
    // Istio metrics: `k=.=v;.;` pairs then the metric name.
    const parts = name.split(';.;');
    const metric = parts.pop() ?? '';
    return { family: metric, labels: parts.map((p) => p.split('=.=') as [string, string]), value: stat.value, kind: stat.kind };
  }
  let rest = name;
  const labels: [string, string][] = [];
  const cluster = /^cluster\.(.+?);\.(.*)$/.exec(rest) ?? /^cluster\.(xds-grpc|sds-grpc|agent|prometheus_stats)\.(.*)$/.exec(rest);
  if (cluster) {
    labels.push(['cluster_name', cluster[1] ?? '']);
    rest = `cluster.${cluster[2] ?? ''}`;
  }
  const listener = /^listener\.([_.\d]+?)\.((?:ssl|downstream|no_filter|server_ssl).*)$/.exec(rest);
  if (listener) {
    labels.push(['listener_address', listener[1] ?? '']);
    rest = `listener.${listener[2] ?? ''}`;
  }
  const code = /_rq_(\d{3})$/.exec(rest);
  if (code) {
    labels.push(['response_code', code[1] ?? '']);
    rest = rest.slice(0, -4);
  }
  const cls = /_rq_(\dxx)$/.exec(rest);
  if (cls) {
    labels.push(['response_code_class', cls[1] ?? '']);
    rest = rest.slice(0, -4);
  }
  return { family: `envoy_${rest.replace(/[^a-zA-Z0-9_]/g, '_')}`, labels, value: stat.value, kind: stat.kind };
}

export function statsPrometheus(stats: readonly Stat[]): string {
  const families = new Map<string, PromSample[]>();
  for (const s of stats.map(toPrometheus)) {
    const list = families.get(s.family);
    if (list) list.push(s);
    else families.set(s.family, [s]);
  }
  let out = '';
  for (const family of [...families.keys()].sort()) {
    const samples = families.get(family) ?? [];
    out += `# TYPE ${family} ${samples[0]?.kind ?? 'counter'}\n`;
    for (const s of samples) {
      const labels = s.labels.length ? `{${s.labels.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}` : '';
      out += `${family}${labels} ${s.value}\n`;
    }
  }
  return out;
}
