import { bitString, bytesToBigInt, derNull, hexToBytes, integer, oid, sequence } from './der.ts';
import { base64Decode } from './pem.ts';
import { sha256 } from './sha.ts';

/** An RSA key pair with the CRT values PKCS #1 keeps (RFC 8017 §3.2). */
export interface RsaKey {
  n: bigint;
  e: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qInv: bigint;
  /** Modulus size in bytes (256 for RSA 2048). */
  size: number;
}

export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/** x⁻¹ mod m by the extended Euclidean algorithm (gcd(x, m) = 1). */
function modInverse(x: bigint, m: bigint): bigint {
  let [oldR, r] = [((x % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  return ((oldS % m) + m) % m;
}

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** A full key from its primes (base64url, as in a JWK) and e = 65537. */
export function rsaKeyFromPrimes(pB64: string, qB64: string): RsaKey {
  const p = bytesToBigInt(base64Decode(pB64) ?? new Uint8Array(0));
  const q = bytesToBigInt(base64Decode(qB64) ?? new Uint8Array(0));
  const e = 65537n;
  const n = p * q;
  // OpenSSL computes d modulo λ(n) = lcm(p−1, q−1); any d works for signing, this one matches it.
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modInverse(e, lambda);
  return { n, e, d, p, q, dp: d % (p - 1n), dq: d % (q - 1n), qInv: modInverse(q, p), size: Math.ceil(n.toString(16).length / 2) };
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** RSAPublicKey ::= SEQUENCE { modulus, publicExponent } */
export function rsaPublicKeyDer(key: Pick<RsaKey, 'n' | 'e'>): Uint8Array {
  return sequence(integer(key.n), integer(key.e));
}

/** SubjectPublicKeyInfo for an RSA key (RFC 3279 §2.3.1: the parameters are NULL). */
export function rsaSubjectPublicKeyInfo(key: Pick<RsaKey, 'n' | 'e'>): Uint8Array {
  return sequence(sequence(oid(OID_RSA_ENCRYPTION), derNull()), bitString(rsaPublicKeyDer(key)));
}

/** AlgorithmIdentifier of sha256WithRSAEncryption, NULL parameters (RFC 4055 §5). */
export function sha256WithRsaAlgorithm(): Uint8Array {
  return sequence(oid(OID_SHA256_WITH_RSA), derNull());
}

/** DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = hexToBytes('3031300d060960864801650304020105000420');

/** RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2.1), the private operation by the CRT. */
export function signSha256(key: RsaKey, message: Uint8Array): Uint8Array {
  const t = new Uint8Array(SHA256_DIGEST_INFO.length + 32);
  t.set(SHA256_DIGEST_INFO);
  t.set(sha256(message), SHA256_DIGEST_INFO.length);
  const em = new Uint8Array(key.size);
  em[1] = 0x01;
  em.fill(0xff, 2, key.size - t.length - 1);
  em.set(t, key.size - t.length);
  const m = bytesToBigInt(em);
  const m1 = modPow(m % key.p, key.dp, key.p);
  const m2 = modPow(m % key.q, key.dq, key.q);
  const h = (key.qInv * (((m1 - m2) % key.p) + key.p)) % key.p;
  const s = m2 + h * key.q;
  return hexToBytes(s.toString(16).padStart(key.size * 2, '0'));
}
