import type { Json, JsonObject } from '../../../domain/objects.ts';
import { compareByteWise } from './compareByteWise.ts';

/** An array or object being written: its items (an object's keys, sorted) and how many are written. */
type OpenCollection =
  | { readonly items: readonly (Json | undefined)[]; readonly keys: undefined; written: number }
  | { readonly items: JsonObject; readonly keys: readonly string[]; written: number };

/**
 * Go's `encoding/json` Marshal (indent '') or MarshalIndent(v, "", indent) of an unstructured
 * object: map keys sorted byte-wise, `<`, `>`, `&`, U+2028 and U+2029 escaped as \u00XX,
 * integers printed whole and floats the shortest way (which is what `String(n)` gives).
 * `undefined` members, which JSON cannot hold, are skipped as if absent (null inside arrays).
 * Open collections are kept on a stack of their own, not the call stack: manifests may nest 10,000
 * levels deep (the limit of go-yaml and encoding/json).
 */
export function marshalGoJson(value: Json, indent = ''): string {
  const colon = indent ? ': ' : ':';
  /** The line break and indentation that start a line at each depth ('' without an indent). */
  const lines: string[] = [];
  const lineAt = (depth: number): string => (lines[depth] ??= indent ? `\n${indent.repeat(depth)}` : '');
  const open: OpenCollection[] = [];
  let out = '';
  let next: Json | undefined = value;
  for (;;) {
    if (Array.isArray(next)) {
      if (next.length === 0) out += '[]';
      else {
        out += '[';
        open.push({ items: next, keys: undefined, written: 0 });
      }
    } else if (typeof next === 'object' && next !== null) {
      const map: JsonObject = next;
      const keys = Object.keys(map)
        .filter((key) => map[key] !== undefined)
        .sort(compareByteWise);
      if (keys.length === 0) out += '{}';
      else {
        out += '{';
        open.push({ items: map, keys, written: 0 });
      }
    } else out += scalarJson(next);

    // Then the next member of the innermost open collection, closing those that are done.
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) return out;
      const depth = open.length;
      const i = top.written++;
      if (top.keys === undefined) {
        if (i < top.items.length) {
          out += i === 0 ? lineAt(depth) : `,${lineAt(depth)}`;
          next = top.items[i];
          break;
        }
      } else if (i < top.keys.length) {
        const key = top.keys[i] ?? '';
        out += `${i === 0 ? '' : ','}${lineAt(depth)}${quoteJsonString(key)}${colon}`;
        next = top.items[key];
        break;
      }
      open.pop();
      out += `${lineAt(depth - 1)}${top.keys === undefined ? ']' : '}'}`;
    }
  }
}

function scalarJson(value: null | undefined | boolean | number | string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Object.is(value, -0) ? 0 : value) : 'null';
  return quoteJsonString(value);
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
