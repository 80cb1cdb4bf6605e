/**
 * Raw DEFLATE (RFC 1951) through the platform's `CompressionStream` and `DecompressionStream`
 * (Chromium 80+, Firefox 113+, Safari 16.4+; Node has 'deflate-raw' since 21.2, and in the Node 20 line used here).
 */

/** Whether this platform has the streams with 'deflate-raw'; without them share links are unsupported. */
export function hasDeflateRaw(): boolean {
  try {
    new DecompressionStream('deflate-raw');
    new CompressionStream('deflate-raw');
    return true;
  } catch {
    return false;
  }
}

export async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // Not awaited first: a write waits for the reader when the readable side is full.
  const writing = writer.write(bytes).then(() => writer.close());
  writing.catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  await writing;
  return concat(chunks);
}

/**
 * Compressed input is written in pieces this small, each after the previous one is consumed, so
 * that an implementation which inflates a whole written chunk at once still inflates at most
 * ~1032 × 256 bytes (deflate's best ratio) past the limit.
 */
const INPUT_PIECE = 256;

export type InflateResult = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; error: 'too-large' | 'bad-deflate' };

/**
 * Inflates raw DEFLATE data, giving up as soon as the output passes `maxBytes`: a decompression
 * bomb costs at most about `maxBytes` + 264 KB. Truncated or malformed data is `bad-deflate`.
 * Never throws.
 *
 * Note: Node's DecompressionStream ignores bytes after the end of the deflate stream, where
 * Chromium's rejects them; either way the JSON and schema checks that follow decide.
 */
export async function inflateRaw(compressed: Uint8Array<ArrayBuffer>, maxBytes: number): Promise<InflateResult> {
  let stream: DecompressionStream;
  try {
    stream = new DecompressionStream('deflate-raw');
  } catch {
    return { ok: false, error: 'bad-deflate' };
  }
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  const pump = async (): Promise<void> => {
    for (let i = 0; i < compressed.length; i += INPUT_PIECE) {
      if (stopped) return;
      await writer.write(compressed.subarray(i, i + INPUT_PIECE));
    }
    if (!stopped) await writer.close();
  };
  // Its failures (a corrupt stream, or our own cancel) also surface through the reader below.
  pump().catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        stopped = true;
        await reader.cancel().catch(() => undefined);
        return { ok: false, error: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    stopped = true;
    return { ok: false, error: 'bad-deflate' };
  }
  return { ok: true, bytes: concat(chunks) };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
