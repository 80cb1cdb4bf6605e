const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** Base64url without padding (RFC 4648 §5), the form that needs no escaping in a URL fragment. */
export function encodeBase64Url(bytes: Uint8Array): string {
  const out: string[] = [];
  const at = (i: number): number => bytes[i] ?? 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out.push(ALPHABET.charAt((n >> (18 - 6 * c)) & 63));
  }
  return out.join('');
}

/**
 * The bytes of an unpadded base64url string, or `undefined` when it is not one: a character outside
 * the alphabet (padding `=` included), an impossible length, or non-zero unused bits in the last
 * character (so each byte string has exactly one encoding).
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (VALUES[code] ?? -1) : -1;
    if (value < 0) return undefined;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
    buffer &= (1 << bits) - 1;
  }
  return buffer === 0 ? out : undefined;
}
