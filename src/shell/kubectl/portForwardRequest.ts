import { podContainers } from '../../domain/cluster/pods.ts';
import { recordAccessLogs, simulateRequest } from '../../domain/traffic/simulateRequest.ts';
import { parseUrl } from '../../domain/traffic/request.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import type { PortForward } from './host.ts';

/** The user agent of the simulated browser tab (SimSession.browse sends the same). */
const BROWSER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';

/** Whether a URL is for this machine's loopback, where only a port-forward listens. */
export function isLoopbackUrl(url: string): boolean {
  const host = parseUrl(url)?.host;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** The loopback port a URL asks for (80 when it names none). */
export function loopbackPort(url: string): number | undefined {
  return parseUrl(url)?.port;
}

/** A browser request to a loopback port nothing listens on: the connection is refused. */
export function refusedTrace(url: string, port: number): Trace {
  return {
    from: 'external/browser', url, method: 'GET', httpCode: 0, curlExit: 7,
    curlError: `Failed to connect to localhost port ${port} after 0 ms: Could not connect to server`,
    hops: [], body: '', responseHeaders: [], page: 'connection-refused', origin: 'browser', accessLogs: [],
  };
}

/**
 * A browser request through `kubectl port-forward`: kubelet connects to localhost:`remotePort`
 * inside the pod's network namespace, so the request reaches the application directly, past the
 * gateway and the inbound sidecar (iptables does not redirect loopback traffic). What the app then
 * calls goes out through its sidecar as usual. Undefined when the pod is gone.
 */
export function forwardRequest(world: World, forward: PortForward, url: string): Trace | undefined {
  const pod = world.get('Pod', forward.namespace, forward.pod);
  if (!pod) return undefined;
  const parsed = parseUrl(url);
  const container = podContainers(pod)[0]?.name ?? '';
  const trace = simulateRequest(world, {
    client: { kind: 'pod', namespace: forward.namespace, pod: forward.pod, container, captured: false },
    url: `http://localhost:${forward.remotePort}${parsed?.path ?? '/'}`,
    userAgent: BROWSER_AGENT,
    origin: 'browser',
  });
  recordAccessLogs(world, trace);
  return { ...trace, from: 'external/browser', url };
}
