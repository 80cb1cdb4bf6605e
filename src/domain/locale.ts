/** The languages the simulator speaks. Every text a learner reads is written in each of them. */
export type Locale = 'en' | 'ja';

export const LOCALES: readonly Locale[] = ['en', 'ja'];

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ja';
}

/**
 * A text in every language, written side by side where it is used (a lesson, a check's detail).
 * Paragraphs are separated by a blank line; `code` spans are backticks.
 */
export type LocalizedText = Readonly<Record<Locale, string>>;
