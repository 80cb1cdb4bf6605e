import type { KubeObject } from '../objects.ts';
import { CLOCK_SKEW_MS, workloadCertificate } from '../pki/workloadCertificate.ts';
import type { World } from '../world.ts';
import { any } from './envoyPieces.ts';
import type { ProtoObject } from './protoJson.ts';

/** The fields of a secret's first certificate that istioctl and `/certs` print. */
export interface SecretCertificate {
  /** Lowercase hex without leading zeros (Go `%x`). */
  serialHex: string;
  notBefore: number;
  notAfter: number;
  ca: boolean;
  /** The SPIFFE URI SAN, if the certificate has one. */
  spiffeId?: string;
}

/** One SDS secret as Envoy holds it: `default` (the workload certificate) or `ROOTCA`. */
export interface EnvoySecret {
  name: 'default' | 'ROOTCA';
  /** When istio-agent last pushed it (ms). */
  updatedAt: number;
  /** The PEM it carries: the certificate chain, or the root CA. */
  pem: string;
  /** Its certificate, or the leaf of its chain. */
  certificate: SecretCertificate;
  /** The Secret message. */
  secret: ProtoObject;
}

/** What Envoy dumps for a private key: never the key itself (`[redacted]`). */
const REDACTED = 'W3JlZGFjdGVkXQ==';

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The `default` secret: the certificate chain inline, the private key redacted. */
export function certificateSecret(chainPem: string, certificate: SecretCertificate, updatedAt: number): EnvoySecret {
  return {
    name: 'default',
    updatedAt,
    pem: chainPem,
    certificate,
    secret: any('envoy.extensions.transport_sockets.tls.v3.Secret', {
      name: 'default',
      tls_certificate: { certificate_chain: { inline_bytes: base64(chainPem) }, private_key: { inline_bytes: REDACTED } },
    }),
  };
}

/** The `ROOTCA` secret: the mesh root Envoy validates peers with. */
export function rootSecret(rootPem: string, certificate: SecretCertificate, updatedAt: number): EnvoySecret {
  return {
    name: 'ROOTCA',
    updatedAt,
    pem: rootPem,
    certificate,
    secret: any('envoy.extensions.transport_sockets.tls.v3.Secret', { name: 'ROOTCA', validation_context: { trusted_ca: { inline_bytes: base64(rootPem) } } }),
  };
}

/**
 * The secrets istio-agent serves a proxy over SDS: its workload certificate (the leaf and the root,
 * pushed again each time the agent renews it) and the mesh root, pushed when Envoy started.
 */
export function proxySecrets(world: World, pod: KubeObject, startedAt: number): EnvoySecret[] {
  const cert = workloadCertificate(world, pod);
  const root = cert.root;
  const issuedAt = Math.max(startedAt, cert.notBefore + CLOCK_SKEW_MS);
  return [
    certificateSecret(cert.chainPem, { serialHex: cert.serialHex, notBefore: cert.notBefore, notAfter: cert.notAfter, ca: false, spiffeId: cert.spiffeId }, issuedAt),
    rootSecret(root.pem, { serialHex: root.serialHex, notBefore: root.notBefore, notAfter: root.notAfter, ca: true }, startedAt),
  ];
}
