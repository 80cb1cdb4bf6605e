import { imageBinaries } from '../../domain/cluster/images.ts';
import { hasSidecar } from '../../domain/cluster/pods.ts';
import { getPath, isJsonObject } from '../../domain/objects.ts';
import { workloadCertificate } from '../../domain/pki/workloadCertificate.ts';
import { resolveServerMode } from '../../domain/resolution/resolveServerMode.ts';
import type { ServerModeDecision } from '../../domain/resolution/types.ts';
import type { Hop, Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import { stepTraces } from '../checks.ts';
import { findProbePod } from '../probe.ts';
import type { CustomChecks } from '../scenario/evaluate.ts';
import type { CheckResult, LocalizedText } from '../types.ts';

/** The frontend container's port: what a capture filters on and what PeerAuthentication decides. */
export const FRONTEND_PORT = 8080;

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

const result = (pass: boolean, detail: LocalizedText): CheckResult => ({ pass, detail });
const both = (en: string, ja: string): LocalizedText => ({ en, ja });

/**
 * The checks lesson.md names with `custom:`, for what its check words cannot read: the certificate
 * the frontend presented in a handshake, and what the captures in its pod printed. lesson.md gives
 * the capture checks' texts; the texts here say what each found.
 */
export const customChecks: CustomChecks = {
  /** A request of this step reached the frontend, which proved its identity with its workload certificate. */
  'frontend-presented-identity': (ctx) => {
    const id = frontendIdentity(ctx.world);
    if (!id) return result(false, both('The frontend has no pod.', 'frontend の Pod がありません。'));
    const presented = stepTraces(ctx).some((t) => hopsIntoFrontend(t).some((h) => h.outcome === 'ok' && presentedIdentity(h) === id.spiffeId));
    if (!presented) {
      return result(false, both(
        'Read the certificate, then send a request that reaches the frontend over mutual TLS (through the ingress gateway, for example) to see the frontend present it.',
        '証明書を読んだら、相互 TLS で frontend に届くリクエスト（たとえば Ingress Gateway 経由）を送り、frontend がその証明書を提示するのを確かめてください。',
      ));
    }
    return result(true, both(
      `The frontend proved who it is with \`${id.spiffeId}\`, in a certificate valid from ${id.notBefore} to ${id.notAfter}.`,
      `frontend は \`${id.spiffeId}\` という ID で自分が誰かを証明しました。証明書の有効期間は ${id.notBefore} から ${id.notAfter} までです。`,
    ));
  },
  'frontend-captured': (ctx) =>
    frontendCaptures(ctx.world).length > 0
      ? result(true, both('A capture has run in the frontend pod.', 'frontend の Pod でキャプチャが実行されました。'))
      : result(false, both('No capture has run in the frontend pod.', 'frontend の Pod ではキャプチャが実行されていません。')),
  'capture-shows-plaintext': (ctx) =>
    frontendCaptures(ctx.world).some(showsPlaintext)
      ? result(true, both('A capture in the frontend pod printed a readable HTTP request.', 'frontend の Pod のキャプチャに読める HTTP リクエストが記録されました。'))
      : result(false, both('No capture in the frontend pod printed a readable HTTP request.', 'frontend の Pod のキャプチャに読める HTTP リクエストはありません。')),
  'last-capture-only-tls': (ctx) => {
    const last = frontendCaptures(ctx.world).at(-1);
    return last !== undefined && showsOnlyTls(last)
      ? result(true, both('The last capture in the frontend pod printed only TLS records.', 'frontend の Pod の最後のキャプチャには TLS レコードだけが記録されました。'))
      : result(false, both('The last capture in the frontend pod did not show only TLS records (or there is none).', 'frontend の Pod の最後のキャプチャは TLS レコードだけではありません（またはキャプチャがありません）。'));
  },
};
