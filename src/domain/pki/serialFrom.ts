import { bytesToBigInt } from './der.ts';
import { sha256 } from './sha.ts';

/**
 * A deterministic stand-in for Go's `rand.Int(rand.Reader, 2^128)` serial (istio
 * security/pkg/pki/util/generate_cert.go genSerialNum): the first 16 bytes of SHA-256 of `seed`,
 * so that equal identities get equal serials in every run. Like a random one it can be shorter
 * than 16 bytes when it starts with zero bytes.
 */
export function serialFrom(seed: string): bigint {
  return bytesToBigInt(sha256(new TextEncoder().encode(seed)).subarray(0, 16));
}
