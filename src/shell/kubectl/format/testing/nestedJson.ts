import type { Json } from '../../../../domain/objects.ts';

/** `leaf` wrapped `depth` times by `wrap`, e.g. `nestedJson(2, (a) => ({ a }))` is `{ a: { a: 1 } }` (tests). */
export function nestedJson(depth: number, wrap: (inner: Json) => Json, leaf: Json = 1): Json {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}
