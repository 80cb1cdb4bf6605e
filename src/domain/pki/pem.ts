/** Base64 and PEM armour (RFC 7468), written out so that Node and the browser produce the same bytes. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const left = bytes.length - i;
    out += alphabet[a >> 2];
    out += alphabet[((a & 3) << 4) | (b >> 4)];
    out += left > 1 ? alphabet[((b & 15) << 2) | (c >> 6)] : pad ? '=' : '';
    out += left > 2 ? alphabet[c & 63] : pad ? '=' : '';
  }
  return out;
}

export function base64Encode(bytes: Uint8Array): string {
  return encode(bytes, ALPHABET, true);
}

/** Unpadded base64url (RFC 4648 §5), as JWTs use it. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return encode(bytes, URL_ALPHABET, false);
}

/**
 * Decodes standard or URL-safe base64, ignoring whitespace; undefined when a character is not
 * base64 or padding is misplaced.
 */
export function base64Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s]/g, '');
  const body = clean.replace(/=+$/, '');
  if (clean.length - body.length > 2 || body.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (const ch of body) {
    let v = ALPHABET.indexOf(ch);
    if (v < 0) v = ch === '-' ? 62 : ch === '_' ? 63 : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** `-----BEGIN <label>-----`, the base64 in lines of 64, `-----END <label>-----`, each line ending in \n. */
export function pemEncode(label: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  let body = '';
  for (let i = 0; i < b64.length; i += 64) body += `${b64.slice(i, i + 64)}\n`;
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** One armoured block found in a text. */
export interface PemBlock {
  label: string;
  der: Uint8Array;
}

/**
 * The PEM blocks of a text, in order, skipping text around them (as OpenSSL's PEM reader does).
 * A block whose base64 does not decode, or whose END label differs, is returned with empty `der`
 * and `malformed` set, so that the caller can report it the way the tool does.
 */
export function pemDecodeAll(text: string, maxBlocks = 64): (PemBlock & { malformed?: boolean })[] {
  const blocks: (PemBlock & { malformed?: boolean })[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
  for (let m = re.exec(text); m && blocks.length < maxBlocks; m = re.exec(text)) {
    const [, label = '', body = '', endLabel = ''] = m;
    const der = label === endLabel && !/:/.test(body) ? base64Decode(body) : undefined;
    blocks.push(der && der.length > 0 ? { label, der } : { label, der: new Uint8Array(0), malformed: true });
  }
  return blocks;
}
