/** The DNS suffix of Kubernetes Service hosts (`<name>.<ns>.svc.<domain>`). */
export const CLUSTER_DOMAIN = 'cluster.local';

/**
 * Expands a host written in a DestinationRule to the FQDN Istio indexes it under.
 * Only a host with no dot is short: `foo`@`default` → `foo.default.svc.cluster.local`, but `httpbin.bar`
 * stays `httpbin.bar` and so never matches `httpbin.bar.svc.cluster.local`. `*` and IPs stay as written.
 * (istio pilot/pkg/model/config.go ResolveShortnameToFQDN; test TestResolveShortnameToFQDN.)
 */
export function expandHost(host: string, namespace: string, domain: string = CLUSTER_DOMAIN): string {
  if (host === '' || host === '*' || host.includes('.') || isIpAddress(host)) return host;
  return `${host}.${namespace}.svc.${domain}`;
}

/**
 * Whether a (possibly wildcard) host pattern matches a concrete service host: exact, or `*.<suffix>`
 * matching any host that ends in `.<suffix>`, or `*` matching everything. Case-insensitive, as DNS is.
 * (istio pkg/config/host/name.go Name.Matches.)
 */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h || p === '*') return true;
  return p.startsWith('*.') && h.endsWith(p.slice(1));
}

/**
 * The most specific of `patterns` that matches `host`: an exact host first, else the longest wildcard.
 * (istio pkg/config/host MostSpecificHostMatch, which the DestinationRule index uses.)
 */
export function mostSpecificHostMatch(host: string, patterns: readonly string[]): string | undefined {
  const exact = patterns.find((p) => !p.startsWith('*') && p.toLowerCase() === host.toLowerCase());
  if (exact !== undefined) return exact;
  let best: string | undefined;
  for (const p of patterns) {
    if (!p.startsWith('*') || !hostMatches(p, host)) continue;
    if (best === undefined || p.length > best.length) best = p;
  }
  return best;
}

/** The namespace of a Kubernetes service FQDN (`frontend.frontend.svc.cluster.local` → `frontend`). */
export function namespaceOfHost(fqdn: string, domain: string = CLUSTER_DOMAIN): string | undefined {
  const suffix = `.svc.${domain}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const parts = fqdn.slice(0, -suffix.length).split('.');
  return parts.length === 2 && parts[1] ? parts[1] : undefined;
}

function isIpAddress(host: string): boolean {
  return host.includes(':') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}
