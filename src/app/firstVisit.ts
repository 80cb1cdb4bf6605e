import { detectLocale, isLocale, type Locale } from '../domain/locale.ts';
import type { StorageLike } from './persist/store.ts';
import { STORE_KEY } from './persist/storeKey.ts';

/** The page's options that leave the start alone: they change how it looks, not where it begins. */
const LOOKS_ONLY = new Set(['lang', 'theme', 'presenter']);

/**
 * Whether this load of the full page opens the first lesson at its start, with nothing to replay:
 * no option that picks another start (`lesson`, `step`, `mode`, `scenario`, `embed`…), nothing in
 * the address's hash (a shared link, a scenario), no progress saved in `storage`. Then the
 * playground's start is known before its code has arrived (Playground.open, first-visit branch).
 * Anything unusual answers false: the page then waits for the playground, as it always could.
 */
export function opensFirstLessonFresh(search: string, hash: string, storage: StorageLike | undefined): boolean {
  if (hash.replace(/^#/, '') !== '') return false;
  for (const name of new URLSearchParams(search.replace(/^\?/, '')).keys()) if (!LOOKS_ONLY.has(name)) return false;
  try {
    return storage?.getItem(STORE_KEY) == null;
  } catch {
    // Storage that throws is storage the playground cannot read either: it starts afresh too.
    return true;
  }
}

/**
 * The language the page will start in, before the app has loaded (the boot terminal's status
 * line), as Playground.open picks it: the address's `lang` (`urlLocale`, parseOptions'), then the
 * language saved with the learner's progress, then the browser's preferred languages.
 */
export function startLocale(urlLocale: Locale | undefined, languages: readonly string[], storage: StorageLike | undefined): Locale {
  return urlLocale ?? savedLocale(storage) ?? detectLocale('', languages);
}

/** The language saved with the learner's progress, read without the rest of it (the page's first script stays small). */
function savedLocale(storage: StorageLike | undefined): Locale | undefined {
  try {
    const saved = storage?.getItem(STORE_KEY);
    const locale: unknown = saved ? (JSON.parse(saved) as { locale?: unknown } | null)?.locale : undefined;
    return isLocale(locale) ? locale : undefined;
  } catch {
    // Unreadable storage or progress: the app cannot read it either, and starts from the browser's languages.
    return undefined;
  }
}
