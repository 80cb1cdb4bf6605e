import type { StorageLike } from './store.ts';

/**
 * The page's `localStorage`, or `undefined` where reading the property itself throws (storage
 * disabled, a sandboxed iframe: `SecurityError`). It does not test a write: a full storage can
 * still be read, and old Safari's private mode, which refuses every write, shows up as `quota` on save.
 */
export function getBrowserStorage(): StorageLike | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
