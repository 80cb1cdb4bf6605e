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
 * What each packet capture in the frontend pod printed, oldest first: the log of each ephemeral
 * container (`kubectl debug`) whose image ships tcpdump and whose output ends with tcpdump's
 * `N packets captured`. The log is the cluster's record of what the capture saw, as
 * `kubectl logs POD -c debugger-…` shows it.
 */
export function frontendCaptures(world: World): string[][] {
  const pod = findProbePod(world, 'frontend', 'frontend');
  const ephemeral = pod ? getPath(pod.spec, 'ephemeralContainers') : undefined;
  if (!pod || !Array.isArray(ephemeral)) return [];
  const lines = world.logs.get(`${pod.metadata.namespace ?? ''}/${pod.metadata.name}`) ?? [];
  return ephemeral
    .filter(isJsonObject)
    .filter((c) => typeof c.image === 'string' && imageBinaries(c.image).has('tcpdump'))
    .map((c) => lines.filter((l) => l.container === c.name).map((l) => l.text))
    .filter((log) => log.some((l) => /^\d+ packets? captured$/.test(l)));
}

/** An HTTP/1 request line, as tcpdump prints it in a packet's summary (`HTTP: GET / HTTP/1.1`) or with -A. */
const HTTP_REQUEST = /(?:^|HTTP: |\.)(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) \/\S* HTTP\/1\.[01]/;
/** A packet that carried data (`length 0` is a bare SYN, ACK or RST). */
const PAYLOAD = /, length [1-9]\d*(?::|$)/;

/** The capture printed a readable HTTP request: plaintext crossed the wire. */
export function showsPlaintext(capture: readonly string[]): boolean {
  return capture.some((l) => HTTP_REQUEST.test(l));
}

/** The capture printed packets with data, and none of them a readable HTTP request: only TLS records crossed. */
export function showsOnlyTls(capture: readonly string[]): boolean {
  return capture.some((l) => PAYLOAD.test(l)) && !showsPlaintext(capture);
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
