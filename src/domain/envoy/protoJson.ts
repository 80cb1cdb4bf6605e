/**
 * Envoy resources as protobuf JSON. Resources are built as plain objects whose keys are the proto
 * field names (snake_case) in the order the .proto files declare them, which is the order both
 * printers follow: Envoy's C++ printer (admin /config_dump) and Go's jsonpb (istioctl -o json).
 */

/** A printable proto value. 64-bit integers are kept as strings, as proto JSON prints them. */
export type ProtoValue = string | number | boolean | ProtoObject | ProtoValue[] | ProtoMap;

/** A message: fields by proto name, in declaration order. Undefined fields are left out. */
export interface ProtoObject {
  [field: string]: ProtoValue | undefined;
}

/**
 * A map field or a google.protobuf.Struct: its keys are data (label names, metadata keys, filter
 * names), printed as written by both printers, never turned into lowerCamelCase.
 */
export class ProtoMap {
  constructor(readonly entries: ProtoObject) {}
}

/** A map field: its keys as written, its values printed as messages. */
export function protoMap(entries: ProtoObject): ProtoMap {
  return new ProtoMap(entries);
}

/** A google.protobuf.Struct: every key, at every depth, as written. */
export function protoStruct(fields: ProtoObject): ProtoMap {
  const out: ProtoObject = {};
  for (const [k, v] of Object.entries(fields)) out[k] = v === undefined ? undefined : structValue(v);
  return new ProtoMap(out);
}

function structValue(value: ProtoValue): ProtoValue {
  if (typeof value !== 'object' || value instanceof ProtoMap) return value;
  if (Array.isArray(value)) return value.map(structValue);
  return protoStruct(value);
}

/** proto3 JSON name: `filter_chains` → `filterChains` (protoc's ToJsonName). */
export function jsonName(field: string): string {
  let out = '';
  let upper = false;
  for (const ch of field) {
    if (ch === '_') upper = true;
    else {
      out += upper ? ch.toUpperCase() : ch;
      upper = false;
    }
  }
  return out;
}

interface PrintOptions {
  /** One level of indentation. */
  indent: string;
  /** Field names as lowerCamelCase (jsonpb) instead of the proto names (Envoy's preserve_proto_field_names). */
  camel: boolean;
  /**
   * Characters written as `\u00XX`: Go's encoding/json escapes `<`, `>`, `&`, U+2028 and U+2029;
   * protobuf's C++ printer `<` and `>` (Envoy's `/certs` shows `\u003cinline\u003e`).
   */
  escape: RegExp;
}

function quote(text: string, escape: RegExp): string {
  return JSON.stringify(text).replace(escape, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One value, pretty-printed: `{}` and `[]` when empty, `"key": value` pairs one per line. */
function print(value: ProtoValue, options: PrintOptions, depth: number): string {
  if (typeof value === 'string') return quote(value, options.escape);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const pad = options.indent.repeat(depth + 1);
  const close = options.indent.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => pad + print(v, options, depth + 1)).join(',\n')}\n${close}]`;
  }
  const isMap = value instanceof ProtoMap;
  const fields = isMap ? value.entries : value;
  const keys = Object.keys(fields).filter((k) => fields[k] !== undefined);
  // Map entries print sorted by key (Go's jsonpb sorts them; so does the C++ printer).
  if (isMap) keys.sort(compareBytes);
  if (keys.length === 0) return '{}';
  const lines = keys.map((key) => {
    const name = isMap || !options.camel || key === '@type' ? key : jsonName(key);
    return `${pad}${quote(name, options.escape)}: ${print(fields[key] as ProtoValue, options, depth + 1)}`;
  });
  return `{\n${lines.join(',\n')}\n${close}}`;
}

/**
 * As Envoy's admin handlers print a message (MessageUtil::getJsonStringFromMessage with
 * pretty_print): proto field names, one space per level.
 */
export function envoyJson(value: ProtoValue): string {
  return print(value, { indent: ' ', camel: false, escape: /[<>]/g }, 0);
}

/**
 * As istioctl prints messages: jsonpb (lowerCamelCase names) re-indented by Go's
 * json.MarshalIndent(v, "", indent), which also escapes HTML characters.
 */
export function istioctlJson(value: ProtoValue, indent = '    '): string {
  return print(value, { indent, camel: true, escape: /[<>&\u2028\u2029]/g }, 0);
}

/** The value as plain JSON data with lowerCamelCase names, for printers that take JSON (YAML). */
export function toCamelJson(value: ProtoValue): unknown {
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toCamelJson);
  const isMap = value instanceof ProtoMap;
  const fields = isMap ? value.entries : value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[isMap || k === '@type' ? k : jsonName(k)] = toCamelJson(v);
  return out;
}
