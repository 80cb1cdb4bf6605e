import { DEFAULT_EPOCH_MS } from '../clock.ts';
import type { World } from '../world.ts';
import { KEY_USAGE, OID, distinguishedName, keyIdOf, selfSignedCa } from './buildCertificate.ts';
import { istioCaKey } from './keys.ts';
import { pemEncode } from './pem.ts';
import { serialFrom } from './serialFrom.ts';
import type { IssuedCertificate } from './types.ts';

/** cmd.DefaultSelfSignedCACertTTL: 3650 × 24 h (istio security/pkg/cmd/constants.go). */
export const ROOT_TTL_MS = 3650 * 24 * 3600 * 1000;

/** The mesh CA's root and what signing under it needs. */
export interface MeshRoot extends IssuedCertificate {
  /** The DER of the root's subject, which is every workload certificate's issuer. */
  name: Uint8Array;
  keyId: Uint8Array;
}

/** By trust domain and creation time: the same root for every world that agrees on both. */
const roots = new Map<string, MeshRoot>();

/**
 * istiod's self-signed root CA, as it creates it on first start when no `cacerts` is plugged in
 * (istio security/pkg/pki/ca/ca.go NewSelfSignedIstioCAOptions → util.GenCertKeyFromOptions with
 * Org = trust domain, IsCA, IsSelfSigned, RSA 2048): subject and issuer `O = <trust domain>`, valid
 * for ten years from that moment, KeyUsage keyCertSign (critical), BasicConstraints CA:TRUE
 * (critical) and the SubjectKeyIdentifier Go adds to CA certificates. It dates from the creation of
 * the root namespace (istio-system), when the control plane was installed.
 */
export function rootCertificate(world: World): MeshRoot {
  const created = world.get('Namespace', '', world.rootNamespace)?.metadata.creationTimestamp;
  const notBefore = created !== undefined ? created * 1000 : DEFAULT_EPOCH_MS;
  const cacheKey = `${world.trustDomain}|${notBefore}`;
  let root = roots.get(cacheKey);
  if (root === undefined) {
    root = issueRoot(world.trustDomain, notBefore);
    roots.set(cacheKey, root);
  }
  return root;
}

function issueRoot(trustDomain: string, notBefore: number): MeshRoot {
  const key = istioCaKey();
  const name = distinguishedName([[OID.organization, trustDomain]]);
  const keyId = keyIdOf(key);
  const serial = serialFrom(`istio-ca-root|${trustDomain}|${notBefore}`);
  const notAfter = notBefore + ROOT_TTL_MS;
  const der = selfSignedCa({ key, name, serial, notBefore, notAfter, keyUsage: [KEY_USAGE.keyCertSign] });
  return { der, pem: pemEncode('CERTIFICATE', der), serial, serialHex: serial.toString(16), notBefore, notAfter, name, keyId };
}
