import type { Builtin } from './builtin.ts';

/** `true` and `:` succeed, `false` fails; nothing else. */
export const trivial = {
  true: (() => 0) satisfies Builtin,
  false: (() => 1) satisfies Builtin,
};
