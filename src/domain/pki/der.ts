/**
 * ASN.1 DER, as far as X.509 certificates, RSA keys and their printing need it: an encoder that
 * builds tag-length-value bytes, and a parser that reads them back into a tree without ever
 * trusting a length it has not checked (ITU-T X.690 §8, §10).
 */

/** Universal tags used here. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One element: the tag byte (class, constructed bit and number < 31), the DER length, the content. */
export function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const length = n < 0x80 ? [n] : lengthBytes(n);
  const out = new Uint8Array(1 + length.length + n);
  out[0] = tag;
  out.set(length, 1);
  out.set(content, 1 + length.length);
  return out;
}

function lengthBytes(n: number): number[] {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return [0x80 | bytes.length, ...bytes];
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, concatBytes(items));
export const set = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SET, concatBytes(items));
export const derNull = (): Uint8Array => tlv(TAG.NULL, new Uint8Array(0));
export const octetString = (bytes: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, bytes);
export const derBoolean = (value: boolean): Uint8Array => tlv(TAG.BOOLEAN, Uint8Array.of(value ? 0xff : 0));
/** A BIT STRING of whole bytes, or with `unusedBits` trailing bits unused in the last byte. */
export const bitString = (bytes: Uint8Array, unusedBits = 0): Uint8Array => tlv(TAG.BIT_STRING, concatBytes([Uint8Array.of(unusedBits), bytes]));
/** `[n]` context-specific; constructed for EXPLICIT tagging and for constructed IMPLICIT types. */
export const contextTag = (n: number, content: Uint8Array, constructed: boolean): Uint8Array => tlv(0x80 | (constructed ? 0x20 : 0) | n, content);

export function textString(tag: number, text: string): Uint8Array {
  return tlv(tag, new TextEncoder().encode(text));
}

/** The big-endian two's complement bytes of a non-negative integer, shortest form. */
export function unsignedToBytes(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = hexToBytes(hex);
  return (bytes[0] ?? 0) & 0x80 ? concatBytes([Uint8Array.of(0), bytes]) : bytes;
}

export function integer(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('negative INTEGER');
  return tlv(TAG.INTEGER, unsignedToBytes(value));
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const [first = 0n, second = 0n, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    const groups: number[] = [];
    let v = arc;
    do {
      groups.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    for (let i = 0; i < groups.length; i++) out.push((groups[i] ?? 0) | (i < groups.length - 1 ? 0x80 : 0));
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}

/**
 * A certificate time as RFC 5280 §4.1.2.5 asks (and Go's crypto/x509 writes it): UTCTime
 * `YYMMDDHHMMSSZ` for 1950–2049, GeneralizedTime `YYYYMMDDHHMMSSZ` from 2050 on.
 */
export function certificateTime(ms: number): Uint8Array {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const year = d.getUTCFullYear();
  const two = (n: number) => String(n).padStart(2, '0');
  const rest = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
  if (year >= 1950 && year < 2050) return textString(TAG.UTC_TIME, `${two(year % 100)}${rest}`);
  return textString(TAG.GENERALIZED_TIME, `${String(year).padStart(4, '0')}${rest}`);
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytesToHex(bytes)}`);
}

/** One parsed element. `content` is a view into the input, `raw` the whole element. */
export interface DerNode {
  /** The identifier byte as read (class, constructed bit, tag number < 31). */
  tag: number;
  constructed: boolean;
  content: Uint8Array;
  raw: Uint8Array;
  /** The elements inside a constructed element (SEQUENCE, SET, explicit tags). */
  children: DerNode[];
}

/** Nesting deeper than any certificate needs: a hostile input cannot exhaust the stack. */
const MAX_DEPTH = 32;

/**
 * Parses exactly one DER element that spans the whole input (with `allowTrailing`, the first one).
 * Returns undefined for anything malformed: a truncated or indefinite length, a high tag number,
 * trailing bytes, or nesting past MAX_DEPTH.
 */
export function parseDer(bytes: Uint8Array, options: { allowTrailing?: boolean } = {}): DerNode | undefined {
  const read = readElement(bytes, 0, 0);
  if (!read) return undefined;
  if (!options.allowTrailing && read.end !== bytes.length) return undefined;
  return read.node;
}

function readElement(bytes: Uint8Array, at: number, depth: number): { node: DerNode; end: number } | undefined {
  if (depth > MAX_DEPTH || at + 2 > bytes.length) return undefined;
  const tag = bytes[at] ?? 0;
  if ((tag & 0x1f) === 0x1f) return undefined;
  let length = bytes[at + 1] ?? 0;
  let offset = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || offset + count > bytes.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[offset + i] ?? 0);
    offset += count;
  }
  const end = offset + length;
  if (end > bytes.length) return undefined;
  const constructed = (tag & 0x20) !== 0;
  const node: DerNode = { tag, constructed, content: bytes.subarray(offset, end), raw: bytes.subarray(at, end), children: [] };
  if (constructed) {
    let p = offset;
    while (p < end) {
      const child = readElement(bytes.subarray(0, end), p, depth + 1);
      if (!child) return undefined;
      node.children.push(child.node);
      p = child.end;
    }
  }
  return { node, end };
}

/** The dotted form of an OBJECT IDENTIFIER's content; undefined when malformed. */
export function readOid(content: Uint8Array): string | undefined {
  if (content.length === 0 || content.length > 64) return undefined;
  const arcs: bigint[] = [];
  let v = 0n;
  for (let i = 0; i < content.length; i++) {
    const b = content[i] ?? 0;
    v = (v << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(v);
      v = 0n;
    } else if (i === content.length - 1) return undefined;
  }
  const [first = 0n, ...rest] = arcs;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...rest].join('.');
}

/** A time element's instant in ms, or undefined when it is not a well-formed UTCTime/GeneralizedTime. */
export function readTime(node: DerNode): number | undefined {
  const text = new TextDecoder().decode(node.content);
  const m = node.tag === TAG.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : node.tag === TAG.GENERALIZED_TIME ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : null;
  if (!m) return undefined;
  const [, y = '', mo = '', d = '', h = '', mi = '', s = ''] = m;
  const year = node.tag === TAG.UTC_TIME ? (Number(y) < 50 ? 2000 : 1900) + Number(y) : Number(y);
  return Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}
