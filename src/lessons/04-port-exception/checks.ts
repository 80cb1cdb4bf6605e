import { appContainerPorts } from '../../domain/cluster/pods.ts';
import { type KubeObject, getPath, isJsonObject } from '../../domain/objects.ts';
import { resolveServerMode } from '../../domain/resolution/resolveServerMode.ts';
import type { ConsideredPolicy, ServerModeDecision } from '../../domain/resolution/types.ts';
import type { Hop, Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import { findProbePod } from '../probe.ts';
import type { LocalizedText, ProbeSpec } from '../types.ts';

/** The frontend container's port; its Service maps port 80 to it (online-boutique-topology.json). */
export const CONTAINER_PORT = 8080;
/** The frontend Service's port, and the port in every URL that reaches the frontend. */
export const SERVICE_PORT = 80;
export const FRONTEND_URL = 'http://frontend.frontend.svc.cluster.local/';
export const CATALOG_URL = 'http://productcatalogservice.product-catalog.svc.cluster.local:3550/';
/** The external IPs of the default world: frontend-external and the istio-ingressgateway. */
export const LB_URL = 'http://35.202.118.74/';
export const GATEWAY_URL = 'http://34.136.92.187/';

export const BROWSER: ProbeSpec['from'] = { kind: 'browser' };
export const CLOUDSHELL: ProbeSpec['from'] = { kind: 'cloudshell' };
export const TESTCURL: ProbeSpec['from'] = { kind: 'pod', namespace: 'default', app: 'testcurl' };

export function frontendPod(world: World): KubeObject | undefined {
  return findProbePod(world, 'frontend', 'frontend');
}

/** The frontend's mode on its container port (undefined without a pod). */
export function containerPortMode(world: World): ServerModeDecision | undefined {
  const pod = frontendPod(world);
  return pod ? resolveServerMode(world, pod, CONTAINER_PORT) : undefined;
}

/** The frontend's workload-wide mode, for ports no policy lists. */
export function workloadMode(world: World): ServerModeDecision | undefined {
  const pod = frontendPod(world);
  return pod ? resolveServerMode(world, pod) : undefined;
}

/**
 * The workload-level PeerAuthentication that governs the frontend: the oldest one whose selector
 * matches (newer ones are ignored, istio policy_applier.go ComposePeerAuthentication).
 */
export function winningWorkloadPolicy(world: World): { considered: ConsideredPolicy; object: KubeObject } | undefined {
  const decision = workloadMode(world);
  const considered = decision?.considered.find((c) => c.level === 'workload' && c.verdict !== 'ignored-newer' && c.verdict !== 'selector-mismatch');
  const object = considered ? world.get('PeerAuthentication', considered.namespace, considered.name) : undefined;
  return considered && object ? { considered, object } : undefined;
}

/** Workload-level policies that match the frontend but lose to an older one. */
export function ignoredWorkloadPolicies(world: World): ConsideredPolicy[] {
  return workloadMode(world)?.considered.filter((c) => c.level === 'workload' && c.verdict === 'ignored-newer') ?? [];
}

/** The ports a PeerAuthentication lists under portLevelMtls. */
export function listedPorts(pa: KubeObject): number[] {
  const entries = getPath(pa.spec, 'portLevelMtls');
  return isJsonObject(entries) ? Object.keys(entries).map(Number).filter(Number.isInteger) : [];
}

/** Listed ports on which no container of the frontend listens: they can never match a connection. */
export function portsWithoutContainer(world: World, pa: KubeObject): number[] {
  const pod = frontendPod(world);
  const open = pod ? appContainerPorts(pod) : [];
  return listedPorts(pa).filter((p) => !open.includes(p));
}

/** Hops that carried a connection into a frontend pod. */
export function hopsIntoFrontend(trace: Trace): Hop[] {
  return trace.hops.filter((h) => h.to.startsWith('frontend/frontend-'));
}

/** The hop entered through the frontend-external load balancer. */
export function viaLoadBalancer(hop: Hop): boolean {
  return hop.via === 'frontend/frontend-external';
}

/** The server side of the hop was decided with a PeerAuthentication of the frontend namespace among its causes. */
export function decidedInFrontendNamespace(hop: Hop): boolean {
  return hop.serverReason.causes.some((c) => c.kind === 'PeerAuthentication' && c.namespace === 'frontend');
}

export function someHopIntoFrontend(traces: readonly Trace[], match: (hop: Hop) => boolean): boolean {
  return traces.some((t) => hopsIntoFrontend(t).some(match));
}

/** `The frontend's port 8080 is STRICT (…)`, for a check's detail. */
export function describePort(world: World): LocalizedText {
  const decision = containerPortMode(world);
  if (!decision) return { en: 'The frontend has no pod.', ja: 'frontend の Pod がありません。' };
  return {
    en: `Port ${CONTAINER_PORT} of the frontend is ${decision.mode}: ${decision.reason.text}.`,
    ja: `frontend のポート ${CONTAINER_PORT} は ${decision.mode} です（${decision.level === 'port' ? 'ポート単位の設定' : 'ポート単位の設定ではありません'}）。`,
  };
}

export function joinDetails(...parts: LocalizedText[]): LocalizedText {
  return { en: parts.map((p) => p.en).join(' '), ja: parts.map((p) => p.ja).join('') };
}
