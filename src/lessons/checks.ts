/**
 * A small vocabulary for step checks: what the world decides now, what the learner's requests
 * showed, and how to report what is still missing. Every helper reads; none changes the world.
 */
import { BOUTIQUE_NAMESPACES } from '../domain/cluster/boutique.ts';
import { externalIP } from '../domain/cluster/services.ts';
import { policiesFor } from '../domain/policies/authorizationPolicy.ts';
import type { AppliedPolicy } from '../domain/policies/authorizationTypes.ts';
import { resolveServerMode } from '../domain/resolution/resolveServerMode.ts';
import { summarizeMesh, type WorkloadMtls } from '../domain/resolution/summarizeMesh.ts';
import type { PolicyLevel, ServerModeDecision } from '../domain/resolution/types.ts';
import { parseUrl } from '../domain/traffic/request.ts';
import type { Hop, Trace } from '../domain/traffic/trace.ts';
import type { World } from '../domain/world.ts';
import { findProbePod, targetHop } from './probe.ts';
import type { CheckContext, CheckResult, LocalizedText, ProbeSpec } from './types.ts';

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

/*
 * AuthorizationPolicy: what the enforcing proxy decided, and which policies apply to a workload.
 * A denied HTTP request gets Envoy's local reply, `403` with the body `RBAC: access denied`
 * (istio.io, tasks/security/authorization/authz-http); a gRPC call the server's sidecar denies fails
 * the caller with `PermissionDenied`, which the frontend prints on its error page. Checks read the
 * hop's verdict (`denied`), which both forms share.
 */

/** Envoy's RBAC filter's local reply body. */
export const RBAC_DENIED_BODY = 'RBAC: access denied';

/** The principal of a service account, as a policy writes it (`cluster.local/ns/NS/sa/SA`, no `spiffe://`). */
export function principalOf(namespace: string, serviceAccount: string): string {
  return `cluster.local/ns/${namespace}/sa/${serviceAccount}`;
}

/** The proxy in front of the addressed application refused the request by AuthorizationPolicy. */
export function isDeniedByPolicy(trace: Trace): boolean {
  return targetHop(trace)?.outcome === 'denied';
}

/** A page failed because a backend's sidecar refused the frontend's gRPC call (`code = PermissionDenied`). */
export function isPageDeniedDownstream(trace: Trace): boolean {
  return trace.httpCode >= 500 && trace.body.includes(`PermissionDenied desc = ${RBAC_DENIED_BODY}`);
}

/** The request was delivered to the addressed application, which answered (whatever its status). */
export function reachesApp(trace: Trace): boolean {
  return trace.curlExit === 0 && targetHop(trace)?.outcome === 'ok';
}

/** Whether the request addressed this Service first (`svc.ns.svc.cluster.local`, however the URL spelled it). */
export function addressesService(trace: Trace, namespace: string, service: string): boolean {
  return trace.hops[0]?.service === `${service}.${namespace}.svc.cluster.local`;
}

/** Whether the request left a pod of this namespace (testcurl: `default`). */
export function isFromNamespace(trace: Trace, namespace: string): boolean {
  return trace.from.startsWith(`${namespace}/`);
}

/** Whether the request came from outside the cluster: the browser tab or Cloud Shell's curl. */
export function isFromOutside(trace: Trace): boolean {
  return trace.from.startsWith('external/');
}

/** The last of the requests that match, if any. */
export function lastRequest(traces: readonly Trace[], match: (trace: Trace) => boolean): Trace | undefined {
  for (let i = traces.length - 1; i >= 0; i--) {
    const trace = traces[i];
    if (trace && match(trace)) return trace;
  }
  return undefined;
}

/**
 * The AuthorizationPolicies the proxy of the workload whose pods carry `app` enforces, with this
 * action (dry-run policies decide nothing, so they are left out).
 */
export function enforcedPolicies(world: World, namespace: string, app: string, action: AppliedPolicy['action']): AppliedPolicy[] {
  const pod = findProbePod(world, namespace, app);
  return pod ? policiesFor(world, pod).filter((p) => p.action === action && !p.dryRun) : [];
}

/** Where the authorization lessons' requests leave from: a pod's app behind its sidecar (when it has one), the browser tab, Cloud Shell. */
export function fromPod(namespace: string, app: string): ProbeSpec['from'] {
  return { kind: 'pod', namespace, app };
}
export const FROM_TESTCURL = fromPod('default', 'testcurl');
export const FROM_LOADGENERATOR = fromPod('loadgenerator', 'loadgenerator');
export const FROM_BROWSER: ProbeSpec['from'] = { kind: 'browser' };
export const FROM_CLOUDSHELL: ProbeSpec['from'] = { kind: 'cloudshell' };

/** The default world's two public addresses: the frontend-external LoadBalancer and the ingress gateway. */
export const FRONTEND_EXTERNAL_URL = 'http://35.202.118.74/';
export const INGRESS_URL = 'http://34.136.92.187/';
/** The frontend's address inside the cluster, as the loadgenerator calls it. */
export const FRONTEND_SERVICE_URL = 'http://frontend.frontend.svc.cluster.local:80/';

/** How a request ended, for a check's detail: `RBAC: access denied`, `000 (reset)`, or the status. */
export function endedAs(trace: Trace): string {
  if (isDeniedByPolicy(trace)) return RBAC_DENIED_BODY;
  if (trace.curlExit === 56) return '000 (reset)';
  return String(trace.httpCode || '000');
}
