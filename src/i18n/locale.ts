import { isLocale, type Locale } from '../domain/locale.ts';
import { en, ja, type MessageKey } from './messages/index.ts';

export { isLocale, LOCALES, type Locale } from '../domain/locale.ts';
export const tables: Record<Locale, Record<MessageKey, string>> = { en, ja };

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

/** `{name}` placeholders filled from params; unknown placeholders are left as they are. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return format(tables[locale][key] ?? tables.en[key] ?? key, params);
}

/** A translate function, as `I18n.t`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What plain helpers (row builders, diagram layout) need from an I18n: its language and `t`. */
export interface Translator {
  readonly locale: Locale;
  t: Translate;
}

/** English, for helpers called outside an app instance (unit tests, defaults). */
export const ENGLISH: Translator = { locale: 'en', t: (key, params) => translate('en', key, params) };

