import type { Json } from '../../../domain/objects.ts';
import { compareByteWise } from './compareByteWise.ts';

/**
 * Go's `encoding/json` Marshal (indent '') or MarshalIndent(v, "", indent) of an unstructured
 * object: map keys sorted byte-wise, `<`, `>`, `&`, U+2028 and U+2029 escaped as \u00XX,
 * integers printed whole and floats the shortest way (which is what `String(n)` gives).
 * `undefined` members, which JSON cannot hold, are skipped as if absent (null inside arrays).
 */
export function marshalGoJson(value: Json, indent = ''): string {
  return encode(value, indent, '');
}

function encode(value: Json | undefined, indent: string, prefix: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Object.is(value, -0) ? 0 : value) : 'null';
  if (typeof value === 'string') return quoteJsonString(value);

  const inner = prefix + indent;
  const open = indent ? `\n${inner}` : '';
  const separator = indent ? `,\n${inner}` : ',';
  const close = indent ? `\n${prefix}` : '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${value.map((item) => encode(item, indent, inner)).join(separator)}${close}]`;
  }
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort(compareByteWise);
  if (keys.length === 0) return '{}';
  const colon = indent ? ': ' : ':';
  const members = keys.map((key) => `${quoteJsonString(key)}${colon}${encode(value[key], indent, inner)}`);
  return `{${open}${members.join(separator)}${close}}`;
}

const shortEscapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function quoteJsonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const short = shortEscapes[ch];
    if (short !== undefined) out += short;
    else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate is invalid UTF-8 to Go, which writes U+FFFD instead.
      out += '\\ufffd';
    } else out += ch;
  }
  return out + '"';
}
