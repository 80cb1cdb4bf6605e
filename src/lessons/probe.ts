import { hasSidecar, podContainers, podPhase, SIDECAR_CONTAINER } from '../domain/cluster/pods.ts';
import type { KubeObject } from '../domain/objects.ts';
import type { RequestClient } from '../domain/traffic/request.ts';
import { simulateRequest } from '../domain/traffic/simulateRequest.ts';
import type { Hop, Trace } from '../domain/traffic/trace.ts';
import type { World } from '../domain/world.ts';
import type { ProbeSpec } from './types.ts';

/** What the browser tab sends as its user agent (the same as SimSession.browse). */
const BROWSER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';

/**
 * The pod a probe leaves from: the first pod whose `app` label is `app`, else the pod named `app`
 * (bare pods such as `default/testcurl` carry no `app` label).
 */
export function findProbePod(world: World, namespace: string, app: string): KubeObject | undefined {
  // Prefer a running pod: during a rollout the old pod may still be listed.
  const pods = [...world.list('Pod', namespace)].sort((a, b) => Number(podPhase(b) === 'Running') - Number(podPhase(a) === 'Running'));
  return pods.find((p) => p.metadata.labels.app === app) ?? pods.find((p) => p.metadata.name === app);
}

/**
 * The engine's client for a probe. A captured pod client is an app container behind its sidecar
 * (like `kubectl debug` into a meshed pod). `captured: false` is curl that bypasses the sidecar: in
 * the istio-proxy container (UID 1337) of a meshed pod, or any container of a sidecar-less pod.
 */
function probeClient(world: World, from: ProbeSpec['from']): RequestClient {
  if (from.kind !== 'pod') return { kind: 'external', name: from.kind };
  const pod = findProbePod(world, from.namespace, from.app);
  if (!pod) return { kind: 'pod', namespace: from.namespace, pod: from.app, container: from.app, captured: false };
  const appContainer = podContainers(pod).find((c) => c.name !== SIDECAR_CONTAINER)?.name ?? SIDECAR_CONTAINER;
  const captured = (from.captured ?? true) && hasSidecar(pod);
  const container = !captured && hasSidecar(pod) ? SIDECAR_CONTAINER : appContainer;
  return { kind: 'pod', namespace: from.namespace, pod: pod.metadata.name, container, captured };
}

/**
 * What one request would do in `world` now, without making it: the trace `curl` or a browser
 * refresh would produce. It never changes the world (no access logs, no clock or random state),
 * so checks and "predict the outcome" reveals can call it freely.
 */
export function probe(world: World, from: ProbeSpec['from'], url: string): Trace {
  const client = probeClient(world, from);
  return simulateRequest(world, {
    client,
    url,
    ...(from.kind === 'browser' ? { userAgent: BROWSER_AGENT, origin: 'browser' as const } : { origin: 'command' as const }),
  });
}

/** How a request ended, as a learner tells outcomes apart. */
export type Outcome =
  /** An HTTP answer below 400. `tls` is how the addressed application's hop was carried. */
  | { kind: 'ok'; code: number; tls: 'mtls' | 'plaintext' }
  /** The connection was reset: curl prints `000` and exits 56; Chrome shows ERR_CONNECTION_RESET. */
  | { kind: 'reset' }
  /** An HTTP error status, e.g. 503 from a client sidecar or a gateway, 500 from the frontend. */
  | { kind: 'http-error'; code: number }
  /** Any other curl failure: 6 (DNS), 7 (refused), 28 (timeout)… */
  | { kind: 'curl-error'; exit: number; message: string };

/**
 * The hop that reached the addressed application: the first hop, or, when that hop entered the
 * ingress gateway, the gateway's own hop onward (the storefront is behind it).
 */
export function targetHop(trace: Trace): Hop | undefined {
  const first = trace.hops[0];
  if (first?.serverReason.code === 'gateway.listener') return trace.hops.find((h) => h.parent === 0) ?? first;
  return first;
}

export function outcomeOf(trace: Trace): Outcome {
  if (trace.curlExit === 56) return { kind: 'reset' };
  if (trace.curlExit !== 0) return { kind: 'curl-error', exit: trace.curlExit, message: trace.curlError ?? '' };
  if (trace.httpCode >= 400 || trace.httpCode === 0) return { kind: 'http-error', code: trace.httpCode };
  return { kind: 'ok', code: trace.httpCode, tls: targetHop(trace)?.clientSends === 'ISTIO_MUTUAL' ? 'mtls' : 'plaintext' };
}

/** The request got an HTTP answer below 400. */
export function succeeds(trace: Trace): boolean {
  return outcomeOf(trace).kind === 'ok';
}

/** The connection was reset (curl `000`, exit 56). */
export function resets(trace: Trace): boolean {
  return outcomeOf(trace).kind === 'reset';
}

/** The request got this HTTP error status (e.g. 503). */
export function failsWith(trace: Trace, code: number): boolean {
  const outcome = outcomeOf(trace);
  return outcome.kind === 'http-error' && outcome.code === code;
}

/** The request succeeded and reached its application over Istio mutual TLS. */
export function succeedsOverMtls(trace: Trace): boolean {
  const outcome = outcomeOf(trace);
  return outcome.kind === 'ok' && outcome.tls === 'mtls';
}

/**
 * Whether a request "broke": it ends differently now, and now in a failure (a reset, an error
 * status or a curl error). An application's own answer that stays the same (e.g. a gRPC port's
 * 415 to plain HTTP) is not a break.
 */
export function breaks(before: Outcome, after: Outcome): boolean {
  if (after.kind === 'ok') return false;
  return JSON.stringify(before) !== JSON.stringify(after);
}

/** The ids of the probes that broke between two worlds (what a prediction is scored against). */
export function brokenProbes(probes: readonly ProbeSpec[], before: World, after: World): string[] {
  return probes.filter((p) => breaks(outcomeOf(probe(before, p.from, p.url)), outcomeOf(probe(after, p.from, p.url)))).map((p) => p.id);
}
