/** A JSON value as jq sees it. Objects keep insertion order, as jq's do. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An object value (not an array, not null). */
export type JsonObject = { [key: string]: Json };

/** A jq runtime error: `jq: error (at …): message`. `value` is what `error(v)` raised, if not a string. */
export class JqError extends Error {
  constructor(
    message: string,
    readonly value: Json = message,
  ) {
    super(message);
  }
}

/** jq's kind names, as `type` and the error messages print them. */
export function kindOf(v: Json): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as 'boolean' | 'number' | 'string' | 'object';
}

export function isObject(v: Json): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function isTruthy(v: Json): boolean {
  return v !== null && v !== false;
}

const KIND_ORDER = { null: 0, boolean: 1, number: 3, string: 4, array: 5, object: 6 } as const;

/** jq's total order: null < false < true < numbers < strings < arrays < objects. */
export function compareJson(a: Json, b: Json): number {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) {
    return KIND_ORDER[ka] - KIND_ORDER[kb];
  }
  switch (ka) {
    case 'null':
      return 0;
    case 'boolean':
      return Number(a) - Number(b);
    case 'number': {
      // NaN sorts below every number, as in jq (`nan < 1` is true).
      const x = a as number;
      const y = b as number;
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'string':
      return compareStrings(a as string, b as string);
    case 'array': {
      const x = a as Json[];
      const y = b as Json[];
      for (let i = 0; i < x.length && i < y.length; i++) {
        const c = compareJson(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 'object': {
      // Objects compare by their sorted key sets first, then value by value in key order.
      const x = a as JsonObject;
      const y = b as JsonObject;
      const kx = Object.keys(x).sort(compareStrings);
      const ky = Object.keys(y).sort(compareStrings);
      const c = compareJson(kx, ky);
      if (c !== 0) return c;
      for (const k of kx) {
        const d = compareJson(x[k]!, y[k]!);
        if (d !== 0) return d;
      }
      return 0;
    }
  }
}

/** Byte-wise (UTF-8) order, as jq's memcmp; for UTF-16 strings, code point order gives the same. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

export function jsonEquals(a: Json, b: Json): boolean {
  return compareJson(a, b) === 0;
}

/** Object keys sorted the way `keys` and `-S` sort them. */
export function sortedKeys(o: JsonObject): string[] {
  return Object.keys(o).sort(compareStrings);
}
