import type { Builtin } from '../bash/builtins/builtin.ts';
import { parseOptions } from '../bash/builtins/parseOptions.ts';
import { usageError } from './gnuUsage.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of the text's UTF-8 bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : ALPHABET[c & 63]!;
  }
  return out;
}

/**
 * Decodes as GNU base64 -d does (coreutils src/basenc.c): newlines are skipped, and the first byte
 * that is not base64 stops it with `invalid input` after what came before (garbage is skipped with -i).
 */
export function decodeBase64(text: string, ignoreGarbage: boolean): { bytes: Uint8Array; ok: boolean } {
  let chars = text.replace(/\n/g, '');
  if (ignoreGarbage) chars = chars.replace(/[^A-Za-z0-9+/=]/g, '');
  const out: number[] = [];
  const value = (c: string | undefined) => (c === undefined ? -1 : ALPHABET.indexOf(c));
  // Four characters at a time; `=` may only end a group (coreutils lib/base64.c decode_4).
  for (let i = 0; i < chars.length; i += 4) {
    const [a, b, c, d] = [value(chars[i]), value(chars[i + 1]), value(chars[i + 2]), value(chars[i + 3])];
    if (a < 0 || b < 0) return { bytes: Uint8Array.from(out), ok: false };
    out.push(((a << 2) | (b >> 4)) & 0xff);
    if (chars[i + 2] === '=') {
      if (chars[i + 3] !== '=') return { bytes: Uint8Array.from(out), ok: false };
      continue;
    }
    if (c < 0) return { bytes: Uint8Array.from(out), ok: false };
    out.push(((b << 4) | (c >> 2)) & 0xff);
    if (chars[i + 3] === '=') continue;
    if (d < 0) return { bytes: Uint8Array.from(out), ok: false };
    out.push(((c << 6) | d) & 0xff);
  }
  return { bytes: Uint8Array.from(out), ok: true };
}

/**
 * `base64 [-d] [-i] [-w COLS] [file]`: encodes the input's UTF-8 bytes, wrapping at 76 columns (0
 * for no wrapping), or decodes. Decoded bytes are shown as UTF-8 text.
 */
export const base64: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), { flags: 'di', valued: 'w', long: { decode: 'd', 'ignore-garbage': 'i', wrap: 'w' } });
  if (options.error) return usageError(ctx, 'base64', options.error, 1);
  const wrapText = options.values.get('w') ?? '76';
  if (!/^\d+$/.test(wrapText)) {
    ctx.stderr(`base64: invalid wrap size: '${wrapText}'\n`);
    return 1;
  }
  const wrap = Number(wrapText);
  const [file, extra] = options.operands;
  if (extra !== undefined) return usageError(ctx, 'base64', `extra operand '${extra}'`, 1);
  let text = ctx.stdin;
  if (file !== undefined && file !== '-') {
    const path = ctx.fs.resolve(file);
    if (ctx.fs.isDirectory(path)) {
      ctx.stderr(`base64: read error: Is a directory\n`);
      return 1;
    }
    const content = ctx.fs.readFile(path);
    if (content === undefined) {
      ctx.stderr(`base64: ${file}: No such file or directory\n`);
      return 1;
    }
    text = content;
  }
  if (options.flags.has('d')) {
    const { bytes, ok } = decodeBase64(text, options.flags.has('i'));
    ctx.stdout(new TextDecoder().decode(bytes));
    if (!ok) {
      ctx.stderr('base64: invalid input\n');
      return 1;
    }
    return 0;
  }
  const encoded = encodeBase64(new TextEncoder().encode(text));
  if (encoded === '') return 0;
  if (wrap === 0) ctx.stdout(encoded);
  else {
    let out = '';
    for (let i = 0; i < encoded.length; i += wrap) out += `${encoded.slice(i, i + wrap)}\n`;
    ctx.stdout(out);
  }
  return 0;
};
