import { imageBinaries } from '../../domain/cluster/images.ts';
import { hasSidecar } from '../../domain/cluster/pods.ts';
import { getPath, isJsonObject } from '../../domain/objects.ts';
import { workloadCertificate } from '../../domain/pki/workloadCertificate.ts';
import { resolveServerMode } from '../../domain/resolution/resolveServerMode.ts';
import type { ServerModeDecision } from '../../domain/resolution/types.ts';
import type { Hop, Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import { isFromPlainPod } from '../checks.ts';
import { findProbePod } from '../probe.ts';
import type { LocalizedText, ProbeSpec } from '../types.ts';

/** The frontend container's port: what a capture filters on and what PeerAuthentication decides. */
export const FRONTEND_PORT = 8080;
export const FRONTEND_URL = 'http://frontend.frontend.svc.cluster.local:80/';
export const GATEWAY_URL = 'http://34.136.92.187/';

export const TESTCURL: ProbeSpec['from'] = { kind: 'pod', namespace: 'default', app: 'testcurl' };
export const LOADGENERATOR: ProbeSpec['from'] = { kind: 'pod', namespace: 'loadgenerator', app: 'loadgenerator' };
export const CLOUDSHELL: ProbeSpec['from'] = { kind: 'cloudshell' };

/** The hops of a trace that carried a connection into a frontend pod. */
export function hopsIntoFrontend(trace: Trace): Hop[] {
  return trace.hops.filter((h) => h.to.startsWith('frontend/frontend-'));
}

/**
 * The requests a packet capture saw: the loadgenerator's, which `tcpdump` runs while it listens
 * (origin `background`). Requests the learner sends have origin `command` or `browser`.
 */
export function capturedTraffic(traces: readonly Trace[]): Trace[] {
  return traces.filter((t) => t.origin === 'background');
}

/**
 * Whether a container that can capture (its image ships tcpdump) was added to the frontend pod:
 * `kubectl debug` leaves it in the pod's ephemeralContainers, where a capture of the pod's own
 * traffic has to run.
 */
export function frontendHasCaptureContainer(world: World): boolean {
  const pod = findProbePod(world, 'frontend', 'frontend');
  const ephemeral = pod ? getPath(pod.spec, 'ephemeralContainers') : undefined;
  return Array.isArray(ephemeral) && ephemeral.filter(isJsonObject).some((c) => typeof c.image === 'string' && imageBinaries(c.image).has('tcpdump'));
}

/** Whether some hop into the frontend, among these requests, matches. */
export function someHopIntoFrontend(traces: readonly Trace[], match: (hop: Hop) => boolean): boolean {
  return traces.some((t) => hopsIntoFrontend(t).some(match));
}

/** The frontend's mode on its container port (undefined without a pod). */
export function frontendMode(world: World): ServerModeDecision | undefined {
  const pod = findProbePod(world, 'frontend', 'frontend');
  return pod ? resolveServerMode(world, pod, FRONTEND_PORT) : undefined;
}

export function isFrontendStrict(world: World): boolean {
  return frontendMode(world)?.mode === 'STRICT';
}

/** Whether the running loadgenerator pod has a sidecar. */
export function loadgeneratorMeshed(world: World): boolean {
  const pod = findProbePod(world, 'loadgenerator', 'loadgenerator');
  return pod !== undefined && hasSidecar(pod);
}

/** The SPIFFE ID a hop's server presented in its TLS handshake, if it presented one. */
export function presentedIdentity(hop: Hop): string | undefined {
  const step = hop.handshake.find((s) => s.kind === 'server_certificate' && s.ok);
  const id = step?.data?.spiffe;
  return typeof id === 'string' ? id : undefined;
}

/** The frontend's workload certificate as `istioctl proxy-config secret` lists it: SPIFFE ID and validity. */
export function frontendIdentity(world: World): { spiffeId: string; notBefore: string; notAfter: string } | undefined {
  const pod = findProbePod(world, 'frontend', 'frontend');
  if (!pod) return undefined;
  const cert = workloadCertificate(world, pod);
  // The same RFC 3339 stamps, without fractions, as the NOT AFTER and NOT BEFORE columns.
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { spiffeId: cert.spiffeId, notBefore: stamp(cert.notBefore), notAfter: stamp(cert.notAfter) };
}

/** A plaintext request from a pod without a sidecar that the STRICT frontend reset. */
export function plainClientReset(trace: Trace): boolean {
  return isFromPlainPod(trace) && hopsIntoFrontend(trace).some((h) => h.clientSends === 'PLAINTEXT' && h.serverMode === 'STRICT' && h.outcome === 'reset');
}

export function joinDetails(...parts: LocalizedText[]): LocalizedText {
  return { en: parts.map((p) => p.en).join(' '), ja: parts.map((p) => p.ja).join('') };
}
