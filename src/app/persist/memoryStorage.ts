import type { StorageLike } from './store.ts';

/**
 * A storage that lives as long as the page: for an embedded instance that must not share the
 * learner's progress, and for tests. `quota` (in UTF-16 units over keys and values, as browsers
 * count) makes `setItem` throw a `QuotaExceededError` and leave the old value, as browsers do.
 */
export function createMemoryStorage(quota = Infinity): StorageLike & { readonly size: number } {
  const items = new Map<string, string>();
  const sizeOf = (except?: string): number => {
    let total = 0;
    for (const [k, v] of items) if (k !== except) total += k.length + v.length;
    return total;
  };
  return {
    getItem: (key) => items.get(String(key)) ?? null,
    setItem(key, value) {
      const k = String(key);
      const v = String(value);
      if (sizeOf(k) + k.length + v.length > quota) {
        throw new DOMException(`Setting the value of '${k}' exceeded the quota.`, 'QuotaExceededError');
      }
      items.set(k, v);
    },
    removeItem: (key) => void items.delete(String(key)),
    get size() {
      return sizeOf();
    },
  };
}
