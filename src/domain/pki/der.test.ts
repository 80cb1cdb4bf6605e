import { describe, expect, it } from 'vitest';
import { TAG, bytesToHex, certificateTime, hexToBytes, integer, oid, parseDer, readOid, readTime, sequence } from './der.ts';
import { base64Decode, base64Encode, base64UrlEncode, pemDecodeAll, pemEncode } from './pem.ts';

describe('DER', () => {
  it('encodes integers in the shortest two’s complement form and long lengths in long form', () => {
    expect(bytesToHex(integer(0n))).toBe('020100');
    expect(bytesToHex(integer(127n))).toBe('02017f');
    expect(bytesToHex(integer(128n))).toBe('02020080');
    expect(bytesToHex(sequence(new Uint8Array(200)).subarray(0, 3))).toBe('3081c8');
    expect(bytesToHex(sequence(new Uint8Array(300)).subarray(0, 4))).toBe('3082012c');
  });

  it('writes and reads object identifiers', () => {
    expect(bytesToHex(oid('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b');
    const node = parseDer(oid('2.5.29.17'));
    expect(node && readOid(node.content)).toBe('2.5.29.17');
  });

  it('writes UTCTime before 2050 and GeneralizedTime after, and reads both back', () => {
    const t = Date.UTC(2036, 10, 25, 8, 28, 40);
    expect(new TextDecoder().decode(certificateTime(t).subarray(2))).toBe('361125082840Z');
    const late = Date.UTC(2051, 0, 2, 3, 4, 5);
    const node = parseDer(certificateTime(late));
    expect(node?.tag).toBe(TAG.GENERALIZED_TIME);
    expect(node && readTime(node)).toBe(late);
  });

  it('rejects truncated, overlong, trailing and deeply nested input instead of throwing', () => {
    expect(parseDer(hexToBytes('3005020101'))).toBeUndefined();
    expect(parseDer(hexToBytes('3085ffffffffff'))).toBeUndefined();
    expect(parseDer(hexToBytes('02010100'))).toBeUndefined();
    let nested = integer(1n);
    for (let i = 0; i < 40; i++) nested = sequence(nested);
    expect(parseDer(nested)).toBeUndefined();
  });
});

describe('PEM', () => {
  it('round-trips through base64 in lines of 64', () => {
    const der = Uint8Array.from({ length: 100 }, (_, i) => i);
    const pem = pemEncode('CERTIFICATE', der);
    expect(pem.split('\n')[1]).toHaveLength(64);
    expect(pemDecodeAll(`junk before\n${pem}junk after`)).toEqual([{ label: 'CERTIFICATE', der }]);
    expect(base64Decode(base64Encode(der))).toEqual(der);
    expect(base64UrlEncode(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
    expect(base64Decode('not base64!')).toBeUndefined();
  });
});
