import type { Json, JsonObject } from '../../../domain/objects.ts';
import { compareByteWise } from './compareByteWise.ts';
import { formatGoFloat } from './formatGoFloat.ts';
import { quoteGoString } from './quoteGoString.ts';
import { trampoline } from './trampoline.ts';

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

/**
 * Prints a value as Go's fmt does with `%v` or `%#v` (map keys sorted, as fmt sorts them), at any
 * depth: the walk keeps its frames on the heap.
 */
export function printGoValue(value: GoValue, verb: '%v' | '%#v'): string {
  const out: string[] = [];
  const sharp = verb === '%#v';
  trampoline<{ value: GoValue; top: boolean }>(function* print({ value, top }) {
    if (value.kind === 'map') {
      const keys = sortedKeys(value.value);
      out.push(sharp ? 'map[string]interface {}{' : 'map[');
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] ?? '';
        out.push(`${i === 0 ? '' : sharp ? ', ' : ' '}${sharp ? quoteGoString(key) : key}:`);
        yield { value: goValueOf(value.value[key]), top: false };
      }
      out.push(sharp ? '}' : ']');
    } else if (value.kind === 'slice') {
      out.push(sharp ? '[]interface {}{' : '[');
      for (let i = 0; i < value.value.length; i++) {
        if (i > 0) out.push(sharp ? ', ' : ' ');
        yield { value: goValueOf(value.value[i]), top: false };
      }
      out.push(sharp ? '}' : ']');
    } else out.push(sharp ? formatSharpScalar(value, top) : formatScalar(value));
  }, { value, top: true });
  return out.join('');
}

function sortedKeys(map: JsonObject): string[] {
  return Object.keys(map)
    .filter((key) => map[key] !== undefined)
    .sort(compareByteWise);
}

type GoScalar = Exclude<GoValue, { kind: 'map' | 'slice' }>;

/** `%v` of anything but a map or slice. */
function formatScalar(value: GoScalar): string {
  switch (value.kind) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return '<nil>';
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

/** `%#v` of anything but a map or slice; `top` is false for elements of a map or slice, where a nil prints with its type. */
function formatSharpScalar(value: GoScalar, top: boolean): string {
  switch (value.kind) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return top ? '<nil>' : 'interface {}(nil)';
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
