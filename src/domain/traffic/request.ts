/** Who sends a simulated request. */
export type RequestClient =
  /** The learner's browser or Cloud Shell: outside the cluster, no sidecar, public DNS only. */
  | { kind: 'external'; name: 'browser' | 'cloudshell' }
  /**
   * A process in a pod. `captured` says whether iptables sends its traffic through the pod's
   * sidecar: true for app and debug containers of a meshed pod, false for the istio-proxy
   * container (UID 1337) and for pods without a sidecar.
   */
  | { kind: 'pod'; namespace: string; pod: string; container: string; captured: boolean };

export interface RequestSpec {
  client: RequestClient;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  userAgent?: string;
  origin?: 'command' | 'browser' | 'background';
  /** curl -k: an https server's certificate is not verified. */
  insecure?: boolean;
}

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  path: string;
  /** Whether the port was written in the URL. */
  explicitPort: boolean;
}

/** Parses a URL the way curl reads one: a missing scheme means http. */
export function parseUrl(url: string): ParsedUrl | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#\s]*)(?::(\d*))?([/?#][^\s]*)?$/.exec(url.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const host = (m[2] ?? '').toLowerCase();
  const portText = m[3];
  const defaultPort = scheme === 'https' ? 443 : 80;
  const port = portText ? Number(portText) : defaultPort;
  if (!Number.isInteger(port) || port < 0 || port > 65535) return undefined;
  let path = m[4] ?? '/';
  if (path.startsWith('?') || path.startsWith('#')) path = `/${path}`;
  return { scheme, host, port, path, explicitPort: Boolean(portText) };
}
