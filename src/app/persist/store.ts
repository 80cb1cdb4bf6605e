import { LIMITS } from './fields.ts';
import { STORE_KEY } from './storeKey.ts';
import { parseSavedState } from './parseSavedState.ts';
import { createDefaultState, validateSavedState, type SavedState } from './savedState.ts';

/**
 * What the UI tells the learner after a load or a failed save:
 * - `corrupt`: the saved data was unreadable; the app starts afresh;
 * - `newer-version`: a newer version of the app saved it; the app starts afresh;
 * - `migrated`: an older version saved it; it was upgraded;
 * - `unavailable`: there is no storage (private mode, storage disabled); progress is not kept;
 * - `quota`: storage is full, or the progress is over the size caps; the last good save stays.
 */
export type NoticeCode = 'corrupt' | 'newer-version' | 'migrated' | 'unavailable' | 'quota';

export interface LoadResult {
  state: SavedState;
  notice?: NoticeCode;
}

/** `invalid`: the state fails the validator (a bad id, say): a bug in the caller, nothing is written. */
export type SaveResult = { ok: true } | { ok: false; notice: 'quota' | 'unavailable' | 'invalid' };

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface ProgressStore {
  /** The storage key it keeps progress under (a `storage` event names it when another tab saves). */
  readonly key: string;
  /** The saved state, or defaults with a notice. Never throws. */
  load(): LoadResult;
  /**
   * Validates and writes the state. When the write fails the previous value stays as it was
   * (`setItem` either stores the whole value or nothing). Never throws.
   */
  save(state: SavedState): SaveResult;
  /** Forgets all progress (the "reset" button). Never throws. */
  clear(): void;
}

/**
 * Where `load` copies a value it could not read (when there is room), so that the next `save` does
 * not destroy what a newer version of the app wrote. `save` drops the copy when storage is full.
 */
export const unreadableKey = (key: string): string => `${key}.unreadable`;

export { STORE_KEY };

/**
 * Progress in `storage` (normally `localStorage`; `undefined` when the page may not use it, see
 * `getBrowserStorage`), under one key.
 */
export function createStore(storage: StorageLike | undefined, key = STORE_KEY): ProgressStore {
  function keepUnreadable(raw: string): void {
    try {
      storage?.setItem(unreadableKey(key), raw);
    } catch {
      // Best effort: no room for a copy is no reason to fail the load.
    }
  }

  function load(): LoadResult {
    if (!storage) return { state: createDefaultState(), notice: 'unavailable' };
    let raw: unknown;
    try {
      raw = storage.getItem(key);
    } catch {
      return { state: createDefaultState(), notice: 'unavailable' };
    }
    if (raw === null || raw === undefined) return { state: createDefaultState() };
    if (typeof raw !== 'string') return { state: createDefaultState(), notice: 'corrupt' };
    // A string longer than the cap in UTF-16 units is longer in UTF-8 bytes too: not worth parsing.
    if (raw.length > LIMITS.maxStateBytes) {
      keepUnreadable(raw);
      return { state: createDefaultState(), notice: 'corrupt' };
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      keepUnreadable(raw);
      return { state: createDefaultState(), notice: 'corrupt' };
    }
    const parsed = parseSavedState(json);
    if (!parsed.ok) {
      keepUnreadable(raw);
      return { state: createDefaultState(), notice: parsed.code === 'newer-version' ? 'newer-version' : 'corrupt' };
    }
    if (!parsed.migrated) return { state: parsed.state };
    // Write the upgrade back, so the notice is shown once; if that fails the next save retries.
    save(parsed.state);
    return { state: parsed.state, notice: 'migrated' };
  }

  function save(state: SavedState): SaveResult {
    if (!storage) return { ok: false, notice: 'unavailable' };
    const checked = validateSavedState(state);
    if (!checked.ok) return { ok: false, notice: checked.code === 'too-large' ? 'quota' : 'invalid' };
    const text = JSON.stringify(checked.value);
    try {
      storage.setItem(key, text);
      return { ok: true };
    } catch (error) {
      if (!isQuotaError(error)) return { ok: false, notice: 'unavailable' };
    }
    // Full: the copy of an unreadable value is the one thing we may drop to make room.
    try {
      if (storage.getItem(unreadableKey(key)) === null) return { ok: false, notice: 'quota' };
      storage.removeItem(unreadableKey(key));
      storage.setItem(key, text);
      return { ok: true };
    } catch (error) {
      return { ok: false, notice: isQuotaError(error) ? 'quota' : 'unavailable' };
    }
  }

  function clear(): void {
    try {
      storage?.removeItem(key);
      storage?.removeItem(unreadableKey(key));
    } catch {
      // Nothing to do: without storage there is nothing to clear.
    }
  }

  return {
    key,
    load: () => safely(load, () => ({ state: createDefaultState(), notice: 'corrupt' as const })),
    save: (state) => safely(() => save(state), () => ({ ok: false, notice: 'unavailable' as const })),
    clear,
  };
}

/** A last net under the explicit checks: a bug or an exotic storage must not break the page. */
function safely<T>(run: () => T, fallback: () => T): T {
  try {
    return run();
  } catch {
    return fallback();
  }
}

/**
 * `QuotaExceededError` is a `DOMException` named so in current browsers; older Firefox used
 * `NS_ERROR_DOM_QUOTA_REACHED` (code 1014) and old WebKit code 22 with no name.
 * https://developer.mozilla.org/en-US/docs/Web/API/Storage/setItem#exceptions
 */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}
