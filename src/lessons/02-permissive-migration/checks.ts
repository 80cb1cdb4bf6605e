import { hasSidecar } from '../../domain/cluster/pods.ts';
import type { KubeObject } from '../../domain/objects.ts';
import { resolveServerMode } from '../../domain/resolution/resolveServerMode.ts';
import type { ServerModeDecision } from '../../domain/resolution/types.ts';
import type { Hop, Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import { findProbePod } from '../probe.ts';
import type { LocalizedText, ProbeSpec } from '../types.ts';

/** The frontend Service's port 80 targets this container port (online-boutique-topology.json). */
export const FRONTEND_PORT = 8080;
export const FRONTEND_URL = 'http://frontend.frontend.svc.cluster.local/';
/** The istio-ingressgateway LoadBalancer's external IP in the default world. */
export const GATEWAY_URL = 'http://34.136.92.187/';

export const LEGACY: ProbeSpec['from'] = { kind: 'pod', namespace: 'legacy', app: 'legacy-client' };
export const TESTCURL: ProbeSpec['from'] = { kind: 'pod', namespace: 'default', app: 'testcurl' };
export const LOADGENERATOR: ProbeSpec['from'] = { kind: 'pod', namespace: 'loadgenerator', app: 'loadgenerator' };
export const CLOUDSHELL: ProbeSpec['from'] = { kind: 'cloudshell' };

/** The frontend's inbound mode on its container port, or undefined when it has no pod. */
export function frontendMode(world: World): ServerModeDecision | undefined {
  const pod = findProbePod(world, 'frontend', 'frontend');
  return pod ? resolveServerMode(world, pod, FRONTEND_PORT) : undefined;
}

/** The legacy client's pods (those of the Deployment `legacy-client`). */
export function legacyPods(world: World): KubeObject[] {
  return world.list('Pod', 'legacy').filter((p) => p.metadata.labels.app === 'legacy-client');
}

/** Every legacy-client pod runs a sidecar (and there is at least one). */
export function legacyMeshed(world: World): boolean {
  const pods = legacyPods(world);
  return pods.length > 0 && pods.every(hasSidecar);
}

/** The hops that delivered a connection to a frontend pod. */
export function hopsIntoFrontend(trace: Trace): Hop[] {
  return trace.hops.filter((h) => h.to.startsWith('frontend/frontend-'));
}

/** A request the learner sent from inside a legacy-client pod. */
export function fromLegacy(trace: Trace): boolean {
  return trace.from.startsWith('legacy/legacy-client-');
}

/** Whether some request's hop into the frontend matches. */
export function someHopIntoFrontend(traces: readonly Trace[], match: (hop: Hop, trace: Trace) => boolean): boolean {
  return traces.some((t) => hopsIntoFrontend(t).some((h) => match(h, t)));
}

const LEVEL_JA: Record<ServerModeDecision['level'], string> = {
  default: 'デフォルト',
  mesh: 'メッシュ レベル',
  namespace: 'Namespace レベル',
  workload: 'ワークロード レベル',
  port: 'ポート レベル',
};

/** `The frontend (port 8080) is PERMISSIVE: …`: the mode and where it came from, for a check's detail. */
export function describeFrontend(world: World): LocalizedText {
  const decision = frontendMode(world);
  if (!decision) return { en: 'The frontend has no pod.', ja: 'frontend の Pod がありません。' };
  return {
    en: `The frontend (port ${FRONTEND_PORT}) is ${decision.mode}: ${decision.reason.text}.`,
    ja: `frontend（ポート ${FRONTEND_PORT}）は ${decision.mode} です（${LEVEL_JA[decision.level]}）。`,
  };
}

/** Joins the texts of several details, language by language. */
export function joinDetails(...parts: LocalizedText[]): LocalizedText {
  return { en: parts.map((p) => p.en).join(' '), ja: parts.map((p) => p.ja).join('') };
}
