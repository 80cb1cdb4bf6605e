import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateRaw, hasDeflateRaw, inflateRaw } from './deflateRaw.ts';
import { zipBomb } from './zipBomb.test-helper.ts';

const bytesOf = (text: string) => new TextEncoder().encode(text);
const zeros = (n: number) => new Uint8Array(deflateRawSync(new Uint8Array(n)));

describe('deflateRaw and inflateRaw', () => {
  it('are available here (Node 20 and Chromium)', () => {
    expect(hasDeflateRaw()).toBe(true);
  });

  it('round-trip, and deflateRaw writes what zlib reads', async () => {
    const text = 'kubectl get pods -n frontend\n'.repeat(50) + 'こんにちは 🌏';
    const compressed = await deflateRaw(bytesOf(text));
    expect(compressed.byteLength).toBeLessThan(200);
    expect(new TextDecoder().decode(inflateRawSync(compressed))).toBe(text);
    const inflated = await inflateRaw(compressed, 1 << 20);
    expect(inflated.ok && new TextDecoder().decode(inflated.bytes)).toBe(text);
  });

  it('accepts output of exactly the limit and refuses one byte more', async () => {
    expect(await inflateRaw(zeros(1000), 1000)).toMatchObject({ ok: true });
    expect(await inflateRaw(zeros(1001), 1000)).toEqual({ ok: false, error: 'too-large' });
  });

  it('builds test bombs that inflate to what they say', () => {
    expect(inflateRawSync(zipBomb(3)).byteLength).toBe(3 << 20);
  });

  it('cuts a 1 GiB decompression bomb off at the limit without inflating the rest', async () => {
    const bomb = zipBomb(1024); // ~1 MB compressed
    // Inflating all of it would take seconds and a gibibyte; it stops at the limit.
    expect(await inflateRaw(bomb, 256 * 1024)).toEqual({ ok: false, error: 'too-large' });
  });

  it.each([
    ['empty input', new Uint8Array(0)],
    ['truncated data', zeros(10_000).subarray(0, 10)],
    ['garbage', bytesOf('\u00ff\u00ff\u00ff not deflate at all')],
    ['a reserved block type', new Uint8Array([0x07, 0x00])],
  ])('refuses %s as bad-deflate', async (_name, bytes) => {
    expect(await inflateRaw(new Uint8Array(bytes), 1 << 20)).toEqual({ ok: false, error: 'bad-deflate' });
  });
});
