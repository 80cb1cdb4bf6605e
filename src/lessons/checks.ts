/**
 * A small vocabulary for step checks: what the world decides now, what the learner's requests
 * showed, and how to report what is still missing. Every helper reads; none changes the world.
 */
import { BOUTIQUE_NAMESPACES } from '../domain/cluster/boutique.ts';
import { externalIP } from '../domain/cluster/services.ts';
import { resolveServerMode } from '../domain/resolution/resolveServerMode.ts';
import { summarizeMesh, type WorkloadMtls } from '../domain/resolution/summarizeMesh.ts';
import type { PolicyLevel, ServerModeDecision } from '../domain/resolution/types.ts';
import { parseUrl } from '../domain/traffic/request.ts';
import type { Hop, Trace } from '../domain/traffic/trace.ts';
import type { World } from '../domain/world.ts';
import { findProbePod } from './probe.ts';
import type { CheckContext, CheckResult, LocalizedText } from './types.ts';

/** The eleven namespaces of Online Boutique, as the tutorial's for-loops list them. */
export const APP_NAMESPACES: readonly string[] = BOUTIQUE_NAMESPACES;

/** One thing a check requires, with what to tell the learner while it is missing. */
export interface Requirement {
  ok: boolean;
  missing: LocalizedText;
}

/**
 * Passes when every requirement holds; otherwise the detail lists what is still missing, one
 * paragraph each, in order.
 */
export function requireAll(requirements: readonly Requirement[], passed: LocalizedText): CheckResult {
  const missing = requirements.filter((r) => !r.ok).map((r) => r.missing);
  if (missing.length === 0) return { pass: true, detail: passed };
  return { pass: false, detail: { en: missing.map((m) => m.en).join('\n\n'), ja: missing.map((m) => m.ja).join('\n\n') } };
}

/** The requests of the current step (all of them when the runner does not say). */
export function stepTraces(ctx: CheckContext): readonly Trace[] {
  return ctx.stepTraces ?? ctx.traces;
}

/** The workloads with a sidecar (gateways excluded) in these namespaces, as the mesh diagram shows them. */
export function meshedWorkloads(world: World, namespaces: readonly string[] = APP_NAMESPACES): WorkloadMtls[] {
  return summarizeMesh(world).filter((w) => w.sidecar && namespaces.includes(w.namespace));
}

/** The server-side decision for the workload whose pods carry `app` (workload-wide, no port). */
export function workloadMode(world: World, namespace: string, app: string): ServerModeDecision | undefined {
  const pod = findProbePod(world, namespace, app);
  return pod ? resolveServerMode(world, pod) : undefined;
}

/** Whether every listed workload is STRICT, decided at `level`. */
export function allStrictAt(workloads: readonly WorkloadMtls[], level: PolicyLevel): boolean {
  return workloads.length > 0 && workloads.every((w) => w.workloadMode?.mode === 'STRICT' && w.workloadMode.level === level);
}

/** Whether a request went to this Service's external IP (typed as the URL's host, or entered through it). */
export function isRequestTo(world: World, trace: Trace, namespace: string, service: string): boolean {
  const svc = world.get('Service', namespace, service);
  const ip = svc ? externalIP(svc) : undefined;
  const host = parseUrl(trace.url)?.host;
  return (ip !== undefined && host === ip) || trace.hops[0]?.via === `${namespace}/${service}`;
}

/** The frontend-external LoadBalancer, the tutorial's first browser tab. */
export function isToFrontendExternal(world: World, trace: Trace): boolean {
  return isRequestTo(world, trace, 'frontend', 'frontend-external');
}

/** The Istio ingress gateway's LoadBalancer, the tutorial's second browser tab. */
export function isToIngressGateway(world: World, trace: Trace): boolean {
  return isRequestTo(world, trace, world.rootNamespace, 'istio-ingressgateway');
}

/** Whether a hop's server is a frontend pod. */
export function reachesFrontend(hop: Hop | undefined): boolean {
  return hop !== undefined && hop.to.startsWith('frontend/frontend-');
}

/**
 * Whether the hop met a STRICT server whose mode came from a policy at `level` (the engine's
 * reason code `pa.<level>`): tells "reset by the namespace policy" from "reset by the mesh policy".
 */
export function isStrictFrom(hop: Hop | undefined, level: PolicyLevel): boolean {
  return hop !== undefined && hop.serverMode === 'STRICT' && hop.serverReason.code === `pa.${level}`;
}

/**
 * Whether the first hop left an in-cluster process without going through a sidecar: a pod without
 * one (testcurl), or curl in the istio-proxy container.
 */
export function isFromPlainPod(trace: Trace): boolean {
  const code = trace.hops[0]?.clientReason.code;
  return !trace.from.startsWith('external/') && (code === 'client.no-sidecar' || code === 'client.proxy-uid');
}

/** Whether a sidecar or the gateway proxy was the hop's client (its TLS came from a DestinationRule or auto mTLS). */
export function isProxyClient(hop: Hop | undefined): boolean {
  return hop !== undefined && /^(dr|auto)\./.test(hop.clientReason.code);
}
