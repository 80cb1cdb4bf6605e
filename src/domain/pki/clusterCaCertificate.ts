import { DEFAULT_EPOCH_MS } from '../clock.ts';
import type { World } from '../world.ts';
import { KEY_USAGE, OID, distinguishedName, selfSignedCa } from './buildCertificate.ts';
import { bytesToHex } from './der.ts';
import { clusterCaKey } from './keys.ts';
import { pemEncode } from './pem.ts';
import { serialFrom } from './serialFrom.ts';
import { sha256 } from './sha.ts';
import type { IssuedCertificate } from './types.ts';

/** GKE gives clusters created since 2021 a cluster CA valid for 30 years (credential lifetime). */
const CLUSTER_CA_TTL_MS = 30 * 365 * 24 * 3600 * 1000;

const cas = new Map<string, IssuedCertificate>();

/** A UUID-shaped string from a seed (version 4 layout), the same in every run. */
export function uuidFrom(seed: string): string {
  const h = bytesToHex(sha256(new TextEncoder().encode(seed)));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16] ?? '0', 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The cluster's own CA (the `ca.crt` next to every ServiceAccount token, the kube-root-ca.crt
 * ConfigMap): self-signed, `CN = <uuid>` as GKE names it, dating from the cluster's creation (the
 * kube-system namespace). Its extensions are those of client-go's certutil.NewSelfSignedCACert;
 * GKE's own CA tooling is not public.
 */
export function clusterCaCertificate(world: World): IssuedCertificate {
  const created = world.get('Namespace', '', 'kube-system')?.metadata.creationTimestamp;
  const notBefore = created !== undefined ? created * 1000 : DEFAULT_EPOCH_MS;
  const { project, zone, name: cluster } = world.cluster;
  const cacheKey = `${project}/${zone}/${cluster}|${notBefore}`;
  let ca = cas.get(cacheKey);
  if (ca === undefined) {
    const key = clusterCaKey();
    const name = distinguishedName([[OID.commonName, uuidFrom(`cluster-ca|${cacheKey}`)]]);
    const serial = serialFrom(`cluster-ca|${cacheKey}`);
    const notAfter = notBefore + CLUSTER_CA_TTL_MS;
    const der = selfSignedCa({ key, name, serial, notBefore, notAfter, keyUsage: [KEY_USAGE.digitalSignature, KEY_USAGE.keyEncipherment, KEY_USAGE.keyCertSign] });
    ca = { der, pem: pemEncode('CERTIFICATE', der), serial, serialHex: serial.toString(16), notBefore, notAfter };
    cas.set(cacheKey, ca);
  }
  return ca;
}
