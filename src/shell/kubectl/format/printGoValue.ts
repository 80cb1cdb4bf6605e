import type { Json, JsonObject } from '../../../domain/objects.ts';
import { compareByteWise } from './compareByteWise.ts';
import { formatGoFloat } from './formatGoFloat.ts';
import { quoteGoString } from './quoteGoString.ts';

/**
 * A value as Go's reflection sees it inside kubectl's JSONPath engine. Unstructured objects hold
 * maps, slices, strings, int64 (whole numbers), float64 and bool; a JSON null is an interface
 * holding nil. Template literals add `int`, and ranging over a string yields `uint8` bytes.
 * `invalid` is the zero reflect.Value the engine starts from after an empty `{range}`.
 */
export type GoValue =
  | { readonly kind: 'invalid' }
  | { readonly kind: 'nil' }
  | { readonly kind: 'map'; readonly value: JsonObject }
  | { readonly kind: 'slice'; readonly value: Json[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'int64' | 'int' | 'uint8' | 'float64'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean };

/** The Go value kubectl's unstructured decoding gives a JSON value. */
export function goValueOf(json: Json | undefined): GoValue {
  if (json === null || json === undefined) return { kind: 'nil' };
  if (Array.isArray(json)) return { kind: 'slice', value: json };
  if (typeof json === 'object') return { kind: 'map', value: json };
  if (typeof json === 'string') return { kind: 'string', value: json };
  if (typeof json === 'boolean') return { kind: 'bool', value: json };
  return { kind: Number.isInteger(json) ? 'int64' : 'float64', value: Object.is(json, -0) ? 0 : json };
}

/** The JSON a Go value marshals to (`json.Marshal(v.Interface())`). */
export function jsonOfGoValue(value: GoValue): Json {
  switch (value.kind) {
    case 'invalid':
    case 'nil':
      return null;
    default:
      return value.value;
  }
}

/** reflect.Type.String() of the value, as in "map[string]interface {} is not array or slice". */
export function goTypeName(value: GoValue): string {
  switch (value.kind) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'nil':
    case 'invalid':
      return 'interface {}';
    default:
      return value.kind;
  }
}

/** Prints a value as Go's fmt does with `%v` or `%#v` (map keys sorted, as fmt sorts them). */
export function printGoValue(value: GoValue, verb: '%v' | '%#v'): string {
  return verb === '%v' ? formatV(value) : formatSharpV(value, true);
}

function sortedKeys(map: JsonObject): string[] {
  return Object.keys(map)
    .filter((key) => map[key] !== undefined)
    .sort(compareByteWise);
}

function formatV(value: GoValue): string {
  switch (value.kind) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return '<nil>';
    case 'map':
      return `map[${sortedKeys(value.value)
        .map((key) => `${key}:${formatV(goValueOf(value.value[key]))}`)
        .join(' ')}]`;
    case 'slice':
      return `[${value.value.map((item) => formatV(goValueOf(item))).join(' ')}]`;
    case 'string':
      return value.value;
    case 'float64':
      return formatGoFloat(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    default:
      return String(value.value);
  }
}

/** `%#v`; `top` is false for elements of a map or slice, where a nil prints with its type. */
function formatSharpV(value: GoValue, top: boolean): string {
  switch (value.kind) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return top ? '<nil>' : 'interface {}(nil)';
    case 'map':
      return `map[string]interface {}{${sortedKeys(value.value)
        .map((key) => `${quoteGoString(key)}:${formatSharpV(goValueOf(value.value[key]), false)}`)
        .join(', ')}}`;
    case 'slice':
      return `[]interface {}{${value.value.map((item) => formatSharpV(goValueOf(item), false)).join(', ')}}`;
    case 'string':
      return quoteGoString(value.value);
    case 'float64':
      return formatGoFloat(value.value);
    case 'uint8':
      return `0x${value.value.toString(16)}`;
    case 'bool':
      return value.value ? 'true' : 'false';
    default:
      return String(value.value);
  }
}
