/** Test helper: decompression bombs built without allocating what they inflate to. */
import { constants, deflateRawSync } from 'node:zlib';

/**
 * Raw DEFLATE data that inflates to `mebibytes` MiB of zeros: one full-flushed block of 1 MiB
 * (~1 KB, self-contained) repeated, then an empty final block.
 */
export function zipBomb(mebibytes: number): Uint8Array<ArrayBuffer> {
  const block = deflateRawSync(new Uint8Array(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(new Uint8Array(0));
  const out = new Uint8Array(block.byteLength * mebibytes + end.byteLength);
  for (let i = 0; i < mebibytes; i++) out.set(block, i * block.byteLength);
  out.set(end, block.byteLength * mebibytes);
  return out;
}
