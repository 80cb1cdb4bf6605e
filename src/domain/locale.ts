/** The languages the simulator speaks. Every text a learner reads is written in each of them. */
export type Locale = 'en' | 'ja';

export const LOCALES: readonly Locale[] = ['en', 'ja'];

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ja';
}

/**
 * The language to start in: the URL's `lang` parameter first (`?lang=ja`, or `lang=` in the
 * hash's parameters), then the browser's preferred languages, then English.
 */
export function detectLocale(search: string, languages: readonly string[] = []): Locale {
  const fromUrl = new URLSearchParams(search.replace(/^[?#]/, '')).get('lang')?.toLowerCase();
  if (isLocale(fromUrl)) return fromUrl;
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/**
 * A text in every language, written side by side where it is used (a lesson, a check's detail).
 * Paragraphs are separated by a blank line; `code` spans are backticks.
 */
export type LocalizedText = Readonly<Record<Locale, string>>;
