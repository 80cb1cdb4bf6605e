import { podServiceAccount, spiffeId } from '../cluster/pods.ts';
import type { KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import {
  KEY_USAGE,
  OID,
  authorityKeyIdExtension,
  basicConstraintsExtension,
  extKeyUsageExtension,
  keyUsageExtension,
  signCertificate,
  subjectAltNameExtension,
} from './buildCertificate.ts';
import { sequence } from './der.ts';
import { istioCaKey, workloadKey } from './keys.ts';
import { pemEncode } from './pem.ts';
import { rootCertificate } from './rootCertificate.ts';
import { serialFrom } from './serialFrom.ts';
import { sha256 } from './sha.ts';
import type { WorkloadCertificate } from './types.ts';

/** DEFAULT_WORKLOAD_CERT_TTL: 24 h (istio pkg/security, pilot-agent's default). */
export const WORKLOAD_TTL_MS = 24 * 3600 * 1000;
/** util.ClockSkewGracePeriod: the CA back-dates NotBefore by two minutes (istio#32176). */
export const CLOCK_SKEW_MS = 2 * 60 * 1000;
/**
 * istio-agent renews the certificate once half its lifetime has passed (SECRET_GRACE_PERIOD_RATIO
 * 0.5; the 1 % jitter is left out to stay deterministic), so a pod always holds a valid one.
 */
export const ROTATION_MS = WORKLOAD_TTL_MS / 2;

/** Issued certificates by pod, identity, issue time and root: bounded, oldest dropped first. */
const issued = new Map<string, WorkloadCertificate>();
const MAX_CACHED = 1024;

/**
 * The certificate a pod's proxy holds now, as istiod's CA signs istio-agent's CSR (istio
 * security/pkg/pki/util/generate_cert.go genCertTemplateFromCSR, Istio 1.26):
 * - an empty subject (the agent's CSR has no common name, so the CA sets none);
 * - the SPIFFE URI SAN of the pod's ServiceAccount (`spec.serviceAccountName`, default `default`),
 *   marked critical because the subject is empty (util/san.go BuildSANExtension);
 * - KeyUsage digitalSignature and keyEncipherment, ExtKeyUsage serverAuth and clientAuth,
 *   BasicConstraints CA:FALSE, and the root's key id as AuthorityKeyIdentifier (Go adds it);
 * - NotBefore two minutes before issue, NotAfter 24 h after it.
 * The first one is issued when the pod starts; a new one every 12 h after that. Signing is cached,
 * so asking again (every exec, every request) costs a lookup.
 */
export function workloadCertificate(world: World, pod: KubeObject): WorkloadCertificate {
  const namespace = pod.metadata.namespace ?? '';
  const id = spiffeId(world.trustDomain, namespace, podServiceAccount(pod));
  const started = pod.metadata.creationTimestamp * 1000;
  const issuedAt = started + Math.floor(Math.max(0, world.clock.now() - started) / ROTATION_MS) * ROTATION_MS;
  const root = rootCertificate(world);
  const podId = `${namespace}/${pod.metadata.name}/${pod.metadata.uid}`;
  const cacheKey = `${podId}|${id}|${issuedAt}|${root.serialHex}`;
  const hit = issued.get(cacheKey);
  if (hit) return hit;
  const key = workloadKey(sha256(new TextEncoder().encode(podId))[0] ?? 0);
  const serial = serialFrom(`workload|${id}|${podId}|${issuedAt}`);
  const notBefore = issuedAt - CLOCK_SKEW_MS;
  const notAfter = issuedAt + WORKLOAD_TTL_MS;
  const der = signCertificate(
    {
      serial,
      subject: sequence(),
      notBefore,
      notAfter,
      publicKey: key,
      extensions: [
        keyUsageExtension([KEY_USAGE.digitalSignature, KEY_USAGE.keyEncipherment]),
        extKeyUsageExtension([OID.serverAuth, OID.clientAuth]),
        basicConstraintsExtension(false),
        authorityKeyIdExtension(root.keyId),
        subjectAltNameExtension([{ uri: id }], true),
      ],
    },
    { name: root.name, key: istioCaKey() },
  );
  const pem = pemEncode('CERTIFICATE', der);
  const cert: WorkloadCertificate = { der, pem, serial, serialHex: serial.toString(16), notBefore, notAfter, spiffeId: id, chainPem: pem + root.pem, root };
  if (issued.size >= MAX_CACHED) issued.delete(issued.keys().next().value ?? '');
  issued.set(cacheKey, cert);
  return cert;
}
