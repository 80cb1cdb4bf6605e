import { TAG, bitString, certificateTime, contextTag, derBoolean, integer, octetString, oid, sequence, set, textString } from './der.ts';
import { type RsaKey, rsaPublicKeyDer, rsaSubjectPublicKeyInfo, sha256WithRsaAlgorithm, signSha256 } from './rsa.ts';
import { sha1 } from './sha.ts';

/** Object identifiers of the names and extensions written here (RFC 5280 §4.1.2.4, §4.2.1). */
export const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** One extension: its OID, whether it is critical, and the DER of its value. */
export interface Extension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

/** What a CA puts into a certificate before signing it (the TBSCertificate's variable parts). */
export interface CertificateTemplate {
  serial: bigint;
  /** The DER of the subject Name (see `distinguishedName`). */
  subject: Uint8Array;
  notBefore: number;
  notAfter: number;
  publicKey: Pick<RsaKey, 'n' | 'e'>;
  extensions: Extension[];
}

/** The signer: its subject Name (the certificate's issuer) and its key. */
export interface Signer {
  name: Uint8Array;
  key: RsaKey;
}

/** Characters of ASN.1 PrintableString (X.680 §41.4). */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/**
 * A Name of single-valued RDNs in the given order. Values are PrintableString when they fit, else
 * UTF8String, which is what Go's encoding/asn1 chooses for pkix.Name (the CA here is Go's).
 */
export function distinguishedName(attributes: readonly (readonly [string, string])[]): Uint8Array {
  return sequence(...attributes.map(([type, value]) => set(sequence(oid(type), textString(PRINTABLE.test(value) ? TAG.PRINTABLE_STRING : TAG.UTF8_STRING, value)))));
}

/** Bits of the KeyUsage BIT STRING, numbered as in RFC 5280 §4.2.1.3. */
export const KEY_USAGE = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5 } as const;

/** KeyUsage, critical, with the trailing zero bits left out as DER requires (Go marshalKeyUsage). */
export function keyUsageExtension(bits: readonly number[]): Extension {
  const highest = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  return { oid: OID.keyUsage, critical: true, value: bitString(bytes, 7 - (highest % 8)) };
}

export function extKeyUsageExtension(purposes: readonly string[]): Extension {
  return { oid: OID.extKeyUsage, critical: false, value: sequence(...purposes.map(oid)) };
}

/** BasicConstraints, critical as Go writes it; cA FALSE is the DEFAULT and so left out. */
export function basicConstraintsExtension(isCA: boolean): Extension {
  return { oid: OID.basicConstraints, critical: true, value: isCA ? sequence(derBoolean(true)) : sequence() };
}

export function subjectKeyIdExtension(keyId: Uint8Array): Extension {
  return { oid: OID.subjectKeyIdentifier, critical: false, value: octetString(keyId) };
}

/** AuthorityKeyIdentifier with the keyIdentifier [0] only. */
export function authorityKeyIdExtension(keyId: Uint8Array): Extension {
  return { oid: OID.authorityKeyIdentifier, critical: false, value: sequence(contextTag(0, keyId, false)) };
}

/** SubjectAltName of URIs ([6] IA5String) and DNS names ([2]). */
export function subjectAltNameExtension(names: readonly { uri?: string; dns?: string }[], critical: boolean): Extension {
  const encoder = new TextEncoder();
  const general = names.map((n) => (n.uri !== undefined ? contextTag(6, encoder.encode(n.uri), false) : contextTag(2, encoder.encode(n.dns ?? ''), false)));
  return { oid: OID.subjectAltName, critical, value: sequence(...general) };
}

/** Go's SubjectKeyId for a CA (crypto/x509 CreateCertificate, Go ≤ 1.24): SHA-1 of the public key bits. */
export function keyIdOf(key: Pick<RsaKey, 'n' | 'e'>): Uint8Array {
  return sha1(rsaPublicKeyDer(key));
}

function extensionDer(ext: Extension): Uint8Array {
  return sequence(oid(ext.oid), ...(ext.critical ? [derBoolean(true)] : []), octetString(ext.value));
}

/**
 * A signed X.509 v3 certificate (RFC 5280 §4.1), sha256WithRSAEncryption, laid out as Go's
 * x509.CreateCertificate lays it out. Returns the DER.
 */
export function signCertificate(template: CertificateTemplate, signer: Signer): Uint8Array {
  const tbs = sequence(
    contextTag(0, integer(2n), true),
    integer(template.serial),
    sha256WithRsaAlgorithm(),
    signer.name,
    sequence(certificateTime(template.notBefore), certificateTime(template.notAfter)),
    template.subject,
    rsaSubjectPublicKeyInfo(template.publicKey),
    ...(template.extensions.length ? [contextTag(3, sequence(...template.extensions.map(extensionDer)), true)] : []),
  );
  return sequence(tbs, sha256WithRsaAlgorithm(), bitString(signSha256(signer.key, tbs)));
}

/**
 * A self-signed CA certificate laid out as Go writes one: KeyUsage (critical), BasicConstraints
 * CA:TRUE (critical) and the SubjectKeyIdentifier Go derives from the key; no AuthorityKeyIdentifier.
 */
export function selfSignedCa(ca: { key: RsaKey; name: Uint8Array; serial: bigint; notBefore: number; notAfter: number; keyUsage: readonly number[] }): Uint8Array {
  const { key, name } = ca;
  return signCertificate(
    {
      serial: ca.serial,
      subject: name,
      notBefore: ca.notBefore,
      notAfter: ca.notAfter,
      publicKey: key,
      extensions: [keyUsageExtension(ca.keyUsage), basicConstraintsExtension(true), subjectKeyIdExtension(keyIdOf(key))],
    },
    { name, key },
  );
}
