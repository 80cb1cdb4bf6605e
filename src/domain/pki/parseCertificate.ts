import { type DerNode, TAG, bytesToBigInt, parseDer, readOid, readTime } from './der.ts';
import { OID_RSA_ENCRYPTION } from './rsa.ts';

/** One attribute of a distinguished name, with the string type it was written with. */
export interface NameAttribute {
  oid: string;
  tag: number;
  value: Uint8Array;
}

/** A Name: relative distinguished names in order, each one or more attributes. */
export type DistinguishedName = NameAttribute[][];

export interface CertificateTime {
  /** Milliseconds since the epoch. */
  ms: number;
  /** Whether it was written as GeneralizedTime (else UTCTime). */
  generalized: boolean;
}

export interface ParsedExtension {
  oid: string;
  critical: boolean;
  /** The content of the extnValue OCTET STRING (the extension's own DER). */
  value: Uint8Array;
}

/** What `openssl x509` needs from a certificate, read from its DER (RFC 5280 §4.1). */
export interface ParsedCertificate {
  der: Uint8Array;
  /** The TBSCertificate's DER, which the signature covers. */
  tbs: Uint8Array;
  /** 0 for v1, 2 for v3. */
  version: number;
  /** The serial INTEGER's content octets (two's complement). */
  serial: Uint8Array;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  /** The subject Name's DER, as issuers are matched. */
  subjectDer: Uint8Array;
  issuerDer: Uint8Array;
  notBefore: CertificateTime;
  notAfter: CertificateTime;
  /** The key algorithm, its named curve for EC keys, the key bits, and n and e for RSA. */
  publicKey: { algorithm: string; curve?: string; bits: Uint8Array; rsa?: { n: bigint; e: bigint } };
  /** The SubjectPublicKeyInfo's DER (what `-pubkey` prints). */
  spki: Uint8Array;
  extensions: ParsedExtension[];
  signatureAlgorithm: string;
  signature: Uint8Array;
}

function child(node: DerNode | undefined, i: number, tag?: number): DerNode | undefined {
  const c = node?.children[i];
  return c && (tag === undefined || c.tag === tag) ? c : undefined;
}

function readName(node: DerNode | undefined): DistinguishedName | undefined {
  if (node?.tag !== TAG.SEQUENCE) return undefined;
  const rdns: DistinguishedName = [];
  for (const set of node.children) {
    if (set.tag !== TAG.SET || set.children.length === 0) return undefined;
    const rdn: NameAttribute[] = [];
    for (const atv of set.children) {
      const type = child(atv, 0, TAG.OID);
      const value = child(atv, 1);
      const oid = type && readOid(type.content);
      if (atv.tag !== TAG.SEQUENCE || !oid || !value) return undefined;
      rdn.push({ oid, tag: value.tag, value: value.content });
    }
    rdns.push(rdn);
  }
  return rdns;
}

function readCertificateTime(node: DerNode | undefined): CertificateTime | undefined {
  const ms = node && readTime(node);
  return ms === undefined || !node ? undefined : { ms, generalized: node.tag === TAG.GENERALIZED_TIME };
}

function readBitString(node: DerNode | undefined): Uint8Array | undefined {
  if (node?.tag !== TAG.BIT_STRING || node.content.length === 0) return undefined;
  return node.content.subarray(1);
}

function readRsaKey(bits: Uint8Array): { n: bigint; e: bigint } | undefined {
  const key = parseDer(bits);
  const n = child(key, 0, TAG.INTEGER);
  const e = child(key, 1, TAG.INTEGER);
  return n && e ? { n: bytesToBigInt(n.content), e: bytesToBigInt(e.content) } : undefined;
}

function readExtensions(node: DerNode | undefined): ParsedExtension[] | undefined {
  const list = child(node, 0, TAG.SEQUENCE);
  if (!list) return undefined;
  const out: ParsedExtension[] = [];
  for (const ext of list.children) {
    const oidNode = child(ext, 0, TAG.OID);
    const oid = oidNode && readOid(oidNode.content);
    const hasCritical = ext.children[1]?.tag === TAG.BOOLEAN;
    const value = child(ext, hasCritical ? 2 : 1, TAG.OCTET_STRING);
    if (!oid || !value) return undefined;
    out.push({ oid, critical: hasCritical && (ext.children[1]?.content[0] ?? 0) !== 0, value: value.content });
  }
  return out;
}

/**
 * Reads an X.509 certificate from DER; undefined when the structure is not a certificate (what
 * OpenSSL reports as "Could not read certificate"). Signatures are not checked here.
 */
export function parseCertificate(der: Uint8Array): ParsedCertificate | undefined {
  const cert = parseDer(der);
  const tbs = child(cert, 0, TAG.SEQUENCE);
  const sigAlg = child(cert, 1, TAG.SEQUENCE);
  const signature = readBitString(cert?.children[2]);
  if (!cert || cert.tag !== TAG.SEQUENCE || !tbs || !sigAlg || !signature) return undefined;
  let i = 0;
  let version = 0;
  const explicitVersion = tbs.children[0];
  if (explicitVersion?.tag === 0xa0) {
    const v = child(explicitVersion, 0, TAG.INTEGER);
    if (!v) return undefined;
    version = Number(bytesToBigInt(v.content));
    i = 1;
  }
  const serial = child(tbs, i, TAG.INTEGER);
  const issuerNode = tbs.children[i + 2];
  const issuer = readName(issuerNode);
  const validity = child(tbs, i + 3, TAG.SEQUENCE);
  const notBefore = readCertificateTime(validity?.children[0]);
  const notAfter = readCertificateTime(validity?.children[1]);
  const subjectNode = tbs.children[i + 4];
  const subject = readName(subjectNode);
  const spki = child(tbs, i + 5, TAG.SEQUENCE);
  const algNode = child(child(spki, 0, TAG.SEQUENCE), 0, TAG.OID);
  const algorithm = algNode && readOid(algNode.content);
  const curveNode = child(child(spki, 0, TAG.SEQUENCE), 1, TAG.OID);
  const curve = curveNode && readOid(curveNode.content);
  const keyBits = readBitString(spki?.children[1]);
  const sigOidNode = child(sigAlg, 0, TAG.OID);
  const signatureAlgorithm = sigOidNode && readOid(sigOidNode.content);
  if (!serial || !issuer || !issuerNode || !notBefore || !notAfter || !subject || !subjectNode || !algorithm || !keyBits || !signatureAlgorithm) return undefined;
  let extensions: ParsedExtension[] = [];
  const extNode = tbs.children.slice(i + 6).find((c) => c.tag === 0xa3);
  if (extNode) {
    const read = readExtensions(extNode);
    if (!read) return undefined;
    extensions = read;
  }
  const rsa = algorithm === OID_RSA_ENCRYPTION ? readRsaKey(keyBits) : undefined;
  return {
    der,
    tbs: tbs.raw,
    version,
    serial: serial.content,
    issuer,
    subject,
    issuerDer: issuerNode.raw,
    subjectDer: subjectNode.raw,
    notBefore,
    notAfter,
    publicKey: { algorithm, ...(curve ? { curve } : {}), bits: keyBits, ...(rsa ? { rsa } : {}) },
    spki: spki?.raw ?? new Uint8Array(0),
    extensions,
    signatureAlgorithm,
    signature,
  };
}
